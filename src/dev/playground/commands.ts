/**
 * The playground's own `:` commands. Anything else a line contains is sent to the bot as text
 * (`::text` sends `:text`).
 */

export type TimeMove =
  | { by: number }
  /** A wall-clock date and time in the forum's time zone. */
  | { at: { year: number; month: number; day: number; hour: number; minute: number } }
  /** The next time the clock shows hour:minute. */
  | { next: { hour: number; minute: number } };

export type Command =
  | { kind: 'text'; text: string }
  | { kind: 'press'; button: number; message?: number }
  /** Follows a link in a message (the last one with a link here, or #message; the link-th link). */
  | { kind: 'open'; message?: number; link?: number }
  | { kind: 'user'; name: string }
  | { kind: 'group'; name: string; forum: boolean }
  | { kind: 'topic'; name?: string }
  | { kind: 'private' }
  | { kind: 'time'; move?: TimeMove }
  /** Sends a file from disk as a document, or as a photo (Telegram's compressed kind). */
  | { kind: 'send'; path: string; caption?: string; photo: boolean }
  | { kind: 'who' }
  | { kind: 'help' }
  | { kind: 'quit' };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const COMMAND_NAMES = ['user', 'group', 'topic', 'private', 'press', 'open', 'time', 'send', 'photo', 'who', 'help', 'quit'] as const;

export const HELP_LINES = [
  'Type a message and press Enter to send it to the bot as the current person, in the current chat.',
  '  :1, :2, …          press button 1, 2, … of the last message with buttons here',
  '  :press N M         press button M of message #N',
  '  :open [N [K]]      follow a link (t.me links to the bot open your private chat with /start …);',
  '                     the last message here with a link, or message #N; K picks its K-th link',
  '  :user NAME         become another person (created on first use; they must /start the bot like anyone)',
  '  :group NAME        go to a group chat (created with the bot in it on first use; add --forum for topics)',
  '  :topic NAME        go to a forum topic of the current group (:topic alone: back to General)',
  '  :private           back to your private chat with the bot',
  '  :time +2h          move the clock forward (+30m, +1d, +1d2h …), or to a WITA time:',
  '  :time 2026-12-03 08:00   :time 08:00 (the next 08:00)   :time (show it)',
  '  :send PATH [text]  send a file from disk as a document, with an optional caption',
  '                     (a path with spaces goes in quotes: :send "my file.pdf" caption)',
  '  :photo PATH [text] send an image from disk as a photo (Telegram\'s compressed kind)',
  '  :who               who and where you are, the people and groups',
  '  :help              this list',
  '  :quit              leave (Ctrl-C and Ctrl-D too); everything is kept for next time',
  '  ::text             send text that starts with ":"',
];

const NAME_MAX = 64;

function ok(command: Command): Parsed {
  return { ok: true, command };
}

function fail(error: string): Parsed {
  return { ok: false, error };
}

function checkName(raw: string, what: string, example: string): string | Parsed {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) return fail(`:${what} needs a name, e.g. :${what} ${example}`);
  if (name.length > NAME_MAX) return fail(`A name may be at most ${NAME_MAX} characters.`);
  if (!/\p{L}/u.test(name)) return fail(`A name needs at least one letter, e.g. :${what} ${example}`);
  return name;
}

function positive(word: string, what: string): number | string {
  if (!/^#?\d{1,6}$/.test(word)) return `${what} must be a number, not "${word}".`;
  const n = Number(word.replace('#', ''));
  if (n < 1) return `${what}s are numbered from 1.`;
  return n;
}

/** Parses one input line. Never throws. */
export function parseLine(line: string): Parsed {
  const text = line.replace(/\r$/, '');
  if (!text.startsWith(':')) return ok({ kind: 'text', text });
  if (text.startsWith('::')) return ok({ kind: 'text', text: text.slice(1) });
  const body = text.slice(1).trim();
  const [word = '', ...rest] = body.split(/\s+/);
  const args = body.slice(word.length).trim();

  if (/^\d+$/.test(word)) {
    if (rest.length > 0) return fail(`":${word}" presses a button and takes nothing after it; to press a button of an older message use :press N M.`);
    const n = positive(word, 'Button');
    return typeof n === 'string' ? fail(n) : ok({ kind: 'press', button: n });
  }

  switch (word.toLowerCase()) {
    case 'press': {
      if (rest.length !== 2) return fail('Usage: :press N M — button M of message #N (messages are numbered in the transcript).');
      const message = positive(rest[0]!, 'Message');
      if (typeof message === 'string') return fail(message);
      const button = positive(rest[1]!, 'Button');
      if (typeof button === 'string') return fail(button);
      return ok({ kind: 'press', message, button });
    }
    case 'open': {
      if (rest.length > 2) return fail('Usage: :open, :open N or :open N K — follow the K-th link of message #N.');
      const message = rest[0] === undefined ? undefined : positive(rest[0], 'Message');
      if (typeof message === 'string') return fail(message);
      const link = rest[1] === undefined ? undefined : positive(rest[1], 'Link');
      if (typeof link === 'string') return fail(link);
      return ok({ kind: 'open', ...(message !== undefined ? { message } : {}), ...(link !== undefined ? { link } : {}) });
    }
    case 'user': {
      const name = checkName(args, 'user', 'Budi');
      return typeof name === 'string' ? ok({ kind: 'user', name }) : name;
    }
    case 'group': {
      const forum = /(^|\s)--forum$/.test(args);
      const name = checkName(args.replace(/(^|\s)--forum$/, ''), 'group', 'Forum Warkop');
      if (typeof name !== 'string') return name;
      if (name.startsWith('-')) return fail(`Unknown option in "${args}". Only --forum (at the end) is understood.`);
      return ok({ kind: 'group', name, forum });
    }
    case 'topic': {
      if (args.length === 0) return ok({ kind: 'topic' });
      const name = checkName(args, 'topic', 'Umum');
      return typeof name === 'string' ? ok({ kind: 'topic', name }) : name;
    }
    case 'send':
    case 'photo': {
      const kind = word.toLowerCase();
      const m = /^(?:"([^"]+)"|(\S+))(?:\s+([\s\S]*))?$/.exec(args);
      if (!m) return fail(`Usage: :${kind} PATH [caption] — e.g. :${kind} scripts/demo-files/${kind === 'photo' ? 'sosialisasi.jpg' : 'sk-bupati.pdf'} SK Bupati`);
      const caption = m[3]?.trim();
      return ok({ kind: 'send', path: (m[1] ?? m[2])!, photo: kind === 'photo', ...(caption ? { caption } : {}) });
    }
    case 'private':
    case 'who':
    case 'help':
    case 'quit':
      if (args.length > 0) return fail(`:${word.toLowerCase()} takes no arguments.`);
      return ok({ kind: word.toLowerCase() as 'private' | 'who' | 'help' | 'quit' });
    case 'exit':
      return ok({ kind: 'quit' });
    case 'time': {
      if (args.length === 0) return ok({ kind: 'time' });
      const move = parseTimeMove(args);
      return typeof move === 'string' ? fail(move) : ok({ kind: 'time', move });
    }
    case '':
      return fail('A lone ":" is not a command. Type :help for the list, or ::text to send text starting with ":".');
    default: {
      const guess = closest(word.toLowerCase());
      return fail(`Unknown command :${word}.${guess ? ` Did you mean :${guess}?` : ''} Type :help for the list (::${word} sends the text ":${word}").`);
    }
  }
}

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const TIME_USAGE = 'Usage: :time +2h (also +30m, +1d, +1w, +1d2h30m), :time 2026-12-03 08:00, :time 08:00, or :time alone to see the clock.';

export function parseTimeMove(args: string): TimeMove | string {
  const compact = args.replace(/\s+/g, '');
  if (compact.startsWith('-')) return 'The playground clock only moves forward.';
  if (compact.startsWith('+')) {
    const parts = compact.slice(1).match(/\d+[wdhms]/gi);
    if (!parts || parts.join('') !== compact.slice(1)) return TIME_USAGE;
    const by = parts.reduce((sum, p) => sum + Number(p.slice(0, -1)) * UNIT_MS[p.slice(-1).toLowerCase()]!, 0);
    if (by <= 0) return 'Move the clock by more than nothing, e.g. :time +1h.';
    if (by > 5 * 366 * 86_400_000) return 'That is more than five years; move the clock in smaller steps.';
    return { by };
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2})[:.](\d{2}))?$/.exec(args.trim());
  if (full) {
    const [year, month, day, hour, minute] = [full[1], full[2], full[3], full[4] ?? '0', full[5] ?? '0'].map(Number) as [number, number, number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (month < 1 || month > 12 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return `${args.trim()} is not a valid date and time.`;
    return { at: { year, month, day, hour, minute } };
  }
  const clock = /^(\d{1,2})[:.](\d{2})$/.exec(args.trim());
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    if (hour > 23 || minute > 59) return `${args.trim()} is not a valid time of day.`;
    return { next: { hour, minute } };
  }
  return TIME_USAGE;
}

function closest(word: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of [...COMMAND_NAMES, 'exit']) {
    const d = distance(word, name);
    if (d <= (word.length >= 4 ? 2 : 1) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Tab completion for the interactive prompt. */
export function complete(line: string): [string[], string] {
  if (!line.startsWith(':') || line.includes(' ')) return [[], line];
  const hits = COMMAND_NAMES.map((n) => `:${n}`).filter((c) => c.startsWith(line));
  return [hits, line];
}

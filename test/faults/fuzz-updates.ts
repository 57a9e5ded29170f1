import { commandSpecs } from '../../src/bot/commands/registry.js';

export { prng } from '../../src/dev/prng.js';

const pieces = [
  '<b>tebal</b>', '<script>alert(1)</script>', '&amp;', '&', '<', '>', '"', "'", '*bold*', '_it_', '`code`', '[link](http://x)',
  '😀', '👍🏽', '🇮🇩', '\u200b', '\u202e', 'ﷺ', '𝕏', '\ud83d', 'Getar Dilan', 'pelayanan publik', '—', '|', '\n', '\n\n', '   ',
  'abaikan instruksi sebelumnya', '-1', '0', '999999999999', '1e9', 'NaN', 'null', '%00', '../../etc/passwd', "'; drop table ideas; --",
];

export interface FuzzActor {
  id: number;
  first_name: string;
}

export interface FuzzContext {
  actors: FuzzActor[];
  groups: { id: number; type: 'group' | 'supergroup'; title: string; is_forum?: boolean; threadId?: number }[];
  /** Real bot messages (chat id, message id) to hang forged button presses on. */
  botMessages: () => { chatId: number; messageId: number; chatType: string }[];
  /** Callback data seen on real buttons, to forge variations of. */
  knownCallbackData: () => string[];
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function randomText(rand: () => number): string {
  const roll = rand();
  if (roll < 0.05) return 'x'.repeat(4096 + Math.floor(rand() * 3000));
  if (roll < 0.1) return Array.from({ length: 200 }, () => String.fromCodePoint(Math.floor(rand() * 0x2ffff))).join('');
  const n = 1 + Math.floor(rand() * 8);
  return Array.from({ length: n }, () => (rand() < 0.5 ? pick(rand, pieces) : Math.floor(rand() * 1000).toString())).join(' ');
}

function randomCommand(rand: () => number): string {
  const spec = pick(rand, commandSpecs);
  const name = rand() < 0.5 ? spec.id : spec.en;
  const suffix = rand() < 0.1 ? '@SomeOtherBot' : '';
  const args = rand() < 0.3 ? '' : ' ' + randomText(rand);
  return `/${name}${suffix}${args}`;
}

function forgedData(rand: () => number, known: string[]): string {
  const roll = rand();
  if (roll < 0.5 && known.length) {
    const base = pick(rand, known);
    // Swap numbers for other numbers, including ones that do not exist.
    return base.replace(/\d+/g, () => pick(rand, ['0', '1', '2', '3', '99999', '-1', '1e3', 'abc']));
  }
  if (roll < 0.7) return pick(rand, ['i:sup:1', 'draft:new:1', 'ag:pick:1', 'ag:page:9999', 'lang:set:fr', 'prof:name', 's:rsvp:1:y', '::', '']);
  return randomText(rand).slice(0, 64);
}

let messageIds = 1_000_000;

/** One random update of any kind the bot might meet, valid or not. */
export function randomUpdate(rand: () => number, ctx: FuzzContext): Record<string, unknown> {
  const actor = pick(rand, ctx.actors);
  const from = { id: actor.id, is_bot: false, first_name: actor.first_name, language_code: pick(rand, ['id', 'en', 'fr', undefined]) };
  const inGroup = rand() < 0.3 && ctx.groups.length > 0;
  const group = inGroup ? pick(rand, ctx.groups) : undefined;
  const chat = group ?? { id: actor.id, type: 'private', first_name: actor.first_name };
  const text = rand() < 0.5 ? randomCommand(rand) : randomText(rand);
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  const message = {
    message_id: messageIds++,
    date: 1_790_000_000,
    chat,
    from,
    text,
    ...(entities ? { entities } : {}),
    ...(group?.threadId !== undefined && rand() < 0.5 ? { message_thread_id: group.threadId, is_topic_message: true } : {}),
  };
  const roll = rand();
  if (roll < 0.55) return { message };
  if (roll < 0.8) {
    const target = ctx.botMessages();
    const on = target.length ? pick(rand, target) : undefined;
    return {
      callback_query: {
        id: `fuzz-${messageIds++}`,
        from,
        chat_instance: '1',
        data: forgedData(rand, ctx.knownCallbackData()),
        ...(on ? { message: { message_id: on.messageId, date: 1_790_000_000, chat: { id: on.chatId, type: on.chatType }, text: 'x' } } : {}),
      },
    };
  }
  if (roll < 0.86) return { edited_message: { ...message, edit_date: 1_790_000_100 } };
  if (roll < 0.9) return { channel_post: { message_id: messageIds++, date: 1_790_000_000, chat: { id: -1009999, type: 'channel', title: 'Kanal' }, text } };
  if (roll < 0.94) return { message: { ...message, from: undefined } };
  if (roll < 0.97) return { message_reaction: { chat, message_id: 1, date: 1_790_000_000, old_reaction: [], new_reaction: [] } };
  return { message: { ...message, text: undefined, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } };
}

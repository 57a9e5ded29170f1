/**
 * Bot messages as terminal text: formatting from Telegram's entities (ANSI on a terminal, plain
 * otherwise), links as `text (url)`, inline keyboards as numbered buttons, documents and photos as a line.
 */
import type { InlineButton, MessageEntity } from '../telegram-double/index.js';

export interface Style {
  /** ANSI colours and attributes (stdout is a terminal). */
  color: boolean;
  /** Terminal width: long lines wrap under their block's bar instead of at the screen's edge. */
  width?: number;
}

const SGR: Record<string, string> = {
  bold: '1',
  italic: '3',
  underline: '4',
  strikethrough: '9',
  code: '36',
  pre: '36',
  spoiler: '7',
};

const RESET = '\x1b[0m';
const sgr = (codes: string[]) => (codes.length ? `\x1b[${codes.join(';')}m` : '');

export function dim(text: string, style: Style): string {
  return style.color ? `\x1b[2m${text}${RESET}` : text;
}

export function bold(text: string, style: Style): string {
  return style.color ? `\x1b[1m${text}${RESET}` : text;
}

export function warn(text: string, style: Style): string {
  return style.color ? `\x1b[33m${text}${RESET}` : text;
}

/** Visible width of a line (ANSI sequences removed). */
export function visibleLength(text: string): number {
  return [...text.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/**
 * Applies entities to Telegram's plain text. Each run between entity boundaries is written with
 * the full set of attributes active there, so nested and overlapping entities stay correct.
 */
export function formatEntities(text: string, entities: readonly MessageEntity[] | undefined, style: Style): string {
  const list = (entities ?? []).filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length);
  if (list.length === 0) return text;
  const cuts = new Set<number>([0, text.length]);
  for (const e of list) {
    cuts.add(e.offset);
    cuts.add(e.offset + e.length);
  }
  // Runs never cross a line break: the transcript prefixes every line, and attributes must not leak into it.
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    cuts.add(i);
    cuts.add(i + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = '';
  let styled = false;
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (text.slice(from, to) === '\n') {
      out += (styled ? RESET : '') + '\n';
      styled = false;
      continue;
    }
    const active = list.filter((e) => e.offset <= from && e.offset + e.length >= to);
    const codes = style.color ? [...new Set(active.map((e) => SGR[e.type]).filter((c): c is string => c !== undefined))] : [];
    if (styled) out += RESET;
    out += sgr(codes) + text.slice(from, to);
    styled = codes.length > 0;
    // A link's address follows its text, once, where the link ends.
    for (const e of list) {
      if (e.type !== 'text_link' || e.offset + e.length !== to || !e.url) continue;
      if (text.slice(e.offset, to) === e.url) continue;
      if (styled) out += RESET;
      styled = false;
      out += dim(` (${e.url})`, style);
    }
  }
  return styled ? out + RESET : out;
}

/** `2.1 KB` */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function documentLine(name: string, size: number, savedAs: string | undefined, style: Style): string {
  const line = `[file: ${name}, ${formatSize(size)}]`;
  return savedAs ? `${line} ${dim(`saved as ${savedAs}`, style)}` : line;
}

export function photoLine(name: string, width: number, height: number, size: number, savedAs: string | undefined, style: Style): string {
  const line = `[photo: ${name}, ${width}×${height}, ${formatSize(size)}]`;
  return savedAs ? `${line} ${dim(`saved as ${savedAs}`, style)}` : line;
}

/** One line per keyboard row, buttons numbered in reading order from 1: `[1] Hadir  [2] Mungkin`. */
export function keyboardLines(rows: readonly (readonly InlineButton[])[], style: Style): string[] {
  let n = 0;
  return rows
    .filter((row) => row.length > 0)
    .map((row) =>
      row
        .map((b) => {
          n++;
          const label = b.url ? `${b.text} ↗` : b.text;
          return `${style.color ? `\x1b[36m[${n}]${RESET}` : `[${n}]`} ${label}`;
        })
        .join('  '),
    );
}

/** Buttons in the order keyboardLines numbers them. */
export function buttonsOf(rows: readonly (readonly InlineButton[])[] | undefined): InlineButton[] {
  return (rows ?? []).flat();
}

/**
 * A block of transcript: `head │ first line`, further lines aligned under the first.
 *   #3 │ Pilih perangkat daerah …
 *      │ [1] Bappelitbangda  [2] BKAD
 */
export function block(head: string, body: readonly string[], style: Style): string[] {
  const pad = ' '.repeat(visibleLength(head));
  const room = style.width ? Math.max(20, style.width - visibleLength(pad) - 5) : Infinity;
  const lines = (body.length > 0 ? body : ['']).flatMap((line) => wrap(line, room));
  const bar = dim('│', style);
  return lines.map((line, i) => `  ${i === 0 ? head : pad} ${bar}${line.length > 0 ? ` ${line}` : ''}`);
}

/**
 * Breaks a line at spaces so no piece is wider than `width` (a longer word stays whole). The
 * attributes active at a break are switched on again on the next piece, after the bar's reset.
 */
export function wrap(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  let currentWidth = 0;
  let active = '';
  for (const token of line.split(/( +)/)) {
    if (token === '') continue;
    const w = visibleLength(token);
    if (currentWidth > 0 && currentWidth + w > width && !token.startsWith(' ')) {
      out.push(current.replace(/ +$/, '') + (active && active !== RESET ? RESET : ''));
      current = active && active !== RESET ? active : '';
      currentWidth = 0;
    }
    if (currentWidth === 0 && token.startsWith(' ') && out.length > 0) continue;
    current += token;
    currentWidth += w;
    const codes = token.match(/\x1b\[[0-9;]*m/g);
    if (codes) active = codes.at(-1)!;
  }
  if (current.length > 0) out.push(current);
  return out;
}

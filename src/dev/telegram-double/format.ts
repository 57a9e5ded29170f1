/** Parse-mode dispatch and Telegram's trimming of message text. */
import type { MessageEntity } from './types.js';
import { isSpace, parseHtml, type FormattedText } from './html.js';
import { parseMarkdown, parseMarkdownV2 } from './markdown.js';

/** Trims leading/trailing whitespace like Telegram and shifts/clips entities. */
export function trimFormatted(ft: FormattedText): FormattedText {
  const { text } = ft;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start === 0 && end === text.length) return ft;
  const out: MessageEntity[] = [];
  for (const e of ft.entities) {
    const s = Math.max(e.offset, start);
    const t = Math.min(e.offset + e.length, end);
    if (t > s) out.push({ ...e, offset: s - start, length: t - s });
  }
  return { text: text.slice(start, end), entities: out };
}

/**
 * Applies a parse mode (HTML, MarkdownV2, Markdown or none) and trims.
 * Throws EntityParseError for malformed markup and Error('unsupported parse mode') for unknown modes.
 */
export function formatText(raw: string, parseMode: string | undefined, entities?: MessageEntity[]): FormattedText {
  let ft: FormattedText;
  const mode = parseMode?.toLowerCase();
  if (mode === undefined || mode === '') ft = { text: raw, entities: entities ? [...entities] : [] };
  else if (mode === 'html') ft = parseHtml(raw);
  else if (mode === 'markdownv2') ft = parseMarkdownV2(raw);
  else if (mode === 'markdown') ft = parseMarkdown(raw);
  else throw new UnsupportedParseModeError(parseMode ?? '');
  return trimFormatted(ft);
}

export class UnsupportedParseModeError extends Error {
  override readonly name = 'UnsupportedParseModeError';
}


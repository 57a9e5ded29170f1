/**
 * Texts over Telegram's 4096 characters, cut into parts the sender sends one after another:
 * parse_mode HTML with splitHtmlText; texts without parse_mode on the same boundaries, their
 * `entities` re-based onto the parts; Markdown / MarkdownV2 texts are not split (Telegram rejects
 * them if they are too long).
 */
import type { MessageEntity } from 'telegraf/types';
import { splitHtmlText, splitPlainTextRanges, TELEGRAM_TEXT_LIMIT } from '../split-text.js';

export type TextPart = { text: string; entities?: MessageEntity[] };

/** The parts a sendMessage/editMessageText text must be split into, or undefined if it fits. */
export function splitPayloadText(payload: Record<string, unknown>): TextPart[] | undefined {
  const text = payload.text;
  if (typeof text !== 'string' || text.length <= TELEGRAM_TEXT_LIMIT) return undefined;
  const mode = typeof payload.parse_mode === 'string' ? payload.parse_mode.toLowerCase() : undefined;
  if (mode === 'html') {
    const parts = splitHtmlText(text, TELEGRAM_TEXT_LIMIT);
    return parts.length > 1 ? parts.map((t) => ({ text: t })) : undefined;
  }
  if (mode !== undefined) return undefined; // Markdown / MarkdownV2: not split
  const ranges = splitPlainTextRanges(text, TELEGRAM_TEXT_LIMIT);
  if (ranges.length <= 1) return undefined;
  const entities = Array.isArray(payload.entities) ? (payload.entities as MessageEntity[]) : undefined;
  return ranges.map(({ start, end }) => {
    const part: TextPart = { text: text.slice(start, end) };
    if (entities) {
      const rebased: MessageEntity[] = [];
      for (const e of entities) {
        const s = Math.max(e.offset, start);
        const f = Math.min(e.offset + e.length, end);
        if (f > s) rebased.push({ ...e, offset: s - start, length: f - s });
      }
      part.entities = rebased;
    }
    return part;
  });
}

export function withoutKeys(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

/**
 * The payloads of a long sendMessage, in order: `reply_markup` on the last part only,
 * `reply_parameters` / `reply_to_message_id` on the first only.
 */
export function sendPartPayloads(payload: Record<string, unknown>, parts: TextPart[]): Array<Record<string, unknown>> {
  const base = withoutKeys(payload, ['text', 'entities']);
  return parts.map((part, i) => {
    let p: Record<string, unknown> = { ...base, ...part };
    if (i > 0) p = withoutKeys(p, ['reply_parameters', 'reply_to_message_id', 'allow_sending_without_reply']);
    if (i < parts.length - 1) p = withoutKeys(p, ['reply_markup']);
    return p;
  });
}

/**
 * A long editMessageText: the edit to the first part (without the keyboard), and the payloads of
 * the other parts, sent as new messages to the same chat and forum topic (known from the edited
 * message, hence a function); `reply_markup` goes on the last new message.
 */
export function editPartPayloads(
  payload: Record<string, unknown>,
  parts: TextPart[],
): { edit: Record<string, unknown>; followUps: (thread: number | undefined) => Array<Record<string, unknown>> } {
  const base = withoutKeys(payload, ['text', 'entities']);
  const edit = { ...withoutKeys(base, ['reply_markup']), ...parts[0]! };
  const followUps = (thread: number | undefined): Array<Record<string, unknown>> => {
    const sendBase: Record<string, unknown> = { chat_id: payload.chat_id };
    for (const k of ['parse_mode', 'link_preview_options', 'disable_web_page_preview', 'protect_content']) {
      if (payload[k] !== undefined) sendBase[k] = payload[k];
    }
    if (thread !== undefined) sendBase.message_thread_id = thread;
    const out: Array<Record<string, unknown>> = [];
    for (let i = 1; i < parts.length; i++) {
      const p: Record<string, unknown> = { ...sendBase, ...parts[i]! };
      if (i === parts.length - 1 && payload.reply_markup !== undefined) p.reply_markup = payload.reply_markup;
      out.push(p);
    }
    return out;
  };
  return { edit, followUps };
}

/** An edit that cannot get follow-up messages (an inline message): the first part only, keyboard kept. */
export function firstPartOnly(payload: Record<string, unknown>, parts: TextPart[]): Record<string, unknown> {
  return { ...withoutKeys(payload, ['text', 'entities']), ...parts[0]! };
}

/**
 * Checks and parsing shared by the method handlers: the chat a request targets and whether the
 * bot may write there (403s), flood limits, formatted text, inline keyboards, replies and topics.
 */
import { badRequest, forbidden, tooManyRequests } from '../errors.js';
import { formatText, UnsupportedParseModeError } from '../format.js';
import { EntityParseError, type FormattedText, utf8Length } from '../html.js';
import type { ChatRecord } from '../state.js';
import type { InlineButton, MessageEntity, StoredMessage } from '../types.js';
import type { MethodContext, Payload } from './context.js';
import { bool, num, obj } from './payload.js';

export function chatOf(ctx: MethodContext, p: Payload, key = 'chat_id'): ChatRecord {
  const raw = p[key];
  if (raw === undefined || raw === '') throw badRequest(`${key} is empty`);
  const rec = ctx.state.resolve(raw);
  if (!rec) throw badRequest('chat not found');
  return rec;
}

export function groupWord(rec: ChatRecord): string {
  return rec.chat.type === 'supergroup' ? 'supergroup' : 'group';
}

/** Throws the 403 Telegram answers when the bot may not write to the chat. */
export function assertCanWrite(rec: ChatRecord): void {
  if (rec.chat.type === 'private') {
    if (rec.blocked) throw forbidden('bot was blocked by the user');
    if (!rec.started) throw forbidden("bot can't initiate conversation with a user");
    return;
  }
  if (rec.botStatus === 'kicked') throw forbidden(`bot was kicked from the ${groupWord(rec)} chat`);
  if (rec.botStatus === 'none' || rec.botStatus === 'left') throw forbidden(`bot is not a member of the ${groupWord(rec)} chat`);
}

export function writableChat(ctx: MethodContext, p: Payload): ChatRecord {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  return rec;
}

export function enforceLimits(ctx: MethodContext, rec: ChatRecord): void {
  if (!ctx.limiter.active) return;
  const retry = ctx.limiter.check(rec.chat.id, rec.chat.type !== 'private', ctx.monoNow());
  if (retry !== undefined) throw tooManyRequests(retry);
}

export function enforceEditLimits(ctx: MethodContext, rec: ChatRecord): void {
  if (!ctx.limiter.active || rec.chat.type === 'private') return;
  const retry = ctx.limiter.checkEdit(rec.chat.id, ctx.monoNow());
  if (retry !== undefined) throw tooManyRequests(retry);
}

export function parseText(raw: string, parseMode: string | undefined, entities: unknown): FormattedText {
  try {
    return formatText(raw, parseMode, Array.isArray(entities) ? (entities as MessageEntity[]) : undefined);
  } catch (e) {
    if (e instanceof EntityParseError) throw badRequest(`can't parse entities: ${e.message}`);
    if (e instanceof UnsupportedParseModeError) throw badRequest(`unsupported parse_mode`);
    throw e;
  }
}

const ACTION_FIELDS = [
  'callback_data', 'url', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'callback_game', 'pay', 'web_app', 'copy_text',
] as const;

interface ParsedMarkup {
  inline?: { inline_keyboard: InlineButton[][] };
  other?: Payload;
}

export function parseMarkup(raw: unknown): ParsedMarkup {
  if (raw === undefined || raw === null || raw === '') return {};
  const m = obj(raw);
  if (!m) throw badRequest("can't parse reply keyboard markup JSON object");
  if (m.inline_keyboard === undefined) return { other: m };
  const rows = m.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  const keyboard: InlineButton[][] = [];
  for (const row of rows as unknown[][]) {
    const outRow: InlineButton[] = [];
    for (const b of row) {
      const btn = obj(b);
      if (!btn) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof btn.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
      const actions = ACTION_FIELDS.filter((f) => btn[f] !== undefined);
      if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (btn.callback_data !== undefined) {
        const d = btn.callback_data;
        if (typeof d !== 'string' || d.length === 0 || utf8Length(d) > 64) throw badRequest('BUTTON_DATA_INVALID');
      }
      if (btn.url !== undefined) {
        if (typeof btn.url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(btn.url)) throw badRequest('BUTTON_URL_INVALID');
      }
      if (btn.text.length === 0) throw badRequest('BUTTON_TEXT_INVALID');
      outRow.push(btn as InlineButton);
    }
    keyboard.push(outRow);
  }
  return { inline: { inline_keyboard: keyboard } };
}

export function threadOf(rec: ChatRecord, p: Payload, replyTo: StoredMessage | undefined): number | undefined {
  if (!rec.chat.is_forum) return undefined;
  const t = num(p, 'message_thread_id');
  if (t === undefined) return replyTo?.message_thread_id;
  if (!rec.topics.has(t)) throw badRequest('message thread not found');
  return t;
}

export function replyTarget(rec: ChatRecord, p: Payload): StoredMessage | undefined {
  const rp = obj(p.reply_parameters);
  const id = rp ? num(rp, 'message_id') : num(p, 'reply_to_message_id');
  if (id === undefined) return undefined;
  const allow = rp ? bool(rp, 'allow_sending_without_reply') : bool(p, 'allow_sending_without_reply');
  const target = rec.byId.get(id);
  if (!target || target.deleted) {
    if (allow) return undefined;
    throw badRequest('message to be replied not found');
  }
  return target;
}

export function newBotMessage(ctx: MethodContext, rec: ChatRecord, thread: number | undefined, replyTo: StoredMessage | undefined): StoredMessage {
  const msg: StoredMessage = {
    message_id: ctx.state.allocateMessageId(rec),
    chat_id: rec.chat.id,
    from_bot: true,
    edits: 0,
    deleted: false,
    date: ctx.state.now(),
  };
  if (thread !== undefined) msg.message_thread_id = thread;
  if (replyTo) msg.reply_to_message_id = replyTo.message_id;
  return msg;
}

export function applyMarkup(msg: StoredMessage, markup: ParsedMarkup): void {
  if (markup.inline) msg.reply_markup = markup.inline;
  else delete msg.reply_markup;
  if (markup.other) msg.other_markup = markup.other;
}

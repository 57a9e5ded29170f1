/**
 * Bot API method handlers. Each takes the parsed payload and returns the `result`, or throws ApiError.
 */
import { ApiError, badRequest, forbidden, tooManyRequests } from './errors.js';
import { EntityParseError, utf8Length, type FormattedText } from './html.js';
import { formatText, UnsupportedParseModeError } from './format.js';
import { TOPIC_COLORS, mimeFromName, type ChatRecord, type DoubleState } from './state.js';
import { imageSize } from './image-size.js';
import type { RateLimiter } from './limits.js';
import type { UpdateQueue } from './updates.js';
import type { InlineButton, MemberStatus, MessageEntity, StoredMessage, Topic } from './types.js';

export type Payload = Record<string, unknown>;

/** The Bot API lets bots download files of at most 20 MB (getFile answers "file is too big" above). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** A file uploaded in a multipart request. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly type: string,
    readonly content: Buffer,
  ) {}
  toJSON(): Record<string, unknown> {
    return { filename: this.filename, type: this.type, size: this.content.length };
  }
}

export interface OpenCallback {
  id: string;
  chatId: number | undefined;
  at: number;
}

export interface MethodContext {
  state: DoubleState;
  queue: UpdateQueue;
  limiter: RateLimiter;
  callbackAnswers: Array<{ callback_query_id: string; text?: string; show_alert?: boolean; url?: string; cache_time?: number }>;
  openCallbacks: Map<string, OpenCallback>;
  commands: Map<string, unknown>;
  maxLongPollMs: number;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Monotonic milliseconds (for flood limits). */
  monoNow(): number;
}

export type Handler = (ctx: MethodContext, p: Payload) => unknown;

// ---------------------------------------------------------------- payload helpers

function num(p: Payload, key: string): number | undefined {
  const v = p[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function reqNum(p: Payload, key: string): number {
  const v = num(p, key);
  if (v === undefined || !Number.isInteger(v)) {
    throw badRequest(p[key] === undefined ? `${key} is empty` : `invalid ${key} specified`);
  }
  return v;
}

function str(p: Payload, key: string): string | undefined {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function bool(p: Payload, key: string): boolean {
  const v = p[key];
  return v === true || v === 'true' || v === 1 || v === '1';
}

function obj(v: unknown): Payload | undefined {
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Payload) : undefined;
}

// ---------------------------------------------------------------- common checks

function chatOf(ctx: MethodContext, p: Payload, key = 'chat_id'): ChatRecord {
  const raw = p[key];
  if (raw === undefined || raw === '') throw badRequest(`${key} is empty`);
  const rec = ctx.state.resolve(raw);
  if (!rec) throw badRequest('chat not found');
  return rec;
}

function groupWord(rec: ChatRecord): string {
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

function writableChat(ctx: MethodContext, p: Payload): ChatRecord {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  return rec;
}

function enforceLimits(ctx: MethodContext, rec: ChatRecord): void {
  if (!ctx.limiter.active) return;
  const retry = ctx.limiter.check(rec.chat.id, rec.chat.type !== 'private', ctx.monoNow());
  if (retry !== undefined) throw tooManyRequests(retry);
}

function enforceEditLimits(ctx: MethodContext, rec: ChatRecord): void {
  if (!ctx.limiter.active || rec.chat.type === 'private') return;
  const retry = ctx.limiter.checkEdit(rec.chat.id, ctx.monoNow());
  if (retry !== undefined) throw tooManyRequests(retry);
}

function parseText(raw: string, parseMode: string | undefined, entities: unknown): FormattedText {
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

function parseMarkup(raw: unknown): ParsedMarkup {
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

function threadOf(rec: ChatRecord, p: Payload, replyTo: StoredMessage | undefined): number | undefined {
  if (!rec.chat.is_forum) return undefined;
  const t = num(p, 'message_thread_id');
  if (t === undefined) return replyTo?.message_thread_id;
  if (!rec.topics.has(t)) throw badRequest('message thread not found');
  return t;
}

function replyTarget(rec: ChatRecord, p: Payload): StoredMessage | undefined {
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

function newBotMessage(ctx: MethodContext, rec: ChatRecord, thread: number | undefined, replyTo: StoredMessage | undefined): StoredMessage {
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

function applyMarkup(msg: StoredMessage, markup: ParsedMarkup): void {
  if (markup.inline) msg.reply_markup = markup.inline;
  else delete msg.reply_markup;
  if (markup.other) msg.other_markup = markup.other;
}

// ---------------------------------------------------------------- handlers

const sendMessage: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const raw = str(p, 'text') ?? '';
  if (raw.length === 0) throw badRequest('message text is empty');
  const parseMode = str(p, 'parse_mode') || undefined;
  const ft = parseText(raw, parseMode, p.entities);
  if (ft.text.length === 0) throw badRequest('message text is empty');
  if (ft.text.length > 4096) throw badRequest('message is too long');
  const markup = parseMarkup(p.reply_markup);
  const replyTo = replyTarget(rec, p);
  const thread = threadOf(rec, p, replyTo);
  enforceLimits(ctx, rec);
  const msg = newBotMessage(ctx, rec, thread, replyTo);
  msg.kind = 'text';
  msg.text = ft.text;
  msg.html = raw;
  if (parseMode !== undefined) msg.parse_mode = parseMode;
  if (ft.entities.length > 0) msg.entities = ft.entities;
  applyMarkup(msg, markup);
  ctx.state.addMessage(rec, msg);
  return ctx.state.messageObject(msg);
};

/**
 * sendPhoto as Telegram documents it: a PNG or JPEG of at most 10 MB, width + height at most 10000
 * and a side ratio of at most 20 (else PHOTO_INVALID_DIMENSIONS); the message carries `photo`, an
 * array of sizes (the double keeps the uploaded image for every size, scaled dimensions only).
 */
const sendPhoto: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const photo = p.photo;
  let file;
  let size: { width: number; height: number } | undefined;
  if (photo instanceof UploadedFile) {
    if (photo.content.length === 0) throw badRequest('file must be non-empty');
    if (photo.content.length > 10 * 1024 * 1024) throw badRequest('PHOTO_SAVE_FILE_INVALID');
    size = imageSize(photo.content);
    if (!size) throw badRequest('IMAGE_PROCESS_FAILED');
    if (size.width + size.height > 10000 || Math.max(size.width, size.height) / Math.max(1, Math.min(size.width, size.height)) > 20) {
      throw badRequest('PHOTO_INVALID_DIMENSIONS');
    }
    file = ctx.state.storeFile(photo.content, photo.filename || 'photo.jpg', 'image/jpeg');
  } else if (typeof photo === 'string' && photo.length > 0) {
    file = ctx.state.files.get(photo);
    if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
    size = imageSize(file.content);
  } else {
    throw badRequest('there is no photo in the request');
  }
  return captionedMessage(ctx, rec, p, 'photo', (msg, caption) => {
    msg.photo = {
      file_name: file.file_name,
      content: file.content,
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.content.length,
      width: size?.width ?? 0,
      height: size?.height ?? 0,
    };
    if (caption) msg.photo.caption = caption;
  });
};

const sendDocument: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const doc = p.document;
  let file;
  if (doc instanceof UploadedFile) {
    if (doc.content.length === 0) throw badRequest('file must be non-empty');
    if (doc.content.length > 50 * 1024 * 1024) throw new ApiError(413, 'Request Entity Too Large');
    const name = doc.filename || 'document';
    // Telegram derives the type from the file; multipart parts without a Content-Type read as text/plain
    const byName = mimeFromName(name);
    const declared = doc.type.split(';')[0]!.trim();
    const mime = byName !== 'application/octet-stream' || !declared || declared === 'text/plain' ? byName : declared;
    file = ctx.state.storeFile(doc.content, name, mime);
  } else if (typeof doc === 'string' && doc.length > 0) {
    if (/^https?:\/\//i.test(doc)) {
      const name = decodeURIComponent(doc.split(/[?#]/)[0]!.split('/').pop() || 'file');
      file = ctx.state.storeFile(Buffer.alloc(0), name, mimeFromName(name));
    } else {
      file = ctx.state.files.get(doc);
      if (!file) throw badRequest('wrong file identifier/HTTP URL specified');
    }
  } else {
    throw badRequest('there is no document in the request');
  }
  return captionedMessage(ctx, rec, p, 'document', (msg, caption) => {
    msg.document = {
      file_name: file.file_name,
      content: file.content,
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.content.length,
    };
    if (file.mime_type !== undefined) msg.document.mime_type = file.mime_type;
    if (caption) msg.document.caption = caption;
  });
};

/**
 * What sendPhoto and sendDocument share once the file is known: the caption (at most 1024 characters
 * after entities are parsed), reply markup, reply target and topic, the chat's limits, storing.
 */
function captionedMessage(
  ctx: MethodContext,
  rec: ChatRecord,
  p: Payload,
  kind: 'photo' | 'document',
  attach: (msg: StoredMessage, caption: string | undefined) => void,
) {
  const rawCaption = str(p, 'caption') ?? '';
  const parseMode = str(p, 'parse_mode') || undefined;
  const cap = parseText(rawCaption, parseMode, p.caption_entities);
  if (cap.text.length > 1024) throw badRequest('message caption is too long');
  const markup = parseMarkup(p.reply_markup);
  const replyTo = replyTarget(rec, p);
  const thread = threadOf(rec, p, replyTo);
  enforceLimits(ctx, rec);
  const msg = newBotMessage(ctx, rec, thread, replyTo);
  msg.kind = kind;
  attach(msg, cap.text.length > 0 ? cap.text : undefined);
  if (rawCaption.length > 0) msg.html = rawCaption;
  if (parseMode !== undefined) msg.parse_mode = parseMode;
  if (cap.entities.length > 0) msg.entities = cap.entities;
  applyMarkup(msg, markup);
  ctx.state.addMessage(rec, msg);
  return ctx.state.messageObject(msg);
}

function copyOrForward(ctx: MethodContext, p: Payload, kind: 'copy' | 'forward'): StoredMessage {
  const rec = writableChat(ctx, p);
  const from = chatOf(ctx, p, 'from_chat_id');
  const id = reqNum(p, 'message_id');
  const src = from.byId.get(id);
  if (!src || src.deleted) throw badRequest(kind === 'copy' ? 'message to copy not found' : 'message to forward not found');
  const markup = kind === 'copy' ? parseMarkup(p.reply_markup) : {};
  const replyTo = kind === 'copy' ? replyTarget(rec, p) : undefined;
  const thread = threadOf(rec, p, replyTo);
  let caption: FormattedText | undefined;
  const rawCaption = kind === 'copy' ? str(p, 'caption') : undefined;
  if (rawCaption !== undefined) {
    caption = parseText(rawCaption, str(p, 'parse_mode') || undefined, p.caption_entities);
    if (caption.text.length > 1024) throw badRequest('message caption is too long');
  }
  enforceLimits(ctx, rec);
  const msg = newBotMessage(ctx, rec, thread, replyTo);
  msg.kind = kind;
  if (src.text !== undefined) msg.text = src.text;
  if (src.html !== undefined) msg.html = src.html;
  if (src.parse_mode !== undefined) msg.parse_mode = src.parse_mode;
  if (src.entities) msg.entities = src.entities;
  if (src.document) {
    msg.document = { ...src.document };
    if (caption) {
      msg.document.caption = caption.text;
      msg.entities = caption.entities;
      msg.html = rawCaption;
    }
  }
  applyMarkup(msg, markup);
  ctx.state.addMessage(rec, msg);
  return msg;
}

function editTarget(ctx: MethodContext, p: Payload): { rec: ChatRecord; msg: StoredMessage } {
  if (p.inline_message_id !== undefined && p.chat_id === undefined) throw badRequest('MESSAGE_ID_INVALID');
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  const id = reqNum(p, 'message_id');
  const msg = rec.byId.get(id);
  if (!msg || msg.deleted) throw badRequest('message to edit not found');
  if (!msg.from_bot) throw badRequest("message can't be edited");
  return { rec, msg };
}

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function sameEntities(a: MessageEntity[] | undefined, b: MessageEntity[] | undefined): boolean {
  return sameJson(a && a.length > 0 ? a : null, b && b.length > 0 ? b : null);
}

const editMessageText: Handler = (ctx, p) => {
  const { rec, msg } = editTarget(ctx, p);
  if (msg.text === undefined) throw badRequest('there is no text in the message to edit');
  const raw = str(p, 'text') ?? '';
  if (raw.length === 0) throw badRequest('message text is empty');
  const parseMode = str(p, 'parse_mode') || undefined;
  const ft = parseText(raw, parseMode, p.entities);
  if (ft.text.length === 0) throw badRequest('message text is empty');
  if (ft.text.length > 4096) throw badRequest('MESSAGE_TOO_LONG');
  // like Telegram: omitting reply_markup removes the inline keyboard
  const markup = parseMarkup(p.reply_markup);
  if (ft.text === msg.text && sameEntities(ft.entities, msg.entities) && sameJson(markup.inline, msg.reply_markup)) {
    throw badRequest(NOT_MODIFIED);
  }
  enforceEditLimits(ctx, rec);
  msg.text = ft.text;
  msg.html = raw;
  if (parseMode !== undefined) msg.parse_mode = parseMode;
  else delete msg.parse_mode;
  if (ft.entities.length > 0) msg.entities = ft.entities;
  else delete msg.entities;
  if (markup.inline) msg.reply_markup = markup.inline;
  else delete msg.reply_markup;
  msg.edits++;
  msg.edit_date = ctx.state.now();
  return ctx.state.messageObject(msg);
};

const editMessageCaption: Handler = (ctx, p) => {
  const { rec, msg } = editTarget(ctx, p);
  if (!msg.document) throw badRequest('there is no caption in the message to edit');
  const raw = str(p, 'caption') ?? '';
  const parseMode = str(p, 'parse_mode') || undefined;
  const cap = parseText(raw, parseMode, p.caption_entities);
  if (cap.text.length > 1024) throw badRequest('MESSAGE_CAPTION_TOO_LONG');
  const markup = parseMarkup(p.reply_markup);
  if ((msg.document.caption ?? '') === cap.text && sameEntities(cap.entities, msg.entities) && sameJson(markup.inline, msg.reply_markup)) {
    throw badRequest(NOT_MODIFIED);
  }
  enforceEditLimits(ctx, rec);
  if (cap.text.length > 0) msg.document.caption = cap.text;
  else delete msg.document.caption;
  msg.html = raw;
  if (cap.entities.length > 0) msg.entities = cap.entities;
  else delete msg.entities;
  if (markup.inline) msg.reply_markup = markup.inline;
  else delete msg.reply_markup;
  msg.edits++;
  msg.edit_date = ctx.state.now();
  return ctx.state.messageObject(msg);
};

const editMessageReplyMarkup: Handler = (ctx, p) => {
  const { rec, msg } = editTarget(ctx, p);
  const markup = parseMarkup(p.reply_markup);
  if (sameJson(markup.inline, msg.reply_markup)) throw badRequest(NOT_MODIFIED);
  enforceEditLimits(ctx, rec);
  if (markup.inline) msg.reply_markup = markup.inline;
  else delete msg.reply_markup;
  msg.edits++;
  msg.edit_date = ctx.state.now();
  return ctx.state.messageObject(msg);
};

function deleteOne(rec: ChatRecord, id: number): void {
  const msg = rec.byId.get(id);
  if (!msg || msg.deleted) throw badRequest('message to delete not found');
  if (rec.chat.type !== 'private' && !msg.from_bot && rec.botStatus !== 'administrator') {
    throw badRequest("message can't be deleted");
  }
  msg.deleted = true;
}

const deleteMessage: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  deleteOne(rec, reqNum(p, 'message_id'));
  return true;
};

const deleteMessages: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
  if (ids.length === 0 || ids.length > 100) throw badRequest('message_ids is empty');
  for (const id of ids) {
    const msg = rec.byId.get(Number(id));
    if (msg && !msg.deleted) msg.deleted = true;
  }
  return true;
};

const answerCallbackQuery: Handler = (ctx, p) => {
  const id = str(p, 'callback_query_id') ?? '';
  if (!ctx.openCallbacks.has(id)) throw badRequest('query is too old and response timeout expired or query ID is invalid');
  const text = str(p, 'text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  ctx.openCallbacks.delete(id);
  const answer: MethodContext['callbackAnswers'][number] = { callback_query_id: id };
  if (text !== undefined) answer.text = text;
  if (p.show_alert !== undefined) answer.show_alert = bool(p, 'show_alert');
  const url = str(p, 'url');
  if (url !== undefined) answer.url = url;
  const cache = num(p, 'cache_time');
  if (cache !== undefined) answer.cache_time = cache;
  ctx.callbackAnswers.push(answer);
  return true;
};

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

const sendChatAction: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const action = str(p, 'action');
  if (action === undefined || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  threadOf(rec, p, undefined);
  return true;
};

function commandsKey(p: Payload): string {
  const scope = obj(p.scope) ?? { type: 'default' };
  return `${String(scope.type ?? 'default')}:${str(p, 'language_code') ?? ''}`;
}

const setMyCommands: Handler = (ctx, p) => {
  let commands = p.commands;
  if (typeof commands === 'string') {
    try {
      commands = JSON.parse(commands);
    } catch {
      throw badRequest("can't parse commands JSON object");
    }
  }
  if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
  if (commands.length > 100) throw badRequest('too many commands');
  for (const c of commands) {
    const cmd = obj(c);
    if (!cmd || typeof cmd.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(cmd.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof cmd.description !== 'string' || cmd.description.length === 0 || cmd.description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  const scope = obj(p.scope) ?? { type: 'default' };
  const stored: Payload = { commands, scope };
  const lang = str(p, 'language_code');
  if (lang !== undefined) stored.language_code = lang;
  ctx.commands.set(commandsKey(p), stored);
  return true;
};

const deleteMyCommands: Handler = (ctx, p) => {
  ctx.commands.delete(commandsKey(p));
  return true;
};

const getMyCommands: Handler = (ctx, p) => {
  const stored = ctx.commands.get(commandsKey(p)) as Payload | undefined;
  return stored?.commands ?? [];
};

const getChat: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  const o = ctx.state.chatObject(rec.chat);
  o.accent_color_id = 0;
  o.max_reaction_count = 11;
  if (rec.chat.type !== 'private') {
    o.permissions = { can_send_messages: true, can_send_other_messages: true, can_add_web_page_previews: true };
  }
  return o;
};

function memberObject(ctx: MethodContext, rec: ChatRecord, status: MemberStatus, user: Payload): Payload {
  switch (status) {
    case 'creator':
      return { user, status, is_anonymous: false };
    case 'administrator':
      return {
        user, status, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
        can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true,
        can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
        can_pin_messages: true, can_manage_topics: rec.chat.is_forum === true,
      };
    case 'restricted':
      return { user, status, is_member: true, can_send_messages: false, until_date: 0 };
    case 'kicked':
      return { user, status, until_date: 0 };
    default:
      void ctx;
      return { user, status };
  }
}

function botStatusOf(rec: ChatRecord): MemberStatus {
  if (rec.chat.type === 'private') return rec.blocked ? 'kicked' : 'member';
  switch (rec.botStatus) {
    case 'administrator': return 'administrator';
    case 'member': return 'member';
    case 'kicked': return 'kicked';
    default: return 'left';
  }
}

const getChatMember: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  const uid = reqNum(p, 'user_id');
  if (uid === ctx.state.bot.id) return memberObject(ctx, rec, botStatusOf(rec), ctx.state.botUserObject());
  const user = ctx.state.users.get(uid);
  if (!user) throw badRequest('PARTICIPANT_ID_INVALID');
  if (rec.chat.type === 'private') {
    if (rec.chat.id !== uid) throw badRequest('user not found');
    return memberObject(ctx, rec, 'member', ctx.state.userObject(user));
  }
  return memberObject(ctx, rec, rec.members.get(uid) ?? 'member', ctx.state.userObject(user));
};

const getChatAdministrators: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  const out: Payload[] = [];
  for (const [uid, status] of rec.members) {
    if (status !== 'creator' && status !== 'administrator') continue;
    const user = ctx.state.users.get(uid);
    if (user) out.push(memberObject(ctx, rec, status, ctx.state.userObject(user)));
  }
  if (rec.botStatus === 'administrator') out.push(memberObject(ctx, rec, 'administrator', ctx.state.botUserObject()));
  return out;
};

const getChatMemberCount: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') return 2;
  let n = rec.botStatus === 'member' || rec.botStatus === 'administrator' ? 1 : 0;
  for (const s of rec.members.values()) if (s !== 'left' && s !== 'kicked') n++;
  return n;
};

function forumOf(ctx: MethodContext, p: Payload): ChatRecord {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  if (!rec.chat.is_forum) throw badRequest('the chat is not a forum');
  return rec;
}

function topicOf(rec: ChatRecord, p: Payload): Topic {
  const t = num(p, 'message_thread_id');
  const topic = t === undefined ? undefined : rec.topics.get(t);
  if (!topic) throw badRequest('TOPIC_ID_INVALID');
  return topic;
}

const createForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const name = str(p, 'name') ?? '';
  if (name.length === 0) throw badRequest('TOPIC_TITLE_EMPTY');
  if (name.length > 128) throw badRequest('TOPIC_TITLE_TOO_LONG');
  const color = num(p, 'icon_color');
  if (color !== undefined && !(TOPIC_COLORS as readonly number[]).includes(color)) throw badRequest('TOPIC_ICON_COLOR_INVALID');
  const topic = ctx.state.createTopic(rec, name, color, str(p, 'icon_custom_emoji_id'));
  const out: Payload = { message_thread_id: topic.message_thread_id, name: topic.name, icon_color: topic.icon_color };
  if (topic.icon_custom_emoji_id !== undefined) out.icon_custom_emoji_id = topic.icon_custom_emoji_id;
  return out;
};

const editForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const topic = topicOf(rec, p);
  const name = str(p, 'name');
  const emoji = str(p, 'icon_custom_emoji_id');
  if (name !== undefined && (name.length === 0 || name.length > 128)) throw badRequest('TOPIC_TITLE_EMPTY');
  const changed = (name !== undefined && name !== topic.name) || (emoji !== undefined && emoji !== topic.icon_custom_emoji_id);
  if (!changed) throw badRequest('TOPIC_NOT_MODIFIED');
  if (name !== undefined) topic.name = name;
  if (emoji !== undefined) topic.icon_custom_emoji_id = emoji;
  return true;
};

const closeForumTopic: Handler = (ctx, p) => {
  const topic = topicOf(forumOf(ctx, p), p);
  if (topic.closed) throw badRequest('TOPIC_NOT_MODIFIED');
  topic.closed = true;
  return true;
};

const reopenForumTopic: Handler = (ctx, p) => {
  const topic = topicOf(forumOf(ctx, p), p);
  if (!topic.closed) throw badRequest('TOPIC_NOT_MODIFIED');
  topic.closed = false;
  return true;
};

const deleteForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const topic = topicOf(rec, p);
  rec.topics.delete(topic.message_thread_id);
  for (const m of rec.byThread.get(topic.message_thread_id) ?? []) m.deleted = true;
  return true;
};

const getMe: Handler = (ctx) => ({
  ...ctx.state.botUserObject(),
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

const getUpdates: Handler = async (ctx, p) => {
  ctx.queue.setAllowed(parseMaybeJson(p.allowed_updates));
  const limit = Math.min(100, Math.max(1, num(p, 'limit') ?? 100));
  const timeout = Math.max(0, num(p, 'timeout') ?? 0);
  return await ctx.queue.poll({
    offset: num(p, 'offset') ?? 0,
    limit,
    timeoutMs: Math.min(timeout * 1000, ctx.maxLongPollMs),
    signal: ctx.signal,
  });
};

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

const setWebhook: Handler = (ctx, p) => {
  const url = str(p, 'url') ?? '';
  const drop = bool(p, 'drop_pending_updates');
  if (url === '') {
    ctx.queue.setWebhook(null, drop);
    return true;
  }
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const secret = str(p, 'secret_token');
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest('secret token contains unallowed characters');
  const allowed = parseMaybeJson(p.allowed_updates);
  const cfg: Parameters<UpdateQueue['setWebhook']>[0] = { url };
  if (secret !== undefined) cfg.secret_token = secret;
  const max = num(p, 'max_connections');
  if (max !== undefined) cfg.max_connections = max;
  if (Array.isArray(allowed)) cfg.allowed_updates = allowed.map(String);
  ctx.queue.setWebhook(cfg, drop);
  return true;
};

const deleteWebhook: Handler = (ctx, p) => {
  ctx.queue.setWebhook(null, bool(p, 'drop_pending_updates'));
  return true;
};

const getWebhookInfo: Handler = (ctx) => {
  const wh = ctx.queue.webhook;
  const out: Payload = { url: wh?.url ?? '', has_custom_certificate: false, pending_update_count: ctx.queue.pending() };
  if (wh?.max_connections !== undefined) out.max_connections = wh.max_connections;
  if (wh?.allowed_updates) out.allowed_updates = wh.allowed_updates;
  const err = ctx.queue.lastError;
  if (wh && err) {
    out.last_error_date = err.date;
    out.last_error_message = err.message;
  }
  return out;
};

const getFile: Handler = (ctx, p) => {
  const f = ctx.state.files.get(str(p, 'file_id') ?? '');
  if (!f) throw badRequest('invalid file_id');
  // Bots may download files of up to 20 MB; for bigger ones Telegram refuses getFile.
  if (f.content.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.content.length, file_path: f.file_path };
};

const pinChatMessage: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const msg = rec.byId.get(reqNum(p, 'message_id'));
  if (!msg || msg.deleted) throw badRequest('message to pin not found');
  return true;
};

const leaveChat: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') throw badRequest('chat member status change is not possible in private chats');
  if (rec.botStatus !== 'member' && rec.botStatus !== 'administrator') throw forbidden(`bot is not a member of the ${groupWord(rec)} chat`);
  rec.botStatus = 'left';
  return true;
};

const alwaysTrue: Handler = () => true;

export const METHODS: Record<string, Handler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  sendDocument,
  sendPhoto,
  copyMessage: (ctx, p) => ({ message_id: copyOrForward(ctx, p, 'copy').message_id }),
  forwardMessage: (ctx, p) => ctx.state.messageObject(copyOrForward(ctx, p, 'forward')),
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  answerCallbackQuery,
  sendChatAction,
  setMyCommands,
  deleteMyCommands,
  getMyCommands,
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  createForumTopic,
  editForumTopic,
  closeForumTopic,
  reopenForumTopic,
  deleteForumTopic,
  getFile,
  pinChatMessage,
  unpinChatMessage: (ctx, p) => (writableChat(ctx, p), true),
  unpinAllChatMessages: (ctx, p) => (writableChat(ctx, p), true),
  leaveChat,
  setMessageReaction: (ctx, p) => (writableChat(ctx, p), true),
  setMyDescription: alwaysTrue,
  setMyShortDescription: alwaysTrue,
  setMyName: alwaysTrue,
  setChatMenuButton: alwaysTrue,
  getMyDescription: () => ({ description: '' }),
  getMyShortDescription: () => ({ short_description: '' }),
  getMyName: (ctx) => ({ name: ctx.state.bot.first_name }),
  getChatMenuButton: () => ({ type: 'default' }),
  logOut: alwaysTrue,
  close: alwaysTrue,
};

/** Methods whose requests count toward flood limits. */
export function isSendingMethod(method: string): boolean {
  return (method.startsWith('send') && method !== 'sendChatAction') || method === 'copyMessage' || method === 'forwardMessage';
}

/** Case-insensitive lookup (Telegram accepts any case). */
export const METHOD_BY_LOWER: Map<string, string> = new Map(Object.keys(METHODS).map((m) => [m.toLowerCase(), m]));

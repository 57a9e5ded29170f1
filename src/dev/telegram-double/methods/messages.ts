/** Sending, copying, editing, deleting and pinning messages; chat actions. */
import { ApiError, badRequest } from '../errors.js';
import type { FormattedText } from '../html.js';
import { imageSize } from '../image-size.js';
import { type ChatRecord, mimeFromName } from '../state.js';
import type { MessageEntity, StoredMessage } from '../types.js';
import { applyMarkup, assertCanWrite, chatOf, enforceEditLimits, enforceLimits, newBotMessage, parseMarkup, parseText, replyTarget, threadOf, writableChat } from './checks.js';
import type { Handler, MethodContext, Payload } from './context.js';
import { UploadedFile } from './files.js';
import { reqNum, str } from './payload.js';

export const sendMessage: Handler = (ctx, p) => {
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
export const sendPhoto: Handler = (ctx, p) => {
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

export const sendDocument: Handler = (ctx, p) => {
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

export function copyOrForward(ctx: MethodContext, p: Payload, kind: 'copy' | 'forward'): StoredMessage {
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

export const editMessageText: Handler = (ctx, p) => {
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

export const editMessageCaption: Handler = (ctx, p) => {
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

export const editMessageReplyMarkup: Handler = (ctx, p) => {
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

export const deleteMessage: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  deleteOne(rec, reqNum(p, 'message_id'));
  return true;
};

export const deleteMessages: Handler = (ctx, p) => {
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

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

export const sendChatAction: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const action = str(p, 'action');
  if (action === undefined || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  threadOf(rec, p, undefined);
  return true;
};

export const pinChatMessage: Handler = (ctx, p) => {
  const rec = writableChat(ctx, p);
  const msg = rec.byId.get(reqNum(p, 'message_id'));
  if (!msg || msg.deleted) throw badRequest('message to pin not found');
  return true;
};

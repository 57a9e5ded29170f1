/**
 * What people do in the fake Telegram: send texts, documents and photos, press inline buttons.
 * Each action is stored in the chat's history (as Telegram would) and enqueued as an update.
 */
import { performance } from 'node:perf_hooks';
import { recordOf, unblockBot, type TelegramSide } from './membership.js';
import type { OpenCallback } from './methods/context.js';
import { commandEntities, type ChatRecord } from './state.js';
import type { FakeChat, FakeUser, StoredMessage, Update } from './types.js';

export interface UserSide extends TelegramSide {
  /** Callback queries the bot may still answer. */
  openCallbacks: Map<string, OpenCallback>;
  /** A fresh callback query id. */
  nextCallbackId(): string;
}

export function userChat(side: UserSide, from: FakeUser, chat: FakeChat, what: string): ChatRecord {
  const rec = chat.type === 'private' ? side.state.privateRecord(side.state.users.get(chat.id) ?? from) : recordOf(side.state, chat);
  if (rec.chat.type === 'private') {
    if (rec.chat.id !== from.id) throw new Error(`BotApiDouble.${what}: private chat ${rec.chat.id} belongs to another user than ${from.id}`);
    if (rec.blocked) unblockBot(side, from); // writing to a blocked bot means pressing "Restart"
    rec.started = true;
  } else {
    if (rec.botStatus !== 'member' && rec.botStatus !== 'administrator') {
      throw new Error(`BotApiDouble.${what}: the bot is not a member of "${rec.chat.title ?? rec.chat.id}" — call addBotToGroup first`);
    }
    if (!rec.members.has(from.id)) rec.members.set(from.id, 'member');
  }
  return rec;
}

/** A user sends text; a leading /command gets a bot_command entity. Stored in history and enqueued. */
export function sendText(side: UserSide, from: FakeUser, chat: FakeChat, text: string, opts?: { threadId?: number; replyToMessageId?: number }): Update {
  if (text.length === 0) throw new Error('BotApiDouble.sendText: Telegram clients cannot send empty text');
  const rec = userChat(side, from, chat, 'sendText');
  let replyTo: StoredMessage | undefined;
  if (opts?.replyToMessageId !== undefined) {
    replyTo = rec.byId.get(opts.replyToMessageId);
    if (!replyTo || replyTo.deleted) throw new Error(`BotApiDouble.sendText: message ${opts.replyToMessageId} not found in chat ${rec.chat.id}`);
  }
  let thread = opts?.threadId ?? replyTo?.message_thread_id;
  if (thread !== undefined) {
    if (!rec.chat.is_forum) {
      if (opts?.threadId !== undefined) throw new Error(`BotApiDouble.sendText: chat ${rec.chat.id} is not a forum`);
      thread = undefined;
    } else if (!rec.topics.has(thread)) {
      throw new Error(`BotApiDouble.sendText: topic ${thread} does not exist in chat ${rec.chat.id}`);
    }
  }
  const msg: StoredMessage = {
    message_id: side.state.allocateMessageId(rec),
    chat_id: rec.chat.id,
    from_bot: false,
    from,
    text,
    edits: 0,
    deleted: false,
    date: side.state.now(),
    kind: 'text',
  };
  if (thread !== undefined) msg.message_thread_id = thread;
  if (replyTo) msg.reply_to_message_id = replyTo.message_id;
  const entities = commandEntities(text);
  if (entities.length > 0) msg.entities = entities;
  side.state.addMessage(rec, msg);
  return side.enqueue({ message: side.state.messageObject(msg) });
}

/** A user sends a document (stored, enqueued; the bot can getFile and download it). */
export function sendDocument(
  side: UserSide,
  from: FakeUser,
  chat: FakeChat,
  doc: { file_name: string; content: Buffer; mime_type?: string; caption?: string },
  opts?: { threadId?: number },
): Update {
  const rec = userChat(side, from, chat, 'sendDocument');
  const file = side.state.storeFile(doc.content, doc.file_name, doc.mime_type);
  const msg: StoredMessage = {
    message_id: side.state.allocateMessageId(rec),
    chat_id: rec.chat.id,
    from_bot: false,
    from,
    document: {
      file_name: file.file_name,
      content: file.content,
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.content.length,
    },
    edits: 0,
    deleted: false,
    date: side.state.now(),
    kind: 'document',
  };
  if (doc.mime_type !== undefined) msg.document!.mime_type = doc.mime_type;
  if (doc.caption !== undefined) msg.document!.caption = doc.caption;
  if (opts?.threadId !== undefined && rec.chat.is_forum) msg.message_thread_id = opts.threadId;
  side.state.addMessage(rec, msg);
  return side.enqueue({ message: side.state.messageObject(msg) });
}

/**
 * A user sends a photo. Telegram recompresses photos to JPEG and offers several sizes, smallest
 * first; here a 90-pixel thumbnail (its own small file) and the full size, whose bytes are `content`
 * as given. Both can be fetched with getFile.
 */
export function sendPhoto(
  side: UserSide,
  from: FakeUser,
  chat: FakeChat,
  photo: { content: Buffer; caption?: string; width?: number; height?: number },
  opts?: { threadId?: number },
): Update {
  if (photo.content.length === 0) throw new Error('BotApiDouble.sendPhoto: a photo needs bytes');
  const rec = userChat(side, from, chat, 'sendPhoto');
  const width = photo.width ?? 1280;
  const height = photo.height ?? 960;
  const thumbBytes = photo.content.subarray(0, Math.min(photo.content.length, 1024));
  const thumb = side.state.storeFile(Buffer.from(thumbBytes), 'photo.jpg', 'image/jpeg', 'photos');
  const full = side.state.storeFile(photo.content, 'photo.jpg', 'image/jpeg', 'photos');
  const msg: StoredMessage = {
    message_id: side.state.allocateMessageId(rec),
    chat_id: rec.chat.id,
    from_bot: false,
    from,
    userPhoto: [
      { file_id: thumb.file_id, file_unique_id: thumb.file_unique_id, width: 90, height: Math.max(1, Math.round((90 * height) / width)), file_size: thumb.content.length },
      { file_id: full.file_id, file_unique_id: full.file_unique_id, width, height, file_size: full.content.length },
    ],
    edits: 0,
    deleted: false,
    date: side.state.now(),
    kind: 'photo',
  };
  if (photo.caption !== undefined) msg.caption = photo.caption;
  if (opts?.threadId !== undefined && rec.chat.is_forum) msg.message_thread_id = opts.threadId;
  side.state.addMessage(rec, msg);
  return side.enqueue({ message: side.state.messageObject(msg) });
}

/**
 * A user presses an inline button of a stored message. `data` need not be on the message's current
 * keyboard (stale or forged presses are allowed, as a tampered client could send them); the
 * callback_query carries the message as it is now.
 */
export function pressButton(side: UserSide, from: FakeUser, message: StoredMessage, data: string): Update {
  const rec = recordOf(side.state, message.chat_id);
  const msg = rec.byId.get(message.message_id);
  if (!msg) throw new Error(`BotApiDouble.pressButton: message ${message.message_id} not found in chat ${message.chat_id}`);
  if (rec.chat.type === 'private' && rec.chat.id !== from.id) {
    throw new Error(`BotApiDouble.pressButton: private chat ${rec.chat.id} belongs to another user`);
  }
  if (rec.chat.type !== 'private' && !rec.members.has(from.id)) rec.members.set(from.id, 'member');
  const id = side.nextCallbackId();
  side.openCallbacks.set(id, { id, chatId: rec.chat.id, at: performance.now() });
  return side.enqueue({
    callback_query: {
      id,
      from: side.state.userObject(from),
      message: side.state.messageObject(msg),
      chat_instance: rec.chatInstance,
      data,
    },
  });
}

/** Enqueues a raw update (the double assigns update_id). */
export function pushUpdate(side: UserSide, partial: Record<string, unknown>): Update {
  const m = partial.message as { chat?: { id?: unknown; type?: unknown }; from?: { id?: unknown } } | undefined;
  if (m?.chat?.type === 'private' && typeof m.chat.id === 'number') {
    const rec = side.state.resolve(m.chat.id);
    if (rec) rec.started = true;
  }
  const cq = partial.callback_query as { id?: unknown } | undefined;
  if (cq && typeof cq.id === 'string') side.openCallbacks.set(cq.id, { id: cq.id, chatId: undefined, at: performance.now() });
  return side.enqueue(partial);
}

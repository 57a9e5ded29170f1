/**
 * In-memory model of what Telegram knows: users, chats, members, forum topics, messages and files.
 * Everything is indexed so that per-request work is O(1) (history per chat in arrays + a Map by id).
 */
import type { BotGroupStatus, FakeChat, FakeUser, MemberStatus, MessageEntity, StoredMessage, Topic } from './types.js';

export interface BotInfo {
  id: number;
  username: string;
  first_name: string;
}

export interface ChatRecord {
  chat: FakeChat;
  nextMessageId: number;
  messages: StoredMessage[];
  byId: Map<number, StoredMessage>;
  /** thread id → messages of that forum topic (forums only). */
  byThread: Map<number, StoredMessage[]>;
  /** every bot message (deleted ones included, so indices never shift). */
  botMessages: StoredMessage[];
  botByThread: Map<number, StoredMessage[]>;
  chatInstance: string;
  // private chats
  user?: FakeUser;
  started: boolean;
  blocked: boolean;
  // groups
  botStatus: BotGroupStatus;
  members: Map<number, MemberStatus>;
  topics: Map<number, Topic>;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type?: string;
  content: Buffer;
  file_path: string;
}

export const TOPIC_COLORS = [7322096, 16766590, 13338331, 9367192, 16749490, 16478047] as const;

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
  ics: 'text/calendar',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
};

/** Guesses a MIME type from a file name, like Telegram does for uploaded documents. */
export function mimeFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

export class DoubleState {
  readonly users = new Map<number, FakeUser>();
  readonly chats = new Map<number, ChatRecord>();
  readonly chatsByUsername = new Map<string, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private nextUserId = 100_000_001;
  private nextGroupSeq = 1;
  private nextFileSeq = 1;

  constructor(
    readonly bot: BotInfo,
    private readonly clock: () => number,
  ) {}

  /** Id counters, for snapshots (see snapshot.ts). */
  counters(): { nextUserId: number; nextGroupSeq: number } {
    return { nextUserId: this.nextUserId, nextGroupSeq: this.nextGroupSeq };
  }

  setCounters(c: { nextUserId: number; nextGroupSeq: number }): void {
    this.nextUserId = c.nextUserId;
    this.nextGroupSeq = c.nextGroupSeq;
  }

  /** Re-creates a chat with a known id and shape (snapshot restore). */
  restoreChat(chat: FakeChat): ChatRecord {
    if (this.chats.has(chat.id)) throw new Error(`BotApiDouble: chat ${chat.id} exists already`);
    return this.newRecord(chat);
  }

  /** Current time in unix seconds. */
  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  createUser(p: { first_name: string; last_name?: string; username?: string; language_code?: string; id?: number }): FakeUser {
    let id = p.id;
    if (id !== undefined) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`BotApiDouble.createUser: invalid user id ${id}`);
      if (this.users.has(id) || id === this.bot.id) throw new Error(`BotApiDouble.createUser: user id ${id} is taken`);
    } else {
      while (this.users.has(this.nextUserId) || this.nextUserId === this.bot.id) this.nextUserId++;
      id = this.nextUserId++;
    }
    const user: FakeUser = { id, is_bot: false, first_name: p.first_name };
    if (p.last_name !== undefined) user.last_name = p.last_name;
    if (p.username !== undefined) user.username = p.username;
    if (p.language_code !== undefined) user.language_code = p.language_code;
    this.users.set(user.id, user);
    return user;
  }

  private newRecord(chat: FakeChat): ChatRecord {
    const rec: ChatRecord = {
      chat,
      nextMessageId: 1,
      messages: [],
      byId: new Map(),
      byThread: new Map(),
      botMessages: [],
      botByThread: new Map(),
      chatInstance: String(-(Math.abs(chat.id) * 7919 + 104729) % 9_000_000_000_000_000),
      started: false,
      blocked: false,
      botStatus: chat.type === 'private' ? 'member' : 'none',
      members: new Map(),
      topics: new Map(),
    };
    this.chats.set(chat.id, rec);
    if (chat.username) this.chatsByUsername.set(chat.username.toLowerCase(), rec);
    return rec;
  }

  /** The private chat with a user (created on first use; chat id === user id). */
  privateRecord(user: FakeUser): ChatRecord {
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    const chat: FakeChat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.username !== undefined) chat.username = user.username;
    const rec = this.newRecord(chat);
    rec.user = user;
    return rec;
  }

  createGroup(p: { title: string; type?: 'group' | 'supergroup'; isForum?: boolean; username?: string }): ChatRecord {
    const type = p.type ?? (p.isForum ? 'supergroup' : 'group');
    if (p.isForum && type !== 'supergroup') throw new Error('BotApiDouble.createGroup: only supergroups can be forums');
    const seq = this.nextGroupSeq++;
    const id = type === 'supergroup' ? -(1_001_000_000_000 + seq) : -(4_000_000_000 + seq);
    const chat: FakeChat = { id, type, title: p.title };
    if (p.isForum) chat.is_forum = true;
    if (p.username !== undefined) chat.username = p.username;
    return this.newRecord(chat);
  }

  /** Resolves a chat_id parameter (number, numeric string or '@username'). */
  resolve(chatId: unknown): ChatRecord | undefined {
    if (typeof chatId === 'number') return this.byNumericId(chatId);
    if (typeof chatId === 'string') {
      if (chatId.startsWith('@')) return this.chatsByUsername.get(chatId.slice(1).toLowerCase());
      if (/^-?\d+$/.test(chatId)) return this.byNumericId(Number(chatId));
    }
    return undefined;
  }

  private byNumericId(id: number): ChatRecord | undefined {
    const rec = this.chats.get(id);
    if (rec) return rec;
    const user = this.users.get(id);
    return user ? this.privateRecord(user) : undefined;
  }

  /** Allocates the next message id of a chat (also used for forum topic creation). */
  allocateMessageId(rec: ChatRecord): number {
    return rec.nextMessageId++;
  }

  addMessage(rec: ChatRecord, msg: StoredMessage): void {
    rec.messages.push(msg);
    rec.byId.set(msg.message_id, msg);
    const thread = msg.message_thread_id;
    if (thread !== undefined) {
      let list = rec.byThread.get(thread);
      if (!list) rec.byThread.set(thread, (list = []));
      list.push(msg);
    }
    if (msg.from_bot) {
      rec.botMessages.push(msg);
      if (thread !== undefined) {
        let list = rec.botByThread.get(thread);
        if (!list) rec.botByThread.set(thread, (list = []));
        list.push(msg);
      }
    }
  }

  /** All messages of a chat (or of one forum topic), deleted ones included. Live array — do not mutate. */
  historyOf(chatId: number, threadId?: number): readonly StoredMessage[] {
    const rec = this.chats.get(chatId);
    if (!rec) return [];
    if (threadId === undefined) return rec.messages;
    return rec.byThread.get(threadId) ?? [];
  }

  /** All bot messages of a chat (or topic), deleted ones included. Live array — do not mutate. */
  botHistoryOf(chatId: number, threadId?: number): readonly StoredMessage[] {
    const rec = this.chats.get(chatId);
    if (!rec) return [];
    if (threadId === undefined) return rec.botMessages;
    return rec.botByThread.get(threadId) ?? [];
  }

  createTopic(rec: ChatRecord, name: string, iconColor?: number, iconEmojiId?: string): Topic {
    const id = this.allocateMessageId(rec);
    const topic: Topic = { message_thread_id: id, name, icon_color: iconColor ?? TOPIC_COLORS[0], closed: false };
    if (iconEmojiId !== undefined) topic.icon_custom_emoji_id = iconEmojiId;
    rec.topics.set(id, topic);
    return topic;
  }

  /** Keeps a file's bytes; `folder` is the first part of its file_path, as on Telegram's servers. */
  storeFile(content: Buffer, fileName: string, mimeType: string | undefined, folder: 'documents' | 'photos' = 'documents'): StoredFile {
    const seq = this.nextFileSeq++;
    const file: StoredFile = {
      file_id: `${folder === 'photos' ? 'AgACAgUAAxkBAAI' : 'BQACAgUAAxkDAAI'}${seq.toString(36).padStart(6, '0')}${content.length.toString(36)}`,
      file_unique_id: `AgAD${seq.toString(36).padStart(6, '0')}`,
      file_name: fileName,
      content,
      file_path: `${folder}/file_${seq}${fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.')) : ''}`,
    };
    if (mimeType !== undefined) file.mime_type = mimeType;
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  fileByPath(path: string): StoredFile | undefined {
    return this.filesByPath.get(path);
  }

  // ---------------- API object builders ----------------

  botUserObject(): Record<string, unknown> {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  userObject(u: FakeUser): Record<string, unknown> {
    const o: Record<string, unknown> = { id: u.id, is_bot: false, first_name: u.first_name };
    if (u.last_name !== undefined) o.last_name = u.last_name;
    if (u.username !== undefined) o.username = u.username;
    if (u.language_code !== undefined) o.language_code = u.language_code;
    return o;
  }

  chatObject(chat: FakeChat): Record<string, unknown> {
    if (chat.type === 'private') {
      const u = this.users.get(chat.id);
      const o: Record<string, unknown> = { id: chat.id, first_name: u?.first_name ?? chat.first_name ?? '' };
      if (u?.last_name !== undefined) o.last_name = u.last_name;
      if (u?.username !== undefined) o.username = u.username;
      o.type = 'private';
      return o;
    }
    const o: Record<string, unknown> = { id: chat.id, title: chat.title ?? '' };
    if (chat.username !== undefined) o.username = chat.username;
    o.type = chat.type;
    if (chat.is_forum) o.is_forum = true;
    if (chat.type === 'group') o.all_members_are_administrators = false;
    return o;
  }

  /** Message object as the Bot API returns/delivers it. */
  messageObject(msg: StoredMessage, withReply = true): Record<string, unknown> {
    const rec = this.chats.get(msg.chat_id);
    const o: Record<string, unknown> = { message_id: msg.message_id };
    if (msg.message_thread_id !== undefined) o.message_thread_id = msg.message_thread_id;
    o.from = msg.from_bot ? this.botUserObject() : msg.from ? this.userObject(msg.from) : undefined;
    o.chat = rec ? this.chatObject(rec.chat) : { id: msg.chat_id };
    o.date = msg.date;
    if (msg.edit_date !== undefined) o.edit_date = msg.edit_date;
    if (msg.message_thread_id !== undefined) o.is_topic_message = true;
    if (withReply && msg.reply_to_message_id !== undefined && rec) {
      const replied = rec.byId.get(msg.reply_to_message_id);
      if (replied && !replied.deleted) o.reply_to_message = this.messageObject(replied, false);
    }
    if (msg.document) {
      const d = msg.document;
      o.document = {
        file_name: d.file_name,
        mime_type: d.mime_type,
        file_id: d.file_id,
        file_unique_id: d.file_unique_id,
        file_size: d.file_size ?? d.content.length,
      };
      if (d.caption !== undefined && d.caption.length > 0) {
        o.caption = d.caption;
        if (msg.entities && msg.entities.length > 0) o.caption_entities = msg.entities;
      }
    } else if (msg.userPhoto) {
      o.photo = msg.userPhoto.map((p) => ({ ...p }));
      if (msg.caption !== undefined && msg.caption.length > 0) {
        o.caption = msg.caption;
        if (msg.entities && msg.entities.length > 0) o.caption_entities = msg.entities;
      }
    } else if (msg.photo) {
      const ph = msg.photo;
      // Telegram answers with several sizes, the largest last (at most 2560 on the longer side).
      const longest = Math.max(ph.width, ph.height, 1);
      const sides = [90, 320, 800, 1280, 2560].filter((side) => side < longest);
      sides.push(Math.min(longest, 2560));
      o.photo = sides.map((side, i) => ({
        file_id: i === sides.length - 1 ? ph.file_id : `${ph.file_id}_${side}`,
        file_unique_id: i === sides.length - 1 ? ph.file_unique_id : `${ph.file_unique_id}_${side}`,
        width: Math.round((ph.width * side) / longest),
        height: Math.round((ph.height * side) / longest),
        file_size: ph.file_size,
      }));
      if (ph.caption !== undefined && ph.caption.length > 0) {
        o.caption = ph.caption;
        if (msg.entities && msg.entities.length > 0) o.caption_entities = msg.entities;
      }
    } else if (msg.text !== undefined) {
      o.text = msg.text;
      if (msg.entities && msg.entities.length > 0) o.entities = msg.entities;
    }
    if (msg.reply_markup) o.reply_markup = msg.reply_markup;
    if (o.from === undefined) delete o.from;
    return o;
  }
}

/** Builds the bot_command entity of a user's text (a leading /command or /command@bot). */
export function commandEntities(text: string): MessageEntity[] {
  const m = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}

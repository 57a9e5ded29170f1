/**
 * Types of the fake Telegram Bot API server ("telegram double"), in one leaf module that imports
 * nothing, so state, snapshots, the update queue and the server can all share them without cycles.
 * Shapes follow the Bot API closely; see server.ts for the class itself.
 */

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot: false;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  is_forum?: boolean;
  username?: string;
  first_name?: string;
}

/** A Telegram MessageEntity (offset/length in UTF-16 code units). */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: Record<string, unknown>;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [other: string]: unknown;
}

export interface StoredMessage {
  message_id: number;
  chat_id: number;
  message_thread_id?: number;
  from_bot: boolean;
  from?: FakeUser;
  /** Plain text as Telegram stores it (HTML tags stripped, entities decoded, trimmed). */
  text?: string;
  /** The raw text (or caption) the bot sent, e.g. with HTML tags — for assertions. */
  html?: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard: Array<Array<InlineButton>> };
  document?: {
    file_name: string;
    mime_type?: string;
    content: Buffer;
    caption?: string;
    // extensions
    file_id?: string;
    file_unique_id?: string;
    file_size?: number;
  };
  /** A photo the bot sent (sendPhoto): the uploaded image and its size. */
  photo?: {
    file_name: string;
    content: Buffer;
    caption?: string;
    file_id: string;
    file_unique_id: string;
    file_size: number;
    width: number;
    height: number;
  };
  /** A photo a user sent: Telegram's PhotoSize array, smallest first (bytes are behind getFile). */
  userPhoto?: PhotoSize[];
  /** The caption of a user's photo. */
  caption?: string;
  /** How many times the message was edited. */
  edits: number;
  deleted: boolean;
  /** Unix seconds. */
  date: number;
  // ---- extensions (not in the original brief, always optional) ----
  /** Entities of `text` (or of the caption for documents). */
  entities?: MessageEntity[];
  /** Message this one replies to (same chat). */
  reply_to_message_id?: number;
  /** Non-inline reply markup (reply keyboard, remove_keyboard, force_reply) as sent. */
  other_markup?: Record<string, unknown>;
  /** Unix seconds of the last edit. */
  edit_date?: number;
  /** Service message kind for messages that are not text/document (e.g. 'forward', 'copy'). */
  kind?: 'text' | 'document' | 'photo' | 'copy' | 'forward';
}

/** Telegram's PhotoSize: one resolution of a photo. */
export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size: number;
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** HTTP status answered (0 while pending or when the socket was destroyed by a 'network' fault). */
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** Telegram's error description when the call failed. */
  description?: string;
}

/** How the double fails a request instead of answering it (see BotApiDouble.interceptRequests). */
export type Fault =
  | { kind: '429'; retryAfter: number }
  | { kind: '5xx'; status?: number }
  | { kind: '403'; description?: string }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'network' };

export type Update = Record<string, unknown> & { update_id: number };

export interface Limits {
  perChatPerSec?: number;
  perGroupPerMin?: number;
  globalPerSec?: number;
  /** Extension: edits (editMessageText/Caption/ReplyMarkup) per group chat per minute (Telegram's unofficial ~20). */
  editsPerGroupPerMin?: number;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface BotApiDoubleOptions {
  token?: string;
  botId?: number;
  botUsername?: string;
  botFirstName?: string;
  host?: string;
  port?: number;
  /** Upper bound for how long a getUpdates long poll is held (default 30000 ms). */
  maxLongPollMs?: number;
  /** Clock in milliseconds since the epoch used for message dates (default Date.now). */
  clock?: () => number;
  /** Start from a snapshot taken earlier with `snapshot()` (people, chats, messages, id counters). */
  restore?: DoubleSnapshot;
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

/** What the bot did that users can see, in execution order (see BotApiDouble.onEvent). */
export type DoubleEvent =
  | { type: 'sent' | 'edited' | 'deleted'; message: StoredMessage }
  | { type: 'callback_answer'; answer: CallbackAnswer };

export interface Topic {
  message_thread_id: number;
  name: string;
  icon_color: number;
  icon_custom_emoji_id?: string;
  closed: boolean;
}

export type BotGroupStatus = 'none' | 'member' | 'administrator' | 'left' | 'kicked';

// ---- snapshots (see snapshot.ts) ----

export type SnapshotMessage = Omit<StoredMessage, 'document' | 'photo' | 'from'> & {
  photo?: Omit<NonNullable<StoredMessage['photo']>, 'content'>;
  from_id?: number;
  document?: Omit<NonNullable<StoredMessage['document']>, 'content'>;
};

export interface ChatSnapshot {
  chat: FakeChat;
  nextMessageId: number;
  started: boolean;
  blocked: boolean;
  botStatus: BotGroupStatus;
  members: Array<[number, MemberStatus]>;
  topics: Topic[];
  /** The most recent messages, oldest first. */
  messages: SnapshotMessage[];
}

export interface DoubleSnapshot {
  version: 1;
  nextUpdateId: number;
  nextUserId: number;
  nextGroupSeq: number;
  users: FakeUser[];
  chats: ChatSnapshot[];
}

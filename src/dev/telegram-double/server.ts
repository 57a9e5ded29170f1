/**
 * BotApiDouble: an in-process HTTP server imitating the Telegram Bot API (the handlers are in
 * methods/), plus the "user side" (people and chats that send messages and press buttons:
 * user-actions.ts, membership.ts) and observation helpers for tests (waiting.ts, events.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApiError } from './errors.js';
import { handleRequest, type Endpoint, type Outcome } from './http.js';
import { eventsOf } from './events.js';
import { RateLimiter } from './limits.js';
import { addBotToGroup, blockBot, groupRecordOf, recordOf, removeBotFromGroup, unblockBot } from './membership.js';
import type { MethodContext, OpenCallback, Payload } from './methods/context.js';
import { METHODS, METHOD_BY_LOWER } from './methods/index.js';
import { parsePayload } from './request-body.js';
import { restoreSnapshot, takeSnapshot } from './snapshot.js';
import { DoubleState } from './state.js';
import { UpdateQueue } from './updates.js';
import { pressButton, pushUpdate, sendDocument, sendPhoto, sendText, type UserSide } from './user-actions.js';
import { describeRecentCalls, waitForBotMessage, Waiters } from './waiting.js';
import type {
  ApiCall,
  BotApiDoubleOptions,
  DoubleEvent,
  DoubleSnapshot,
  FakeChat,
  FakeUser,
  Fault,
  Limits,
  MemberStatus,
  StoredMessage,
  Update,
} from './types.js';

const DEFAULT_TOKEN = '123456:TEST-token-ABCDEFGHIJKLMNOPQRSTUV';
const MAX_CALLS = 200_000;
const CALLS_TRIM = 50_000;

/**
 * Decides whether a request fails instead of being handled: a Fault to act out, or undefined.
 * Tests build fault rules on it (test/helpers/faults.ts).
 */
export type RequestInterceptor = (method: string, payload: Payload) => Fault | undefined;

export class BotApiDouble {
  readonly token: string;
  readonly apiRoot: string;
  readonly bot: { id: number; username: string; first_name: string };
  /** answerCallbackQuery calls, in order. */
  callbackAnswers: MethodContext['callbackAnswers'] = [];
  /** Every request, in order (the oldest are dropped beyond 200k entries). */
  calls: ApiCall[] = [];
  /** setMyCommands payloads ({ commands, scope, language_code? }) keyed by `${scope.type}:${language_code ?? ''}`. */
  readonly commands = new Map<string, unknown>();
  /** Number of requests handled so far (finished, any outcome). */
  handledRequests = 0;

  private readonly server: http.Server;
  private readonly state: DoubleState;
  private readonly queue: UpdateQueue;
  private readonly limiter = new RateLimiter();
  private readonly openCallbacks = new Map<string, OpenCallback>();
  private readonly interceptors: RequestInterceptor[] = [];
  private readonly waiting: Waiters;
  private readonly side: UserSide;
  private readonly listeners = new Set<(event: DoubleEvent) => void>();
  private readonly maxLongPollMs: number;
  private readonly endpoint: Endpoint;
  private nextCallbackSeq = 1;
  private closing: Promise<void> | undefined;

  private constructor(server: http.Server, apiRoot: string, opts: BotApiDoubleOptions) {
    this.server = server;
    this.apiRoot = apiRoot;
    this.token = opts.token ?? DEFAULT_TOKEN;
    const idFromToken = Number(/^(\d+):/.exec(this.token)?.[1] ?? NaN);
    this.bot = {
      id: opts.botId ?? (Number.isSafeInteger(idFromToken) ? idFromToken : 123456),
      username: opts.botUsername ?? 'test_bot',
      first_name: opts.botFirstName ?? 'Test Bot',
    };
    this.maxLongPollMs = opts.maxLongPollMs ?? 30_000;
    const clock = opts.clock ?? Date.now;
    this.state = new DoubleState(this.bot, clock);
    this.queue = new UpdateQueue({
      onWebhookReply: (body, type) => this.onWebhookReply(body, type),
      onChange: () => this.notify(),
      now: () => this.state.now(),
    });
    this.waiting = new Waiters(() => `Pending updates: ${this.queue.pending()}. Last calls:\n${describeRecentCalls(this.calls)}`);
    this.side = {
      state: this.state,
      enqueue: (partial) => this.enqueue(partial),
      openCallbacks: this.openCallbacks,
      nextCallbackId: () => `${this.bot.id}${String(this.nextCallbackSeq++).padStart(9, '0')}`,
    };
    this.endpoint = {
      token: this.token,
      state: this.state,
      record: (call) => this.pushCall(call),
      handled: () => {
        this.handledRequests++;
        this.notify();
      },
      faultFor: (method, payload) => this.faultFor(method, payload),
      run: (method, payload, signal) => this.execute(method, payload, signal),
    };
    if (opts.restore) restoreSnapshot(this.state, this.queue, opts.restore);
  }

  static async start(opts: BotApiDoubleOptions = {}): Promise<BotApiDouble> {
    const server = http.createServer({ keepAliveTimeout: 10_000 });
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address() as AddressInfo;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    const double = new BotApiDouble(server, `http://${shownHost}:${addr.port}`, opts);
    server.on('request', (req, res) => {
      handleRequest(double.endpoint, req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` }));
        }
      });
    });
    return double;
  }

  // ================================================================ HTTP

  private async execute(method: string, payload: Payload, signal: AbortSignal): Promise<Outcome> {
    const handler = METHODS[method];
    if (!handler) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    try {
      const ctx: MethodContext = {
        state: this.state,
        queue: this.queue,
        limiter: this.limiter,
        callbackAnswers: this.callbackAnswers,
        openCallbacks: this.openCallbacks,
        commands: this.commands,
        maxLongPollMs: this.maxLongPollMs,
        signal,
        monoNow: () => performance.now(),
      };
      const r = handler(ctx, payload);
      const result = r instanceof Promise ? await r : r;
      if (this.listeners.size > 0) this.emitEvents(method, payload, result);
      return { status: 200, body: { ok: true, result } };
    } catch (e) {
      if (e instanceof ApiError) {
        const body: Record<string, unknown> = { ok: false, error_code: e.code, description: e.description };
        if (e.parameters) body.parameters = e.parameters;
        return { status: e.code, body };
      }
      return { status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` } };
    }
  }

  private pushCall(call: ApiCall): void {
    if (this.calls.length >= MAX_CALLS) this.calls.splice(0, CALLS_TRIM);
    this.calls.push(call);
  }

  private async onWebhookReply(body: string, contentType: string | null): Promise<void> {
    let payload: Payload;
    try {
      payload = await parsePayload(contentType ?? 'application/json', Buffer.from(body), '');
    } catch {
      return;
    }
    const name = typeof payload.method === 'string' ? METHOD_BY_LOWER.get(payload.method.toLowerCase()) : undefined;
    if (!name) return;
    delete payload.method;
    const call: ApiCall = { method: name, payload, status: 0, at: performance.now() };
    this.pushCall(call);
    const outcome = await this.execute(name, payload, new AbortController().signal);
    call.status = outcome.status;
    if (outcome.body.ok === false) call.description = String(outcome.body.description);
    this.handledRequests++;
    this.notify();
  }

  // ================================================================ events

  /**
   * Calls `listener` after every successful bot action that changes what users see (a message sent,
   * edited or deleted; a callback query answered), synchronously and in the order the server
   * executed them. Returns a function that removes the listener.
   */
  onEvent(listener: (event: DoubleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emitEvents(method: string, payload: Payload, result: unknown): void {
    const events = eventsOf(method, payload, result, {
      chatIdOf: (chatId) => this.state.resolve(chatId)?.chat.id,
      message: (chatId, messageId) => this.message(chatId, messageId),
      lastCallbackAnswer: () => this.callbackAnswers.at(-1),
    });
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch {
          // an observer must not break the server
        }
      }
    }
  }

  // ================================================================ snapshots

  /** People, chats, topics, the last `maxMessagesPerChat` messages of each chat and the id counters. */
  snapshot(opts?: { maxMessagesPerChat?: number }): DoubleSnapshot {
    return takeSnapshot(this.state, this.queue, opts?.maxMessagesPerChat);
  }

  // ================================================================ faults & limits

  /**
   * Lets `intercept` fail requests before they are handled (interceptors are asked in the order
   * they were added; the first Fault wins). Returns a function that removes it.
   */
  interceptRequests(intercept: RequestInterceptor): () => void {
    this.interceptors.push(intercept);
    return () => {
      const i = this.interceptors.indexOf(intercept);
      if (i !== -1) this.interceptors.splice(i, 1);
    };
  }

  private faultFor(method: string, payload: Payload): Fault | undefined {
    for (const intercept of [...this.interceptors]) {
      const fault = intercept(method, payload);
      if (fault) return fault;
    }
    return undefined;
  }

  /** Enables (or with null disables) Telegram-like flood limits on sending methods. */
  enforceLimits(limits: Limits | null): void {
    this.limiter.set(limits);
  }

  /** How many requests were answered 429 because of enforceLimits. */
  get limitViolations(): number {
    return this.limiter.violations;
  }

  set limitViolations(n: number) {
    this.limiter.violations = n;
  }

  // ================================================================ people and chats

  /** A new user (ids from 100000001 up, or `id` when given). */
  createUser(p: { first_name: string; last_name?: string; username?: string; language_code?: string; id?: number }): FakeUser {
    return this.state.createUser(p);
  }

  /** The private chat with `user` (chat id === user id). The user must sendText before the bot can write. */
  privateChat(user: FakeUser): FakeChat {
    return this.state.privateRecord(user).chat;
  }

  /** A new group (negative id) or supergroup (-100… id); `isForum` implies a supergroup. */
  createGroup(p: { title: string; type?: 'group' | 'supergroup'; isForum?: boolean; username?: string }): FakeChat {
    return this.state.createGroup(p).chat;
  }

  /** Adds the bot to a group (as administrator unless told otherwise) and enqueues my_chat_member. */
  addBotToGroup(chat: FakeChat, by: FakeUser, opts?: { status?: 'member' | 'administrator' }): Update {
    return addBotToGroup(this.side, chat, by, opts);
  }

  /** Kicks the bot from a group; afterwards sends there answer 403 "bot was kicked from the group chat". */
  removeBotFromGroup(chat: FakeChat, by: FakeUser): Update {
    return removeBotFromGroup(this.side, chat, by);
  }

  /** Sets a user's status in a group (for getChatMember / getChatAdministrators). Default for known users: 'member'. */
  setMemberStatus(chat: FakeChat, user: FakeUser, status: MemberStatus): void {
    groupRecordOf(this.state, chat, 'setMemberStatus').members.set(user.id, status);
  }

  /** Turns topics on (or off) in a supergroup, as its owner can in the group settings. Enqueues nothing. */
  setForum(chat: FakeChat, isForum = true): void {
    const rec = groupRecordOf(this.state, chat, 'setForum');
    if (rec.chat.type !== 'supergroup') throw new Error(`BotApiDouble.setForum: only supergroups can be forums`);
    if (isForum) rec.chat.is_forum = true;
    else delete rec.chat.is_forum;
    chat.is_forum = rec.chat.is_forum;
  }

  /** The users and chats the double knows (copies). */
  users(): FakeUser[] {
    return [...this.state.users.values()].map((u) => ({ ...u }));
  }

  chats(): FakeChat[] {
    return [...this.state.chats.values()].map((r) => ({ ...r.chat }));
  }

  /** Forum topics of a chat. */
  topics(chatId: number): Array<{ message_thread_id: number; name: string; closed: boolean }> {
    return [...(this.state.chats.get(chatId)?.topics.values() ?? [])].map((t) => ({ message_thread_id: t.message_thread_id, name: t.name, closed: t.closed }));
  }

  /** Creates a forum topic (the chat must be a forum supergroup). Enqueues nothing. */
  createTopic(chat: FakeChat, name: string): { message_thread_id: number; name: string } {
    const rec = recordOf(this.state, chat);
    if (!rec.chat.is_forum) throw new Error(`BotApiDouble.createTopic: chat ${chat.id} is not a forum`);
    const t = this.state.createTopic(rec, name);
    return { message_thread_id: t.message_thread_id, name: t.name };
  }

  /** The user blocks the bot: further sends to the private chat answer 403; enqueues my_chat_member (kicked). */
  blockBot(user: FakeUser): void {
    blockBot(this.side, user);
  }

  /** The user unblocks (restarts) the bot; enqueues my_chat_member (member). */
  unblockBot(user: FakeUser): void {
    unblockBot(this.side, user);
  }

  // ================================================================ what users do

  private enqueue(partial: Record<string, unknown>): Update {
    const u = this.queue.enqueue(partial);
    this.notify();
    return u;
  }

  /** A user sends text; a leading /command gets a bot_command entity. Stored in history and enqueued. */
  sendText(from: FakeUser, chat: FakeChat, text: string, opts?: { threadId?: number; replyToMessageId?: number }): Update {
    return sendText(this.side, from, chat, text, opts);
  }

  /** A user sends a document (stored, enqueued; the bot can getFile and download it). */
  sendDocument(
    from: FakeUser,
    chat: FakeChat,
    doc: { file_name: string; content: Buffer; mime_type?: string; caption?: string },
    opts?: { threadId?: number },
  ): Update {
    return sendDocument(this.side, from, chat, doc, opts);
  }

  /**
   * A user sends a photo. Telegram recompresses photos to JPEG and offers several sizes, smallest
   * first; here a 90-pixel thumbnail (its own small file) and the full size, whose bytes are `content`
   * as given. Both can be fetched with getFile.
   */
  sendPhoto(
    from: FakeUser,
    chat: FakeChat,
    photo: { content: Buffer; caption?: string; width?: number; height?: number },
    opts?: { threadId?: number },
  ): Update {
    return sendPhoto(this.side, from, chat, photo, opts);
  }


  /**
   * A user presses an inline button of a stored message. `data` need not be on the message's current
   * keyboard (stale or forged presses are allowed, as a tampered client could send them); the
   * callback_query carries the message as it is now.
   */
  pressButton(from: FakeUser, message: StoredMessage, data: string): Update {
    return pressButton(this.side, from, message, data);
  }

  /** Enqueues a raw update (the double assigns update_id). */
  pushUpdate(partial: Record<string, unknown>): Update {
    return pushUpdate(this.side, partial);
  }

  // ================================================================ observing

  /** All messages of a chat (or of one forum topic) in order, user messages and deleted ones included. */
  history(chatId: number, threadId?: number): StoredMessage[] {
    return this.state.historyOf(chatId, threadId).slice();
  }

  /** The bot's messages in a chat (or topic), deleted ones excluded. */
  botMessages(chatId: number, threadId?: number): StoredMessage[] {
    return this.state.botHistoryOf(chatId, threadId).filter((m) => !m.deleted);
  }

  lastBotMessage(chatId: number, threadId?: number): StoredMessage | undefined {
    const list = this.state.botHistoryOf(chatId, threadId);
    for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.deleted) return list[i];
    return undefined;
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.state.chats.get(chatId)?.byId.get(messageId);
  }

  /** Updates not yet confirmed by a getUpdates offset (or not yet delivered to the webhook). */
  pendingUpdates(): number {
    return this.queue.pending();
  }

  /** Callback query ids the bot has not answered yet. */
  unansweredCallbackQueries(): string[] {
    return [...this.openCallbacks.keys()];
  }

  /** Topic info (name, closed, icon) of a forum topic, for assertions. */
  topic(chatId: number, threadId: number): { message_thread_id: number; name: string; icon_color: number; closed: boolean } | undefined {
    const t = this.state.chats.get(chatId)?.topics.get(threadId);
    return t ? { ...t } : undefined;
  }

  /** The user has started the bot (sendText in the private chat), so the bot may write to them. */
  hasStarted(user: FakeUser): boolean {
    return this.state.chats.get(user.id)?.started === true;
  }

  /** The webhook currently set (url, secret), or null. */
  webhook(): { url: string; secret_token?: string } | null {
    const wh = this.queue.webhook;
    return wh ? { ...wh } : null;
  }

  private notify(): void {
    this.waiting.notify();
  }

  /**
   * Resolves with the first truthy value of `check`, re-evaluated after every handled request and
   * user action (and every 20 ms). A throwing check counts as "not yet". Rejects after timeoutMs
   * (default 30 s, a cap) with the last 10 calls in the message.
   */
  waitFor<T>(check: () => T | undefined | false | null, opts?: { timeoutMs?: number; description?: string }): Promise<T> {
    return this.waiting.waitFor(check, opts);
  }

  /**
   * Waits for a bot message in a chat (and topic). `after` is the number of bot messages already
   * seen, i.e. `botMessages(chatId, threadId).length` captured before the user action: messages at
   * that index or later (as of this call) and every message sent after this call are candidates;
   * deleted ones are skipped. `match` tests the text (or caption / file name).
   */
  waitForBotMessage(
    chatId: number,
    opts?: { threadId?: number; after?: number; match?: RegExp | string; timeoutMs?: number },
  ): Promise<StoredMessage> {
    return waitForBotMessage(this.waiting, (threadId) => this.state.botHistoryOf(chatId, threadId), chatId, opts);
  }

  // ================================================================ lifecycle

  /** Closes the server, answers held long polls with [] and stops webhook delivery. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.queue.close();
    this.waiting.close();
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // let the answers to held polls flush, then drop keep-alive sockets
      setImmediate(() => this.server.closeAllConnections());
    });
    return this.closing;
  }
}

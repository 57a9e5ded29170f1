/**
 * BotApiDouble: an in-process HTTP server imitating the Telegram Bot API, plus the "user side"
 * (people and chats that send messages and press buttons) and observation helpers for tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ApiError } from './errors.js';
import { RateLimiter } from './limits.js';
import type { MethodContext, OpenCallback, Payload } from './methods/context.js';
import { UploadedFile } from './methods/files.js';
import { METHODS, METHOD_BY_LOWER } from './methods/index.js';
import { DoubleState, commandEntities, type ChatRecord } from './state.js';
import { restoreSnapshot, takeSnapshot } from './snapshot.js';
import { UpdateQueue } from './updates.js';
import type {
  ApiCall,
  BotApiDoubleOptions,
  CallbackAnswer,
  DoubleEvent,
  DoubleSnapshot,
  FakeChat,
  FakeUser,
  FaultRule,
  Limits,
  MemberStatus,
  StoredMessage,
  Update,
} from './types.js';

const DEFAULT_TOKEN = '123456:TEST-token-ABCDEFGHIJKLMNOPQRSTUV';
const MAX_CALLS = 200_000;
const CALLS_TRIM = 50_000;
const JSON_FIELDS = [
  'reply_markup', 'reply_parameters', 'link_preview_options', 'entities', 'caption_entities', 'commands', 'scope',
  'allowed_updates', 'message_ids', 'media', 'results', 'reaction', 'menu_button',
];

interface Waiter {
  run(): void;
}

interface FaultEntry {
  rule: FaultRule;
  remaining: number;
}

interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON / urlencoded / multipart body (plus query string) into a flat payload. */
export async function parsePayload(contentType: string | undefined, body: Buffer, query: string): Promise<Payload> {
  const payload: Payload = {};
  if (query) for (const [k, v] of new URLSearchParams(query)) payload[k] = v;
  const ct = (contentType ?? '').toLowerCase();
  if (body.length > 0) {
    if (ct.startsWith('application/json') || (!ct && (body[0] === 0x7b /* { */))) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(payload, parsed);
    } else if (ct.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) payload[k] = v;
    } else if (ct.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData();
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') payload[k] = v;
        else payload[k] = new UploadedFile(v.name, v.type, Buffer.from(await v.arrayBuffer()));
      }
    }
  }
  for (const f of JSON_FIELDS) {
    const v = payload[f];
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
      try {
        payload[f] = JSON.parse(v);
      } catch {
        // left as a string; handlers answer "can't parse ..."
      }
    }
  }
  return payload;
}

function textOf(m: StoredMessage): string {
  return m.text ?? m.document?.caption ?? m.photo?.caption ?? m.caption ?? '';
}

function matches(m: StoredMessage, match: RegExp | string | undefined): boolean {
  if (match === undefined) return true;
  const candidates = [textOf(m)];
  if (m.document) candidates.push(m.document.file_name);
  if (m.photo) candidates.push(m.photo.file_name);
  if (typeof match === 'string') return candidates.some((c) => c.includes(match));
  return candidates.some((c) => {
    match.lastIndex = 0;
    return match.test(c);
  });
}

function brief(s: unknown, max = 80): string {
  if (s === undefined || s === null) return '';
  const str = typeof s === 'string' ? s : JSON.stringify(s);
  return str.length > max ? `${str.slice(0, max - 1)}…` : str;
}

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
  private readonly faults: FaultEntry[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(event: DoubleEvent) => void>();
  private waiterInterval: NodeJS.Timeout | undefined;
  private readonly maxLongPollMs: number;
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
      double.onRequest(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` }));
        }
      });
    });
    return double;
  }

  // ================================================================ HTTP

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    if (path.startsWith('/file/bot')) return this.serveFile(req, res, path);
    const m = /^\/bot([^/]*)\/([^/]*)$/.exec(path);
    const body = await readBody(req);
    if (!m) return this.write(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const rawMethod = decodeURIComponent(m[2]!);
    const method = METHOD_BY_LOWER.get(rawMethod.toLowerCase());
    let payload: Payload;
    try {
      payload = await parsePayload(req.headers['content-type'], body, query);
    } catch {
      payload = {};
      const call: ApiCall = { method: method ?? rawMethod, payload, status: 0, at: performance.now() };
      this.pushCall(call);
      return this.finish(res, call, { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse request body" } });
    }
    delete payload.method;
    const call: ApiCall = { method: method ?? rawMethod, payload, status: 0, at: performance.now() };
    this.pushCall(call);
    if (decodeURIComponent(m[1]!) !== this.token) {
      return this.finish(res, call, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    }
    if (!method) {
      return this.finish(res, call, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } });
    }
    const fault = this.matchFault(method, payload);
    if (fault) {
      switch (fault.kind) {
        case 'network':
          call.status = 0;
          call.description = 'network fault: socket destroyed';
          req.socket.destroy();
          this.handledRequests++;
          this.notify();
          return;
        case '429': {
          const retryAfter = Math.max(1, Math.ceil(fault.retryAfter));
          return this.finish(res, call, {
            status: 429,
            body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
          });
        }
        case '5xx': {
          const status = fault.status ?? 502;
          return this.finish(res, call, {
            status,
            body: { ok: false, error_code: status, description: http.STATUS_CODES[status] ?? 'Internal Server Error' },
          });
        }
        case '403':
          return this.finish(res, call, {
            status: 403,
            body: { ok: false, error_code: 403, description: fault.description ?? 'Forbidden: bot was blocked by the user' },
          });
        case 'slow':
          await new Promise((r) => setTimeout(r, fault.delayMs));
          break;
      }
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) abort.abort();
    });
    const outcome = await this.execute(method, payload, abort.signal);
    return this.finish(res, call, outcome);
  }

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

  private finish(res: http.ServerResponse, call: ApiCall, outcome: Outcome): void {
    let json: string;
    try {
      json = JSON.stringify(outcome.body);
    } catch (e) {
      outcome = { status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` } };
      json = JSON.stringify(outcome.body);
    }
    call.status = outcome.status;
    if (outcome.body.ok === false) call.description = String(outcome.body.description);
    this.writeJson(res, outcome.status, json);
    this.handledRequests++;
    this.notify();
  }

  private write(res: http.ServerResponse, outcome: Outcome): void {
    this.writeJson(res, outcome.status, JSON.stringify(outcome.body));
  }

  private writeJson(res: http.ServerResponse, status: number, json: string): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    req.resume();
    const m = /^\/file\/bot([^/]*)\/(.+)$/.exec(path);
    if (!m || decodeURIComponent(m[1]!) !== this.token) {
      res.writeHead(401).end();
      return;
    }
    const f = this.state.fileByPath(decodeURIComponent(m[2]!));
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.mime_type ?? 'application/octet-stream', 'content-length': f.content.length });
    res.end(f.content);
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
    const events: DoubleEvent[] = [];
    const chatId = this.state.resolve(payload.chat_id)?.chat.id;
    const stored = (id: unknown) => (chatId !== undefined && typeof id === 'number' ? this.message(chatId, id) : undefined);
    const resultId = (result as { message_id?: unknown } | null)?.message_id;
    switch (method) {
      case 'sendMessage':
      case 'sendDocument':
      case 'sendPhoto':
      case 'copyMessage':
      case 'forwardMessage': {
        const message = stored(resultId);
        if (message) events.push({ type: 'sent', message });
        break;
      }
      case 'editMessageText':
      case 'editMessageCaption':
      case 'editMessageReplyMarkup': {
        const message = stored(resultId);
        if (message) events.push({ type: 'edited', message });
        break;
      }
      case 'deleteMessage': {
        const message = stored(Number(payload.message_id));
        if (message) events.push({ type: 'deleted', message });
        break;
      }
      case 'deleteMessages':
        for (const id of Array.isArray(payload.message_ids) ? payload.message_ids : []) {
          const message = stored(Number(id));
          if (message?.deleted) events.push({ type: 'deleted', message });
        }
        break;
      case 'answerCallbackQuery': {
        const answer = this.callbackAnswers.at(-1);
        if (answer) events.push({ type: 'callback_answer', answer: { ...answer } as CallbackAnswer });
        break;
      }
    }
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

  private matchFault(method: string, payload: Payload) {
    for (let i = 0; i < this.faults.length; i++) {
      const entry = this.faults[i]!;
      const { rule } = entry;
      if (rule.method !== undefined) {
        if (typeof rule.method === 'string') {
          if (rule.method !== method && rule.method.toLowerCase() !== method.toLowerCase()) continue;
        } else {
          rule.method.lastIndex = 0;
          if (!rule.method.test(method)) continue;
        }
      }
      if (rule.chatId !== undefined && Number(payload.chat_id) !== rule.chatId) continue;
      entry.remaining--;
      if (entry.remaining <= 0) this.faults.splice(i, 1);
      return rule.fault;
    }
    return undefined;
  }

  /** Adds a fault rule (checked in order); returns a function that removes it. */
  injectFault(rule: FaultRule): () => void {
    const entry: FaultEntry = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.faults.push(entry);
    return () => {
      const i = this.faults.indexOf(entry);
      if (i !== -1) this.faults.splice(i, 1);
    };
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

  private record(chat: FakeChat | number): ChatRecord {
    const id = typeof chat === 'number' ? chat : chat.id;
    const rec = this.state.resolve(id);
    if (!rec) throw new Error(`BotApiDouble: unknown chat ${id}`);
    return rec;
  }

  private groupRecord(chat: FakeChat, what: string): ChatRecord {
    const rec = this.record(chat);
    if (rec.chat.type === 'private') throw new Error(`BotApiDouble.${what}: ${chat.id} is a private chat`);
    return rec;
  }

  private botMemberObject(status: MemberStatus): Record<string, unknown> {
    const user = this.state.botUserObject();
    if (status === 'administrator') {
      return {
        user, status, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
        can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true,
        can_invite_users: true, can_pin_messages: true, can_manage_topics: true,
      };
    }
    if (status === 'kicked') return { user, status, until_date: 0 };
    return { user, status };
  }

  private botStatusAsMember(rec: ChatRecord): MemberStatus {
    if (rec.botStatus === 'administrator' || rec.botStatus === 'member' || rec.botStatus === 'kicked') return rec.botStatus;
    return 'left';
  }

  /** Adds the bot to a group (as administrator unless told otherwise) and enqueues my_chat_member. */
  addBotToGroup(chat: FakeChat, by: FakeUser, opts?: { status?: 'member' | 'administrator' }): Update {
    const rec = this.groupRecord(chat, 'addBotToGroup');
    const status = opts?.status ?? 'administrator';
    const old = this.botStatusAsMember(rec);
    rec.botStatus = status;
    if (!rec.members.has(by.id)) rec.members.set(by.id, 'member');
    return this.enqueue({
      my_chat_member: {
        chat: this.state.chatObject(rec.chat),
        from: this.state.userObject(by),
        date: this.state.now(),
        old_chat_member: this.botMemberObject(old),
        new_chat_member: this.botMemberObject(status),
      },
    });
  }

  /** Kicks the bot from a group; afterwards sends there answer 403 "bot was kicked from the group chat". */
  removeBotFromGroup(chat: FakeChat, by: FakeUser): Update {
    const rec = this.groupRecord(chat, 'removeBotFromGroup');
    const old = this.botStatusAsMember(rec);
    rec.botStatus = 'kicked';
    return this.enqueue({
      my_chat_member: {
        chat: this.state.chatObject(rec.chat),
        from: this.state.userObject(by),
        date: this.state.now(),
        old_chat_member: this.botMemberObject(old),
        new_chat_member: this.botMemberObject('kicked'),
      },
    });
  }

  /** Sets a user's status in a group (for getChatMember / getChatAdministrators). Default for known users: 'member'. */
  setMemberStatus(chat: FakeChat, user: FakeUser, status: MemberStatus): void {
    this.groupRecord(chat, 'setMemberStatus').members.set(user.id, status);
  }

  /** Turns topics on (or off) in a supergroup, as its owner can in the group settings. Enqueues nothing. */
  setForum(chat: FakeChat, isForum = true): void {
    const rec = this.groupRecord(chat, 'setForum');
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
    const rec = this.record(chat);
    if (!rec.chat.is_forum) throw new Error(`BotApiDouble.createTopic: chat ${chat.id} is not a forum`);
    const t = this.state.createTopic(rec, name);
    return { message_thread_id: t.message_thread_id, name: t.name };
  }

  /** The user blocks the bot: further sends to the private chat answer 403; enqueues my_chat_member (kicked). */
  blockBot(user: FakeUser): void {
    const rec = this.state.privateRecord(user);
    if (rec.blocked) return;
    rec.blocked = true;
    this.enqueue({
      my_chat_member: {
        chat: this.state.chatObject(rec.chat),
        from: this.state.userObject(user),
        date: this.state.now(),
        old_chat_member: this.botMemberObject('member'),
        new_chat_member: this.botMemberObject('kicked'),
      },
    });
  }

  /** The user unblocks (restarts) the bot; enqueues my_chat_member (member). */
  unblockBot(user: FakeUser): void {
    const rec = this.state.privateRecord(user);
    if (!rec.blocked) return;
    rec.blocked = false;
    rec.started = true;
    this.enqueue({
      my_chat_member: {
        chat: this.state.chatObject(rec.chat),
        from: this.state.userObject(user),
        date: this.state.now(),
        old_chat_member: this.botMemberObject('kicked'),
        new_chat_member: this.botMemberObject('member'),
      },
    });
  }

  // ================================================================ what users do

  private enqueue(partial: Record<string, unknown>): Update {
    const u = this.queue.enqueue(partial);
    this.notify();
    return u;
  }

  private userChat(from: FakeUser, chat: FakeChat, what: string): ChatRecord {
    const rec = chat.type === 'private' ? this.state.privateRecord(this.state.users.get(chat.id) ?? from) : this.record(chat);
    if (rec.chat.type === 'private') {
      if (rec.chat.id !== from.id) throw new Error(`BotApiDouble.${what}: private chat ${rec.chat.id} belongs to another user than ${from.id}`);
      if (rec.blocked) this.unblockBot(from); // writing to a blocked bot means pressing "Restart"
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
  sendText(from: FakeUser, chat: FakeChat, text: string, opts?: { threadId?: number; replyToMessageId?: number }): Update {
    if (text.length === 0) throw new Error('BotApiDouble.sendText: Telegram clients cannot send empty text');
    const rec = this.userChat(from, chat, 'sendText');
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
      message_id: this.state.allocateMessageId(rec),
      chat_id: rec.chat.id,
      from_bot: false,
      from,
      text,
      edits: 0,
      deleted: false,
      date: this.state.now(),
      kind: 'text',
    };
    if (thread !== undefined) msg.message_thread_id = thread;
    if (replyTo) msg.reply_to_message_id = replyTo.message_id;
    const entities = commandEntities(text);
    if (entities.length > 0) msg.entities = entities;
    this.state.addMessage(rec, msg);
    return this.enqueue({ message: this.state.messageObject(msg) });
  }

  /** A user sends a document (stored, enqueued; the bot can getFile and download it). */
  sendDocument(
    from: FakeUser,
    chat: FakeChat,
    doc: { file_name: string; content: Buffer; mime_type?: string; caption?: string },
    opts?: { threadId?: number },
  ): Update {
    const rec = this.userChat(from, chat, 'sendDocument');
    const file = this.state.storeFile(doc.content, doc.file_name, doc.mime_type);
    const msg: StoredMessage = {
      message_id: this.state.allocateMessageId(rec),
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
      date: this.state.now(),
      kind: 'document',
    };
    if (doc.mime_type !== undefined) msg.document!.mime_type = doc.mime_type;
    if (doc.caption !== undefined) msg.document!.caption = doc.caption;
    if (opts?.threadId !== undefined && rec.chat.is_forum) msg.message_thread_id = opts.threadId;
    this.state.addMessage(rec, msg);
    return this.enqueue({ message: this.state.messageObject(msg) });
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
    if (photo.content.length === 0) throw new Error('BotApiDouble.sendPhoto: a photo needs bytes');
    const rec = this.userChat(from, chat, 'sendPhoto');
    const width = photo.width ?? 1280;
    const height = photo.height ?? 960;
    const thumbBytes = photo.content.subarray(0, Math.min(photo.content.length, 1024));
    const thumb = this.state.storeFile(Buffer.from(thumbBytes), 'photo.jpg', 'image/jpeg', 'photos');
    const full = this.state.storeFile(photo.content, 'photo.jpg', 'image/jpeg', 'photos');
    const msg: StoredMessage = {
      message_id: this.state.allocateMessageId(rec),
      chat_id: rec.chat.id,
      from_bot: false,
      from,
      userPhoto: [
        { file_id: thumb.file_id, file_unique_id: thumb.file_unique_id, width: 90, height: Math.max(1, Math.round((90 * height) / width)), file_size: thumb.content.length },
        { file_id: full.file_id, file_unique_id: full.file_unique_id, width, height, file_size: full.content.length },
      ],
      edits: 0,
      deleted: false,
      date: this.state.now(),
      kind: 'photo',
    };
    if (photo.caption !== undefined) msg.caption = photo.caption;
    if (opts?.threadId !== undefined && rec.chat.is_forum) msg.message_thread_id = opts.threadId;
    this.state.addMessage(rec, msg);
    return this.enqueue({ message: this.state.messageObject(msg) });
  }

  /** The bytes behind a file_id (what a download of its file_path returns), for assertions. */
  fileContent(fileId: string): Buffer | undefined {
    return this.state.files.get(fileId)?.content;
  }

  /**
   * A user presses an inline button of a stored message. `data` need not be on the message's current
   * keyboard (stale or forged presses are allowed, as a tampered client could send them); the
   * callback_query carries the message as it is now.
   */
  pressButton(from: FakeUser, message: StoredMessage, data: string): Update {
    const rec = this.record(message.chat_id);
    const msg = rec.byId.get(message.message_id);
    if (!msg) throw new Error(`BotApiDouble.pressButton: message ${message.message_id} not found in chat ${message.chat_id}`);
    if (rec.chat.type === 'private' && rec.chat.id !== from.id) {
      throw new Error(`BotApiDouble.pressButton: private chat ${rec.chat.id} belongs to another user`);
    }
    if (rec.chat.type !== 'private' && !rec.members.has(from.id)) rec.members.set(from.id, 'member');
    const id = `${this.bot.id}${String(this.nextCallbackSeq++).padStart(9, '0')}`;
    this.openCallbacks.set(id, { id, chatId: rec.chat.id, at: performance.now() });
    return this.enqueue({
      callback_query: {
        id,
        from: this.state.userObject(from),
        message: this.state.messageObject(msg),
        chat_instance: rec.chatInstance,
        data,
      },
    });
  }

  /** Enqueues a raw update (the double assigns update_id). */
  pushUpdate(partial: Record<string, unknown>): Update {
    const m = partial.message as { chat?: { id?: unknown; type?: unknown }; from?: { id?: unknown } } | undefined;
    if (m?.chat?.type === 'private' && typeof m.chat.id === 'number') {
      const rec = this.state.resolve(m.chat.id);
      if (rec) rec.started = true;
    }
    const cq = partial.callback_query as { id?: unknown } | undefined;
    if (cq && typeof cq.id === 'string') this.openCallbacks.set(cq.id, { id: cq.id, chatId: undefined, at: performance.now() });
    return this.enqueue(partial);
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
    for (const w of this.waiters) w.run();
  }

  private describeRecentCalls(n = 10): string {
    const recent = this.calls.slice(-n);
    if (recent.length === 0) return '  (no calls)';
    return recent
      .map((c) => {
        const text = c.payload.text ?? c.payload.caption;
        const parts = [`  ${c.method}`];
        if (c.payload.chat_id !== undefined) parts.push(`chat_id=${String(c.payload.chat_id)}`);
        if (text !== undefined) parts.push(`text=${JSON.stringify(brief(text))}`);
        parts.push(`→ ${c.status}${c.description ? ` ${c.description}` : ''}`);
        return parts.join(' ');
      })
      .join('\n');
  }

  /**
   * Resolves with the first truthy value of `check`, re-evaluated after every handled request and
   * user action (and every 20 ms). A throwing check counts as "not yet". Rejects after timeoutMs
   * (default 5000) with the last 10 calls in the message.
   */
  waitFor<T>(check: () => T | undefined | false | null, opts?: { timeoutMs?: number; description?: string }): Promise<T> {
    const timeoutMs = opts?.timeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let lastError: unknown;
      const finish = (): void => {
        done = true;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.syncInterval();
      };
      const waiter: Waiter = {
        run: () => {
          if (done) return;
          let v: T | undefined | false | null;
          try {
            v = check();
          } catch (e) {
            lastError = e;
            return;
          }
          if (v) {
            finish();
            resolve(v);
          }
        },
      };
      const timer = setTimeout(() => {
        if (done) return;
        finish();
        const why = lastError instanceof Error ? `\nLast error from the check: ${lastError.message}` : '';
        reject(
          new Error(
            `BotApiDouble.waitFor${opts?.description ? ` (${opts.description})` : ''} timed out after ${timeoutMs} ms.${why}\n` +
              `Pending updates: ${this.queue.pending()}. Last calls:\n${this.describeRecentCalls()}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
      this.syncInterval();
      waiter.run();
    });
  }

  private syncInterval(): void {
    if (this.waiters.size > 0 && !this.waiterInterval) {
      this.waiterInterval = setInterval(() => this.notify(), 20);
      this.waiterInterval.unref();
    } else if (this.waiters.size === 0 && this.waiterInterval) {
      clearInterval(this.waiterInterval);
      this.waiterInterval = undefined;
    }
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
    const threadId = opts?.threadId;
    const after = opts?.after ?? 0;
    const match = opts?.match;
    const snapshot = this.botMessages(chatId, threadId).slice(after);
    const startLen = this.state.botHistoryOf(chatId, threadId).length;
    const desc = `bot message in chat ${chatId}${threadId !== undefined ? ` thread ${threadId}` : ''}${after ? ` after #${after}` : ''}${match !== undefined ? ` matching ${String(match)}` : ''}`;
    return this.waitFor(
      () => {
        for (const m of snapshot) if (!m.deleted && matches(m, match)) return m;
        const list = this.state.botHistoryOf(chatId, threadId);
        for (let i = startLen; i < list.length; i++) {
          const m = list[i]!;
          if (!m.deleted && matches(m, match)) return m;
        }
        return undefined;
      },
      { timeoutMs: opts?.timeoutMs ?? 5000, description: desc },
    ).catch((e: unknown) => {
      const recent = this.botMessages(chatId, threadId)
        .slice(-5)
        .map((m) => `  #${m.message_id}: ${JSON.stringify(brief(textOf(m) || m.document?.file_name, 120))}`)
        .join('\n');
      throw new Error(`${(e as Error).message}\nLast bot messages in chat ${chatId}:\n${recent || '  (none)'}`);
    });
  }

  // ================================================================ lifecycle

  /** Closes the server, answers held long polls with [] and stops webhook delivery. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.queue.close();
    if (this.waiterInterval) clearInterval(this.waiterInterval);
    this.waiterInterval = undefined;
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // let the answers to held polls flush, then drop keep-alive sockets
      setImmediate(() => this.server.closeAllConnections());
    });
    return this.closing;
  }
}

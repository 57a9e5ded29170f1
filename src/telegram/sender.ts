/**
 * The one way out: every Bot API call the bot makes (replies, broadcasts, reminders) goes
 * through a Sender, which
 *
 *  - rate-limits sending methods with token buckets (global, per private chat, per group) and
 *    group edits with a separate per-group bucket, waiting asynchronously and FIFO per chat;
 *  - keeps messages to one chat in call order: calls to the same chat (sends, resp. group edits)
 *    run one at a time, including their retries;
 *  - retries HTTP 429 after `retry_after` (pausing the chat's bucket, or the global one when the
 *    call had no chat), and 5xx / network errors with exponential backoff up to `maxRetries`;
 *  - turns HTTP 403 for a chat into a `ChatUnreachableError` (and calls `hooks.onChatUnreachable`);
 *  - splits sendMessage / editMessageText texts over 4096 characters.
 *
 * Long texts:
 *  - sendMessage: the parts are sent in order; `reply_markup` goes on the last part only,
 *    `reply_parameters` / `reply_to_message_id` on the first only; the last Message is returned.
 *    If a part fails, the parts before it have been delivered and the error is thrown.
 *  - editMessageText: the message is edited to the first part and the other parts are sent as new
 *    messages to the same chat (and forum topic, taken from the edited message). `reply_markup`
 *    goes on the last new message (so the edited message loses its keyboard). The result of the
 *    edit is returned. Inline messages (inline_message_id, no chat) cannot get follow-up messages:
 *    they are edited to the first part only and a warning is logged.
 *  - parse_mode HTML is split with splitHtmlText; texts without parse_mode are split on the same
 *    boundaries and their `entities` are re-based onto the parts; Markdown / MarkdownV2 texts are
 *    not split (Telegram will reject them if they are too long).
 *
 * Telegraf creates a fresh Telegram instance for every update (ctx.telegram), so attaching
 * bot.telegram is not enough for replies: use `bot.use(sender.middleware())` (or call
 * `sender.attach(ctx.telegram)` yourself) as the first middleware.
 *
 * Nothing here logs raw error messages or payloads: HTTP client errors can contain the request
 * URL (…/bot<token>/method). Errors passing through have the token removed from message and stack.
 */
import type { Telegram } from 'telegraf';
import type { Logger } from 'pino';
import type { SharedLimiter } from './shared-limits.js';
import type { Telegram as BotApi, Opts, MessageEntity } from 'telegraf/types';
import { KeyedBuckets, TokenBucket, type SlidingWindow } from './token-bucket.js';
import { splitHtmlText, splitPlainTextRanges, TELEGRAM_TEXT_LIMIT } from './split-text.js';

export type ApiMethod = keyof BotApi;
export type ApiPayload<M extends ApiMethod> = Opts<M>;
export type ApiResult<M extends ApiMethod> = ReturnType<BotApi[M]>;

export interface SenderLimits {
  globalPerSec: number;
  privatePerSec: number;
  groupPerMin: number;
  groupEditsPerMin: number;
  maxRetries: number;
}

export interface SenderHooks {
  onChatUnreachable?(chatId: number | string, description: string): void | Promise<void>;
}

export interface SenderStats {
  /** Successful API requests made through the sender (each part of a split text counts). */
  sent: number;
  /** Retries after HTTP 429. */
  retried429: number;
  /** Retries after 5xx / network errors / timeouts. */
  retried5xx: number;
  /** Calls that ended in an error (400, 403, retries exhausted, …); caller aborts are not counted. */
  failed: number;
  /** Total time calls spent waiting: rate-limit waits, retry_after and backoff. */
  waitingMs: number;
}

export interface SenderOptions {
  telegram: Telegram;
  logger: Logger;
  limits: SenderLimits;
  hooks?: SenderHooks;
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout in ms (a timed-out request is retried like a network error). 0 = none. Default 60 000. */
  requestTimeoutMs?: number;
  /** Clock for the token buckets (ms). Default performance.now. */
  now?: () => number;
  /** Random source for jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  /** Limits shared with other bot instances (through PostgreSQL); asked after the local buckets. */
  shared?: SharedLimiter;
  /**
   * Burst sizes (tokens a bucket starts with). Defaults: private 3, group 5, groupEdits 5,
   * global = globalPerSec. Use 1 against a server that enforces "N per window" strictly
   * per chat (the project's BotApiDouble does): any burst > 1 at privatePerSec = 1 exceeds a
   * strict 1-per-second window by design.
   */
  bursts?: Partial<{ private: number; group: number; groupEdits: number; global: number }>;
  /**
   * Safety margin added to every sliding window (capped at 5% of the window), so that jitter
   * between our clock and the server's arrival times does not push a send into the previous
   * window. Default 10 ms: a 429 is handled by waiting its retry_after (see MAX_429_RETRIES), so
   * the margin only has to keep such waits rare, not impossible (50 ms cost 5% of every second).
   */
  windowMarginMs?: number;
}

/**
 * Methods that send a new message and count against the send limits: the ones the bot uses,
 * plus the other message-creating methods (Telegram counts every message the same way).
 * A sendMediaGroup counts as one message.
 */
export const SENDING_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendAnimation',
  'copyMessage',
  'forwardMessage',
  'sendMediaGroup',
  'sendLocation',
  'sendVenue',
  'sendPoll',
  'sendAudio',
  'sendVideo',
  'sendVoice',
  'sendVideoNote',
  'sendSticker',
  'sendContact',
  'sendDice',
  'copyMessages',
  'forwardMessages',
]);

/** Edits; in groups they count against a separate per-group edit bucket. */
export const EDIT_METHODS: ReadonlySet<string> = new Set(['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']);

/** How many 429 responses one call tolerates before giving up (independent of maxRetries). */
export const MAX_429_RETRIES = 10;
const PRIVATE_BURST = 3;
const GROUP_BURST = 5;
const DEFAULT_WINDOW_MARGIN_MS = 10;

/** "At most N per window" equivalent of a rate: N = rate·window (at least 1, widening the window if needed). */
function windowOf(ratePerSec: number, windowMs: number, marginMs: number): SlidingWindow {
  const n = Math.floor((ratePerSec * windowMs) / 1000 + 1e-9);
  const base = n >= 1 ? { max: n, ms: windowMs } : { max: 1, ms: 1000 / ratePerSec };
  return { max: base.max, ms: base.ms + Math.min(marginMs, base.ms * 0.05) };
}
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5000;

/** HTTP 403 for a chat: the bot was blocked / kicked, the user is deactivated, … Stop sending there. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';
  /** Same code as the Telegram error, so `err.code === 403` checks keep working. */
  readonly code = 403;
  constructor(
    readonly chatId: number | string,
    readonly description: string,
    readonly method: string,
    options?: { cause?: unknown },
  ) {
    super(`chat ${chatId} is unreachable: ${description}`, options);
  }
}

interface TelegramErrorLike {
  code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

function isTelegramErrorLike(err: unknown): err is TelegramErrorLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'number' &&
    typeof (err as { description?: unknown }).description === 'string'
  );
}

/** True for the harmless 400 "message is not modified" (an edit to the same content). */
export function isMessageNotModified(err: unknown): boolean {
  return isTelegramErrorLike(err) && err.code === 400 && /message is not modified/i.test(err.description);
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RETRYABLE_FETCH_TYPES = new Set(['system', 'request-timeout', 'body-timeout', 'invalid-json']);

function isNetworkError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; errno?: unknown; type?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno)) return true;
  if (e.name === 'FetchError') return typeof e.type !== 'string' || RETRYABLE_FETCH_TYPES.has(e.type);
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return true; // caller aborts are filtered out before
  if (typeof e.message === 'string' && /socket hang up|network timeout|other side closed/i.test(e.message)) return true;
  if (e.cause !== undefined && e.cause !== err) return isNetworkError(e.cause);
  return false;
}

/**
 * Telegram could not be reached or was overloaded (5xx, 429, network): the same call may well work
 * later. Used on errors the sender gives up on, after its own retries.
 */
export function isTransientTelegramError(err: unknown): boolean {
  if (err instanceof ChatUnreachableError) return false;
  if (isTelegramErrorLike(err)) return err.code >= 500 || err.code === 429;
  // A handler that ran past its time limit (telegraf's p-timeout) is not Telegram's doing.
  const e = err as { name?: unknown; code?: unknown } | null;
  if (e?.name === 'TimeoutError' && e.code === undefined && !(err instanceof DOMException)) return false;
  return isNetworkError(err);
}

const TOKEN_IN_URL = /\/(bot|user)[^/\s?#]+\//g;

/** Remove a bot token from a text (literal token and the /bot<token>/ URL segment). */
export function redactToken(text: string, token?: string): string {
  let out = text;
  if (token && token.length >= 4) out = out.split(token).join('<redacted>');
  return out.replace(TOKEN_IN_URL, '/$1<redacted>/');
}

function scrubError(err: unknown, token: string): void {
  if (typeof err !== 'object' || err === null) return;
  const e = err as { message?: unknown; stack?: unknown };
  try {
    if (typeof e.message === 'string') {
      const m = redactToken(e.message, token);
      if (m !== e.message) e.message = m;
    }
    if (typeof e.stack === 'string') {
      const s = redactToken(e.stack, token);
      if (s !== e.stack) e.stack = s;
    }
  } catch {
    // read-only properties: nothing to do
  }
}

/** Safe-to-log description of an error: code and Telegram description, or a redacted message. */
function errorFields(err: unknown, token: string): { code?: number | string; description?: string } {
  if (isTelegramErrorLike(err)) return { code: err.code, description: redactToken(err.description, token) };
  if (typeof err === 'object' && err !== null) {
    const e = err as { name?: unknown; code?: unknown; type?: unknown; message?: unknown };
    const code =
      typeof e.code === 'string' || typeof e.code === 'number'
        ? e.code
        : typeof e.type === 'string'
          ? e.type
          : typeof e.name === 'string'
            ? e.name
            : undefined;
    const description = typeof e.message === 'string' ? redactToken(e.message, token).slice(0, 300) : undefined;
    return { ...(code !== undefined ? { code } : {}), ...(description !== undefined ? { description } : {}) };
  }
  return { description: typeof err };
}

interface ChatTarget {
  /** Normalised key: the numeric id as a string, or the lower-cased @username. */
  key: string;
  /** What the hook and errors get: a number for numeric ids, else the @username. */
  id: number | string;
  group: boolean;
}

function chatTarget(payload: unknown): ChatTarget | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const c = (payload as { chat_id?: unknown }).chat_id;
  if (typeof c === 'number' && Number.isFinite(c)) return { key: String(c), id: c, group: c < 0 };
  if (typeof c === 'string') {
    const s = c.trim();
    if (/^-?\d+$/.test(s)) {
      const n = Number(s);
      return { key: String(n), id: n, group: n < 0 };
    }
    if (s !== '') return { key: s.toLowerCase(), id: s, group: true };
  }
  return undefined;
}

/** FIFO lanes: at most one holder per key, waiters served in arrival order. */
class Lanes {
  private readonly lanes = new Map<string, { tail: Promise<void>; count: number; unreachable?: string }>();

  async run<T>(
    key: string,
    signal: AbortSignal | undefined,
    fn: (lane: { unreachable?: string }) => Promise<T>,
  ): Promise<T> {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { tail: Promise.resolve(), count: 0 };
      this.lanes.set(key, lane);
    }
    const l = lane;
    l.count++;
    const prev = l.tail;
    let release!: () => void;
    l.tail = new Promise<void>((r) => (release = r));
    const done = (): void => {
      if (--l.count === 0 && this.lanes.get(key) === l) this.lanes.delete(key);
      release();
    };
    try {
      await abortable(prev, signal);
    } catch (err) {
      // Keep the chain intact: whoever queued after us waits for whoever was before us.
      void prev.then(done);
      throw err;
    }
    try {
      return await fn(l);
    } finally {
      done();
    }
  }

  get size(): number {
    return this.lanes.size;
  }
}

function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('This operation was aborted');
  e.name = 'AbortError';
  return e;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

type RawCall = (method: string, payload: unknown, signal: AbortSignal | undefined) => Promise<unknown>;
interface Raw {
  call: RawCall;
  token: string;
}
type CallApiFn = (method: string, payload: unknown, opts?: { signal?: unknown }) => Promise<unknown>;

const ORIGINAL_CALL_API = Symbol.for('warkop.telegram.sender.originalCallApi');
const ATTACHED_TO = Symbol.for('warkop.telegram.sender.attachedTo');
interface Attachable {
  callApi: CallApiFn;
  token: string;
  [ORIGINAL_CALL_API]?: CallApiFn;
  [ATTACHED_TO]?: Sender;
}

function rawOf(telegram: Telegram): Raw {
  const t = telegram as unknown as Attachable;
  return {
    token: t.token,
    call: (method, payload, signal) => {
      const original = t[ORIGINAL_CALL_API] ?? t.callApi;
      return original.call(t, method, payload, signal ? { signal } : {});
    },
  };
}

type TextPart = { text: string; entities?: MessageEntity[] };

/** The parts a sendMessage/editMessageText text must be split into, or undefined if it fits. */
function splitPayloadText(payload: Record<string, unknown>): TextPart[] | undefined {
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

function sendLaneKey(chat: ChatTarget | undefined): string {
  return chat ? `send:${chat.key}` : 'send:-';
}

function withoutKeys(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Sender {
  private readonly log: Logger;
  private readonly limits: SenderLimits;
  private readonly hooks: SenderHooks;
  private readonly sleepFn: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly primary: Raw;
  private readonly global: TokenBucket;
  private readonly privateBuckets: KeyedBuckets;
  private readonly groupBuckets: KeyedBuckets;
  private readonly groupEditBuckets: KeyedBuckets;
  private readonly lanes = new Lanes();
  private readonly shared: SharedLimiter | undefined;
  private readonly counters: SenderStats = { sent: 0, retried429: 0, retried5xx: 0, failed: 0, waitingMs: 0 };

  constructor(opts: SenderOptions) {
    const { limits } = opts;
    if (!(Number.isInteger(limits.maxRetries) && limits.maxRetries >= 0)) {
      throw new RangeError(`SenderLimits.maxRetries must be a non-negative integer, got ${limits.maxRetries}`);
    }
    this.limits = { ...limits };
    this.log = opts.logger.child({ component: 'telegram-sender' });
    this.hooks = opts.hooks ?? {};
    this.sleepFn = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
    this.shared = opts.shared;
    const now = opts.now;
    const margin = opts.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS;
    const bursts = opts.bursts ?? {};
    const burst = (given: number | undefined, def: number): number => Math.max(1, Math.floor(given ?? def));
    this.primary = rawOf(opts.telegram);
    // Global: ~30 per second overall; the window keeps any 1-s window at or under the limit.
    const gRate = limits.globalPerSec;
    this.global = new TokenBucket(gRate, burst(bursts.global, gRate), now, windowOf(gRate, 1000, margin));
    // Private chats: a short burst, then privatePerSec. Telegram tolerates short bursts here, so
    // there is no hard window, except with a burst of 1 ("strict"), where the window adds the
    // safety margin to the 1/rate spacing.
    const pRate = limits.privatePerSec;
    const pBurst = burst(bursts.private, PRIVATE_BURST);
    this.privateBuckets = new KeyedBuckets(pRate, pBurst, {
      ...(now ? { now } : {}),
      ...(pBurst === 1 ? { window: windowOf(pRate, 1000 / pRate, margin) } : {}),
    });
    // Groups: groupPerMin per minute (a hard window), starting with a short burst.
    const grRate = limits.groupPerMin / 60;
    this.groupBuckets = new KeyedBuckets(grRate, burst(bursts.group, GROUP_BURST), { ...(now ? { now } : {}), window: windowOf(grRate, 60_000, margin) });
    const geRate = limits.groupEditsPerMin / 60;
    this.groupEditBuckets = new KeyedBuckets(geRate, burst(bursts.groupEdits, GROUP_BURST), { ...(now ? { now } : {}), window: windowOf(geRate, 60_000, margin) });
  }

  /**
   * Make a Bot API call through the limits, retries, 403 handling and long-text splitting.
   * Uses the Telegram instance given to the constructor for the HTTP request.
   */
  call<M extends ApiMethod>(method: M, payload: ApiPayload<M>, signal?: AbortSignal): Promise<ApiResult<M>> {
    return this.dispatch(method, payload, signal, this.primary) as Promise<ApiResult<M>>;
  }

  /**
   * Route every call made through this Telegram instance (e.g. ctx.telegram inside telegraf
   * handlers) through this sender; the instance's original callApi makes the HTTP request.
   * Idempotent; attaching an instance already attached to another Sender moves it to this one.
   */
  attach(telegram: Telegram): Telegram {
    const t = telegram as unknown as Attachable;
    if (t[ATTACHED_TO] === this) return telegram;
    if (t[ORIGINAL_CALL_API] === undefined) {
      Object.defineProperty(t, ORIGINAL_CALL_API, { value: t.callApi, writable: false, enumerable: false, configurable: true });
    }
    Object.defineProperty(t, ATTACHED_TO, { value: this, writable: true, enumerable: false, configurable: true });
    const raw = rawOf(telegram);
    const wrapped: CallApiFn = (method, payload, opts) =>
      this.dispatch(method, payload ?? {}, opts?.signal as AbortSignal | undefined, raw);
    t.callApi = wrapped;
    return telegram;
  }

  /** Telegraf middleware attaching ctx.telegram (a new instance per update) to this sender. */
  middleware<C extends { telegram: Telegram }>(): (ctx: C, next: () => Promise<void>) => Promise<void> {
    return (ctx, next) => {
      this.attach(ctx.telegram);
      return next();
    };
  }

  stats(): SenderStats {
    return { ...this.counters, waitingMs: Math.round(this.counters.waitingMs) };
  }

  // ---------------------------------------------------------------------------------------------

  private async dispatch(method: string, payload: unknown, signal: AbortSignal | undefined, raw: Raw): Promise<unknown> {
    // Long polling has its own retry/backoff in telegraf and must not be held up by send queues.
    if (method === 'getUpdates') return raw.call(method, payload, signal);
    const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    if (method === 'sendMessage') {
      const parts = splitPayloadText(p);
      if (parts) return this.sendParts(p, parts, signal, raw);
    } else if (method === 'editMessageText') {
      const parts = splitPayloadText(p);
      if (parts) return this.editParts(p, parts, signal, raw);
    }
    return this.single(method, p, signal, raw);
  }

  private async sendParts(
    payload: Record<string, unknown>,
    parts: TextPart[],
    signal: AbortSignal | undefined,
    raw: Raw,
  ): Promise<unknown> {
    const chat = chatTarget(payload);
    this.log.debug({ method: 'sendMessage', chatId: chat?.id, parts: parts.length }, 'splitting long text');
    const base = withoutKeys(payload, ['text', 'entities']);
    // Hold the chat's send lane for all parts, so nothing else sent to the chat lands between them.
    return this.lanes.run(sendLaneKey(chat), signal, async (lane) => {
      let last: unknown;
      for (let i = 0; i < parts.length; i++) {
        let p: Record<string, unknown> = { ...base, ...parts[i]! };
        if (i > 0) p = withoutKeys(p, ['reply_parameters', 'reply_to_message_id', 'allow_sending_without_reply']);
        if (i < parts.length - 1) p = withoutKeys(p, ['reply_markup']);
        last = await this.attempt('sendMessage', p, signal, raw, chat, 'send', lane);
      }
      return last;
    });
  }

  private async editParts(
    payload: Record<string, unknown>,
    parts: TextPart[],
    signal: AbortSignal | undefined,
    raw: Raw,
  ): Promise<unknown> {
    const chat = chatTarget(payload);
    const base = withoutKeys(payload, ['text', 'entities']);
    const first = { ...withoutKeys(base, ['reply_markup']), ...parts[0]! };
    if (!chat || payload.inline_message_id !== undefined) {
      this.log.warn(
        { method: 'editMessageText', parts: parts.length },
        'text too long for an inline message edit; only the first part is kept',
      );
      return this.single('editMessageText', { ...base, ...parts[0]! }, signal, raw);
    }
    this.log.debug({ method: 'editMessageText', chatId: chat.id, parts: parts.length }, 'splitting long text');
    // Hold the chat's send lane throughout (the edit itself may take the group's edit lane inside
    // it; lanes are always taken in the order send → edit → global, so this cannot deadlock).
    return this.lanes.run(sendLaneKey(chat), signal, async (lane) => {
      const edited = await this.single('editMessageText', first, signal, raw);
      const msg = typeof edited === 'object' && edited !== null ? (edited as { is_topic_message?: boolean; message_thread_id?: number }) : undefined;
      const thread = msg?.is_topic_message ? msg.message_thread_id : undefined;
      const sendBase: Record<string, unknown> = { chat_id: payload.chat_id };
      for (const k of ['parse_mode', 'link_preview_options', 'disable_web_page_preview', 'protect_content']) {
        if (payload[k] !== undefined) sendBase[k] = payload[k];
      }
      if (thread !== undefined) sendBase.message_thread_id = thread;
      for (let i = 1; i < parts.length; i++) {
        const p: Record<string, unknown> = { ...sendBase, ...parts[i]! };
        if (i === parts.length - 1 && payload.reply_markup !== undefined) p.reply_markup = payload.reply_markup;
        await this.attempt('sendMessage', p, signal, raw, chat, 'send', lane);
      }
      return edited;
    });
  }

  private async single(method: string, payload: Record<string, unknown>, signal: AbortSignal | undefined, raw: Raw): Promise<unknown> {
    const chat = chatTarget(payload);
    const sending = SENDING_METHODS.has(method);
    const groupEdit = EDIT_METHODS.has(method) && chat !== undefined && chat.group;
    if (sending) {
      return this.lanes.run(sendLaneKey(chat), signal, (lane) => this.attempt(method, payload, signal, raw, chat, 'send', lane));
    }
    if (groupEdit) {
      return this.lanes.run(`edit:${chat.key}`, signal, (lane) => this.attempt(method, payload, signal, raw, chat, 'edit', lane));
    }
    return this.attempt(method, payload, signal, raw, chat, 'none', {});
  }

  /**
   * Wait for the tokens this call needs. The chat's bucket is only ever taken by the holder of
   * the chat's lane (us), so we wait for it first; then, FIFO among all chats, for the global
   * bucket, and take both at the same instant (so the recorded send times are the real ones).
   */
  private async acquire(kind: 'send' | 'edit' | 'none', chat: ChatTarget | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (kind === 'none') return;
    const keyed = kind === 'edit' ? this.groupEditBuckets : chat ? this.privateOrGroup(chat) : undefined;
    const chatBucket = (): TokenBucket | undefined => (keyed && chat ? keyed.get(chat.key) : undefined);
    for (;;) {
      const w = chatBucket()?.peek() ?? 0;
      if (w > 0) {
        await this.wait(w, signal);
        continue;
      }
      if (kind === 'edit') {
        chatBucket()?.take();
        return;
      }
      const taken = await this.lanes.run('global', signal, async () => {
        for (;;) {
          const wg = this.global.peek();
          if (wg > 0) {
            await this.wait(wg, signal);
            continue;
          }
          const cb = chatBucket();
          if (cb && cb.peek() > 0) return false; // paused meanwhile (429 elsewhere): wait outside the global lane
          this.global.take();
          cb?.take();
          return true;
        }
      });
      if (taken) return;
    }
  }

  private async take(tryTake: () => number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const w = tryTake();
      if (w === 0) return;
      await this.wait(w, signal);
    }
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (ms <= 0) return;
    this.counters.waitingMs += ms;
    await abortable(this.sleepFn(ms), signal);
  }

  private requestSignal(signal: AbortSignal | undefined, method: string): AbortSignal | undefined {
    if (this.requestTimeoutMs <= 0 || method === 'getUpdates') return signal;
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  private async attempt(
    method: string,
    payload: Record<string, unknown>,
    signal: AbortSignal | undefined,
    raw: Raw,
    chat: ChatTarget | undefined,
    kind: 'send' | 'edit' | 'none',
    lane: { unreachable?: string },
  ): Promise<unknown> {
    const chatId = chat?.id;
    if (lane.unreachable !== undefined && chat) {
      // An earlier call in this chat's queue just got 403: fail fast, the hook has been called.
      this.counters.failed++;
      throw new ChatUnreachableError(chat.id, lane.unreachable, method);
    }
    let retries5xx = 0;
    let retries429 = 0;
    for (;;) {
      await this.acquire(kind, chat, signal);
      if (this.shared && kind !== 'none') await this.shared.acquire(kind, chat, signal);
      try {
        const result = await raw.call(method, payload, this.requestSignal(signal, method));
        this.counters.sent++;
        return result;
      } catch (err) {
        scrubError(err, raw.token);
        if (signal?.aborted) throw err; // the caller gave up: no retry, not a failure of ours
        const fields = errorFields(err, raw.token);

        if (isTelegramErrorLike(err) && err.code === 429) {
          if (retries429 >= MAX_429_RETRIES) {
            this.counters.failed++;
            this.log.warn({ method, chatId, ...fields, attempts: retries429 + 1 }, 'telegram call failed: still rate limited (429), giving up');
            throw err;
          }
          retries429++;
          this.counters.retried429++;
          const retryAfterS = Math.max(0, Number(err.parameters?.retry_after ?? 1)) || 1;
          const pauseMs = retryAfterS * 1000;
          // Pause the chat (so calls queued for it wait too), or everything when there is no chat.
          if (chat && kind === 'edit') this.groupEditBuckets.pause(chat.key, pauseMs);
          else if (chat) this.privateOrGroup(chat).pause(chat.key, pauseMs);
          else this.global.pause(pauseMs);
          const delay = pauseMs + 50 + Math.floor(this.random() * 200);
          this.log.debug({ method, chatId, code: 429, retryAfter: retryAfterS, attempt: retries429, delayMs: delay }, 'telegram 429, waiting retry_after');
          await this.wait(delay, signal);
          continue; // re-acquires: the paused bucket resumes at its steady rate
        }

        if ((isTelegramErrorLike(err) && err.code >= 500) || (!isTelegramErrorLike(err) && isNetworkError(err))) {
          if (retries5xx >= this.limits.maxRetries) {
            this.counters.failed++;
            this.log.warn({ method, chatId, ...fields, attempts: retries5xx + 1 }, 'telegram call failed after retries');
            throw err;
          }
          retries5xx++;
          this.counters.retried5xx++;
          const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retries5xx - 1));
          const delay = Math.min(BACKOFF_CAP_MS, Math.round(base * (0.8 + 0.4 * this.random())));
          this.log.debug({ method, chatId, ...fields, attempt: retries5xx, delayMs: delay }, 'telegram call failed, retrying');
          await this.wait(delay, signal);
          continue;
        }

        this.counters.failed++;
        if (isTelegramErrorLike(err) && err.code === 403 && chat) {
          lane.unreachable = err.description;
          this.log.info({ method, chatId, code: 403, description: fields.description }, 'chat unreachable');
          await this.notifyUnreachable(chat, err.description);
          throw new ChatUnreachableError(chat.id, err.description, method, { cause: err });
        }
        if (isMessageNotModified(err)) this.log.debug({ method, chatId, ...fields }, 'message not modified');
        else this.log.warn({ method, chatId, ...fields }, 'telegram call failed');
        throw err;
      }
    }
  }

  private privateOrGroup(chat: ChatTarget): KeyedBuckets {
    return chat.group ? this.groupBuckets : this.privateBuckets;
  }

  private async notifyUnreachable(chat: ChatTarget, description: string): Promise<void> {
    const hook = this.hooks.onChatUnreachable;
    if (!hook) return;
    try {
      await hook.call(this.hooks, chat.id, description);
    } catch (hookErr) {
      this.log.error({ chatId: chat.id, ...errorFields(hookErr, '') }, 'onChatUnreachable hook failed');
    }
  }
}

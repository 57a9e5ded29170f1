/**
 * The one way out: every Bot API call the bot makes (replies, broadcasts, reminders) goes
 * through a Sender, which
 *
 *  - rate-limits sending methods with token buckets (global, per private chat, per group) and
 *    group edits with a separate per-group bucket, waiting asynchronously and FIFO per chat
 *    (limits.ts, and shared-limits.ts across instances);
 *  - keeps messages to one chat in call order: calls to the same chat (sends, resp. group edits)
 *    run one at a time, including their retries (lanes.ts);
 *  - retries HTTP 429 after `retry_after` (pausing the chat's bucket, or the global one when the
 *    call had no chat), and 5xx / network errors with exponential backoff up to `maxRetries`
 *    (retry.ts);
 *  - turns HTTP 403 for a chat into a `ChatUnreachableError` (and calls `hooks.onChatUnreachable`)
 *    (errors.ts);
 *  - splits sendMessage / editMessageText texts over 4096 characters (long-text.ts).
 *
 * Long texts:
 *  - sendMessage: the parts are sent in order; the last Message is returned. If a part fails, the
 *    parts before it have been delivered and the error is thrown.
 *  - editMessageText: the message is edited to the first part and the other parts are sent as new
 *    messages to the same chat (and forum topic, taken from the edited message); the edited message
 *    loses its keyboard to the last new one. The result of the edit is returned. Inline messages
 *    (inline_message_id, no chat) cannot get follow-up messages: they are edited to the first part
 *    only and a warning is logged.
 *
 * Telegraf's calls reach it through SenderTelegram (telegraf.ts), plugged in once where the bot is
 * created; jobs call `sender.call` directly.
 *
 * Nothing here logs raw error messages or payloads: HTTP client errors can contain the request
 * URL (…/bot<token>/method). Errors passing through have the token removed from message and stack
 * (redact.ts).
 */
import type { Telegram } from 'telegraf';
import type { Logger } from 'pino';
import type { Telegram as BotApi, Opts } from 'telegraf/types';
import { chatTarget, type ChatTarget } from './chat-target.js';
import { ChatUnreachableError, isChatForbidden, isMessageNotModified } from './errors.js';
import { abortable, editLaneKey, Lanes, sendLaneKey, type LaneState } from './lanes.js';
import { limitKindOf, LocalLimits, type Bursts, type LimitKind, type SenderLimits, type SharedLimiter } from './limits.js';
import { editPartPayloads, firstPartOnly, sendPartPayloads, splitPayloadText, type TextPart } from './long-text.js';
import { errorFields, scrubError } from './redact.js';
import { backoffDelayMs, failureOf, MAX_429_RETRIES, rateLimitedDelayMs } from './retry.js';

export type ApiMethod = keyof BotApi;
export type ApiPayload<M extends ApiMethod> = Opts<M>;
export type ApiResult<M extends ApiMethod> = ReturnType<BotApi[M]>;

export interface SenderHooks {
  onChatUnreachable?(chatId: number | string, description: string): void | Promise<void>;
}

/** One request leaving the sender, past its limits (each retry and each part of a split text is one). */
export interface Departure {
  method: string;
  /** The call's chat (number, or @username), undefined for calls without one. */
  chatId: number | string | undefined;
  payload: Readonly<Record<string, unknown>>;
  /** When it left, on the clock the buckets use (SenderOptions.now): the time the limits govern. */
  at: number;
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
  /** The plain client that makes the HTTP requests (not the SenderTelegram handed to telegraf). */
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
  bursts?: Partial<Bursts>;
  /**
   * Safety margin added to every sliding window (capped at 5% of the window). Each send counts in
   * its windows from its answer (limits.ts, `settle`), which covers the delays between us and
   * Telegram; the margin only covers timer and clock rounding. Default 2 ms (it was 50 ms, then
   * 10 ms, when sends counted from the moment they left).
   */
  windowMarginMs?: number;
}

/** The HTTP side: one request, no limits, no retries. */
interface Transport {
  token: string;
  call(method: string, payload: unknown, signal: AbortSignal | undefined): Promise<unknown>;
}

function transportOf(telegram: Telegram): Transport {
  return {
    token: telegram.token,
    call: (method, payload, signal) =>
      (telegram.callApi as (m: string, p: unknown, o: { signal?: AbortSignal }) => Promise<unknown>).call(telegram, method, payload, signal ? { signal } : {}),
  };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Sender {
  private readonly log: Logger;
  private readonly limits: SenderLimits;
  private readonly hooks: SenderHooks;
  private readonly sleepFn: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly requestTimeoutMs: number;
  private readonly transport: Transport;
  private readonly local: LocalLimits;
  private readonly lanes = new Lanes();
  private readonly shared: SharedLimiter | undefined;
  private readonly counters: SenderStats = { sent: 0, retried429: 0, retried5xx: 0, failed: 0, waitingMs: 0 };
  private readonly now: () => number;
  private readonly departureListeners = new Set<(departure: Departure) => void>();

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
    this.transport = transportOf(opts.telegram);
    this.now = opts.now ?? (() => performance.now());
    this.local = new LocalLimits({
      limits,
      bursts: opts.bursts,
      windowMarginMs: opts.windowMarginMs,
      now: opts.now,
      lanes: this.lanes,
      wait: (ms, signal) => this.wait(ms, signal),
    });
  }

  /** Make a Bot API call through the limits, retries, 403 handling and long-text splitting. */
  call<M extends ApiMethod>(method: M, payload: ApiPayload<M>, signal?: AbortSignal): Promise<ApiResult<M>> {
    return this.dispatch(method, payload ?? {}, signal) as Promise<ApiResult<M>>;
  }

  stats(): SenderStats {
    return { ...this.counters, waitingMs: Math.round(this.counters.waitingMs) };
  }

  /**
   * Calls `listener` as each request leaves, synchronously, past the limits. For tests that check
   * the limits: a server in the same process stamps arrivals, which bunch when its event loop
   * stalls although the requests left evenly spaced. Returns a function that removes the listener.
   */
  onDeparture(listener: (departure: Departure) => void): () => void {
    this.departureListeners.add(listener);
    return () => this.departureListeners.delete(listener);
  }

  // ---------------------------------------------------------------------------------------------

  private async dispatch(method: string, payload: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    // Long polling has its own retry/backoff in telegraf and must not be held up by send queues.
    if (method === 'getUpdates') return this.transport.call(method, payload, signal);
    const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    if (method === 'sendMessage') {
      const parts = splitPayloadText(p);
      if (parts) return this.sendParts(p, parts, signal);
    } else if (method === 'editMessageText') {
      const parts = splitPayloadText(p);
      if (parts) return this.editParts(p, parts, signal);
    }
    return this.single(method, p, signal);
  }

  private async sendParts(payload: Record<string, unknown>, parts: TextPart[], signal: AbortSignal | undefined): Promise<unknown> {
    const chat = chatTarget(payload);
    this.log.debug({ method: 'sendMessage', chatId: chat?.id, parts: parts.length }, 'splitting long text');
    // Hold the chat's send lane for all parts, so nothing else sent to the chat lands between them.
    return this.lanes.run(sendLaneKey(chat), signal, async (lane) => {
      let last: unknown;
      for (const p of sendPartPayloads(payload, parts)) last = await this.attempt('sendMessage', p, signal, chat, 'send', lane);
      return last;
    });
  }

  private async editParts(payload: Record<string, unknown>, parts: TextPart[], signal: AbortSignal | undefined): Promise<unknown> {
    const chat = chatTarget(payload);
    if (!chat || payload.inline_message_id !== undefined) {
      this.log.warn({ method: 'editMessageText', parts: parts.length }, 'text too long for an inline message edit; only the first part is kept');
      return this.single('editMessageText', firstPartOnly(payload, parts), signal);
    }
    this.log.debug({ method: 'editMessageText', chatId: chat.id, parts: parts.length }, 'splitting long text');
    const { edit, followUps } = editPartPayloads(payload, parts);
    // Hold the chat's send lane throughout (the edit itself may take the group's edit lane inside
    // it; lanes are always taken in the order send → edit → global, so this cannot deadlock).
    return this.lanes.run(sendLaneKey(chat), signal, async (lane) => {
      const edited = await this.single('editMessageText', edit, signal);
      const msg = typeof edited === 'object' && edited !== null ? (edited as { is_topic_message?: boolean; message_thread_id?: number }) : undefined;
      const thread = msg?.is_topic_message ? msg.message_thread_id : undefined;
      for (const p of followUps(thread)) await this.attempt('sendMessage', p, signal, chat, 'send', lane);
      return edited;
    });
  }

  private async single(method: string, payload: Record<string, unknown>, signal: AbortSignal | undefined): Promise<unknown> {
    const chat = chatTarget(payload);
    const kind = limitKindOf(method, chat);
    if (kind === 'send') return this.lanes.run(sendLaneKey(chat), signal, (lane) => this.attempt(method, payload, signal, chat, kind, lane));
    if (kind === 'edit') return this.lanes.run(editLaneKey(chat!), signal, (lane) => this.attempt(method, payload, signal, chat, kind, lane));
    return this.attempt(method, payload, signal, chat, kind, {});
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

  /** One call, inside its lane: limits, the request, and the retry policy until it succeeds or gives up. */
  private async attempt(
    method: string,
    payload: Record<string, unknown>,
    signal: AbortSignal | undefined,
    chat: ChatTarget | undefined,
    kind: LimitKind,
    lane: LaneState,
  ): Promise<unknown> {
    const chatId = chat?.id;
    const token = this.transport.token;
    if (lane.unreachable !== undefined && chat) {
      // An earlier call in this chat's queue just got 403: fail fast, the hook has been called.
      this.counters.failed++;
      throw new ChatUnreachableError(chat.id, lane.unreachable, method);
    }
    let retries5xx = 0;
    let retries429 = 0;
    for (;;) {
      const taken = await this.local.acquire(kind, chat, signal);
      if (this.shared && kind !== 'none') await this.shared.acquire(kind, chat, signal);
      this.departed(method, payload, chatId);
      try {
        const result = await this.transport.call(method, payload, this.requestSignal(signal, method));
        this.local.settle(taken);
        this.counters.sent++;
        return result;
      } catch (err) {
        this.local.settle(taken);
        scrubError(err, token);
        if (signal?.aborted) throw err; // the caller gave up: no retry, not a failure of ours
        const fields = errorFields(err, token);
        const failure = failureOf(err);

        if (failure.kind === 'rate-limited') {
          if (retries429 >= MAX_429_RETRIES) {
            this.counters.failed++;
            this.log.warn({ method, chatId, ...fields, attempts: retries429 + 1 }, 'telegram call failed: still rate limited (429), giving up');
            throw err;
          }
          retries429++;
          this.counters.retried429++;
          const pauseMs = failure.retryAfterS * 1000;
          this.local.pause(kind, chat, pauseMs);
          const delay = rateLimitedDelayMs(pauseMs, this.random);
          this.log.debug({ method, chatId, code: 429, retryAfter: failure.retryAfterS, attempt: retries429, delayMs: delay }, 'telegram 429, waiting retry_after');
          await this.wait(delay, signal);
          continue; // re-acquires: the paused bucket resumes at its steady rate
        }

        if (failure.kind === 'transient') {
          if (retries5xx >= this.limits.maxRetries) {
            this.counters.failed++;
            this.log.warn({ method, chatId, ...fields, attempts: retries5xx + 1 }, 'telegram call failed after retries');
            throw err;
          }
          retries5xx++;
          this.counters.retried5xx++;
          const delay = backoffDelayMs(retries5xx, this.random);
          this.log.debug({ method, chatId, ...fields, attempt: retries5xx, delayMs: delay }, 'telegram call failed, retrying');
          await this.wait(delay, signal);
          continue;
        }

        this.counters.failed++;
        if (isChatForbidden(err) && chat) {
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

  private departed(method: string, payload: Record<string, unknown>, chatId: number | string | undefined): void {
    if (this.departureListeners.size === 0) return;
    const departure: Departure = { method, chatId, payload, at: this.now() };
    for (const listener of this.departureListeners) {
      try {
        listener(departure);
      } catch {
        // an observer must not break sending
      }
    }
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

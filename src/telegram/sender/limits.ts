/**
 * Telegram's send limits as token buckets: global (~30/s), per private chat (1/s after a short
 * burst), per group (20/min) and, separately, group edits. Which methods count against which
 * limit, and the interface of limits shared with other bot instances (shared-limits.ts).
 */
import type { ChatTarget } from './chat-target.js';
import { GLOBAL_LANE, type Lanes } from './lanes.js';
import { KeyedBuckets, settle, TokenBucket, type Clock, type SlidingWindow, type WindowSlot } from './token-bucket.js';

export interface SenderLimits {
  globalPerSec: number;
  privatePerSec: number;
  groupPerMin: number;
  groupEditsPerMin: number;
  maxRetries: number;
}

/** What a call counts against: the send limits, a group's edit limit, or nothing. */
export type LimitKind = 'send' | 'edit' | 'none';

/** One target of the send limits; the sender asks the shared limiter before each call. */
export interface SharedLimiter {
  acquire(kind: 'send' | 'edit', chat: { key: string; group: boolean } | undefined, signal?: AbortSignal): Promise<void>;
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

/** Which limit a call to `method` for `chat` counts against. */
export function limitKindOf(method: string, chat: ChatTarget | undefined): LimitKind {
  if (SENDING_METHODS.has(method)) return 'send';
  if (EDIT_METHODS.has(method) && chat !== undefined && chat.group) return 'edit';
  return 'none';
}

export interface Bursts {
  private: number;
  group: number;
  groupEdits: number;
  global: number;
}

const PRIVATE_BURST = 3;
const GROUP_BURST = 5;
export const DEFAULT_WINDOW_MARGIN_MS = 2;

/** "At most N per window" equivalent of a rate: N = rate·window (at least 1, widening the window if needed). */
function windowOf(ratePerSec: number, windowMs: number, marginMs: number): SlidingWindow {
  const n = Math.floor((ratePerSec * windowMs) / 1000 + 1e-9);
  const base = n >= 1 ? { max: n, ms: windowMs } : { max: 1, ms: 1000 / ratePerSec };
  return { max: base.max, ms: base.ms + Math.min(marginMs, base.ms * 0.05) };
}

export interface LocalLimitsOptions {
  limits: SenderLimits;
  bursts?: Partial<Bursts> | undefined;
  windowMarginMs?: number | undefined;
  now?: Clock | undefined;
  /** The sender's lanes: the global bucket is taken inside GLOBAL_LANE, FIFO among all chats. */
  lanes: Lanes;
  /** Waits `ms` (counted in the sender's stats), rejecting when `signal` aborts. */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

/**
 * The window slots one call took (global and its chat's), open until the call is answered or fails:
 * hand them back to `LocalLimits.settle`.
 */
export interface Taken {
  slots: WindowSlot[];
}

/** This process's buckets. */
export class LocalLimits {
  private readonly global: TokenBucket;
  private readonly privateBuckets: KeyedBuckets;
  private readonly groupBuckets: KeyedBuckets;
  private readonly groupEditBuckets: KeyedBuckets;
  private readonly lanes: Lanes;
  private readonly wait: LocalLimitsOptions['wait'];
  private readonly now: Clock;

  constructor(opts: LocalLimitsOptions) {
    const { limits, now } = opts;
    this.now = now ?? (() => performance.now());
    this.lanes = opts.lanes;
    this.wait = opts.wait;
    const margin = opts.windowMarginMs ?? DEFAULT_WINDOW_MARGIN_MS;
    const bursts = opts.bursts ?? {};
    const burst = (given: number | undefined, def: number): number => Math.max(1, Math.floor(given ?? def));
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
   * Wait for the tokens this call needs. The chat's bucket is only ever taken by the holder of
   * the chat's lane (the caller), so we wait for it first; then, FIFO among all chats, for the
   * global bucket, and take both at the same instant (so the recorded send times are the real ones).
   */
  async acquire(kind: LimitKind, chat: ChatTarget | undefined, signal: AbortSignal | undefined): Promise<Taken> {
    if (kind === 'none') return { slots: [] };
    const keyed = kind === 'edit' ? this.groupEditBuckets : chat ? this.privateOrGroup(chat) : undefined;
    const chatBucket = (): TokenBucket | undefined => (keyed && chat ? keyed.get(chat.key) : undefined);
    for (;;) {
      const w = chatBucket()?.peek() ?? 0;
      if (w > 0) {
        await this.wait(w, signal);
        continue;
      }
      if (kind === 'edit') return taken([chatBucket()?.take()]);
      const took = await this.lanes.run(GLOBAL_LANE, signal, async () => {
        for (;;) {
          const wg = this.global.peek();
          if (wg > 0) {
            await this.wait(wg, signal);
            continue;
          }
          const cb = chatBucket();
          if (cb && cb.peek() > 0) return undefined; // paused meanwhile (429 elsewhere): wait outside the global lane
          return taken([this.global.take(), cb?.take()]);
        }
      });
      if (took) return took;
    }
  }

  /**
   * The call that took `taken` is over (answered or failed). Telegram counts a send when the
   * request reaches it, at some moment between our take and the answer, so the call's slots count
   * from the answer: the limits then hold at Telegram's end whatever the delays on the way (a fixed
   * margin held only for delays shorter than itself, and 30 requests leaving at once arrive spread
   * over tens to hundreds of milliseconds on a loaded machine), and a window is held only as long
   * as the delay was: a millisecond or two on a quiet link, one round trip to a distant Telegram.
   * (Capping that at 50 ms brought the 429s back on a loaded machine: 134 in scenario 3.)
   */
  settle(taken: Taken): void {
    const at = this.now();
    for (const slot of taken.slots) settle(slot, at);
  }

  /** After a 429: pause the chat (so calls queued for it wait too), or everything when there is no chat. */
  pause(kind: LimitKind, chat: ChatTarget | undefined, ms: number): void {
    if (chat && kind === 'edit') this.groupEditBuckets.pause(chat.key, ms);
    else if (chat) this.privateOrGroup(chat).pause(chat.key, ms);
    else this.global.pause(ms);
  }

  private privateOrGroup(chat: ChatTarget): KeyedBuckets {
    return chat.group ? this.groupBuckets : this.privateBuckets;
  }
}

function taken(slots: (WindowSlot | undefined)[]): Taken {
  return { slots: slots.filter((s): s is WindowSlot => s !== undefined) };
}

/**
 * Token buckets for the outgoing Telegram rate limits.
 *
 * A bucket holds up to `burst` tokens and refills continuously at `ratePerSec`.
 * `tryTake()` never blocks: it either takes a token (returns 0) or tells the
 * caller how many milliseconds to wait before a token will be available.
 * Waiting (and FIFO fairness between waiters) is the caller's business; see
 * `Sender` in ./sender.ts.
 *
 * A bucket may also carry a sliding-window cap ("at most `max` takes in any `ms`
 * milliseconds"). Telegram states its limits as windows (20 messages per minute
 * per group, ~30 per second overall); a plain token bucket with a burst lets
 * `burst + rate·T` through in a window of length T, which overshoots such a
 * window. With the cap, bursts are still instant but no window is ever exceeded.
 *
 * The server counts a send when the request reaches it, some time after we took the token. So a
 * take returns its window slot, and the caller moves the slot's time later (`settle`) once it
 * knows more, e.g. when the answer came back; until then the slot holds its place in the window.
 */

export type Clock = () => number;

export interface SlidingWindow {
  /** At most this many takes … */
  max: number;
  /** … in any window of this many milliseconds. */
  ms: number;
}

const defaultNow: Clock = () => performance.now();

/**
 * One take's place in a sliding window: counted from `at` until `at + window.ms`. While `open`
 * (the request is still out) it holds its place whatever `at` says.
 */
export interface WindowSlot {
  at: number;
  open: boolean;
}

/** How soon a window whose every place is held by a request still out is looked at again (one frees when its request is answered). */
export const OPEN_SLOT_RECHECK_MS = 10;

/** Whole milliseconds to wait (>= 1), ignoring floating-point dust. */
function ceilMs(ms: number): number {
  return Math.max(1, Math.ceil(ms - 1e-6));
}

/** Closes a take's slot: from now on it counts from `at` (never earlier than the take itself). */
export function settle(slot: WindowSlot | undefined, at: number): void {
  if (slot === undefined) return;
  slot.at = Math.max(slot.at, at);
  slot.open = false;
}

/** When a slot's place may be reused (order only: an open slot never). */
function freeAt(slot: WindowSlot): number {
  return slot.open ? Infinity : slot.at;
}

export class TokenBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  readonly window: SlidingWindow | undefined;
  private readonly now: Clock;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = -Infinity;
  /**
   * The window's places (only with a window): at most `window.max`, each holding the last take
   * that used it. A take reuses a place whose slot has left the window; slots are settled in any
   * order, so any such place will do.
   */
  private readonly slots: WindowSlot[] = [];

  constructor(ratePerSec: number, burst: number, now: Clock = defaultNow, window?: SlidingWindow) {
    if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) {
      throw new RangeError(`TokenBucket: ratePerSec must be a positive finite number, got ${ratePerSec}`);
    }
    if (!(burst >= 1) || !Number.isFinite(burst)) {
      throw new RangeError(`TokenBucket: burst must be >= 1, got ${burst}`);
    }
    if (window !== undefined && !(Number.isInteger(window.max) && window.max >= 1 && window.ms > 0 && Number.isFinite(window.ms))) {
      throw new RangeError(`TokenBucket: window must have an integer max >= 1 and a positive ms, got ${JSON.stringify(window)}`);
    }
    this.ratePerSec = ratePerSec;
    this.burst = burst;
    this.window = window;
    this.now = now;
    this.tokens = burst;
    this.updatedAt = now();
  }

  private refill(t: number): void {
    if (t > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.updatedAt) * this.ratePerSec) / 1000);
      this.updatedAt = t;
    }
  }

  /** ms until a take would succeed (0 = now), without taking. */
  peek(): number {
    const t = this.now();
    if (t < this.pausedUntil) return ceilMs(this.pausedUntil - t);
    this.refill(t);
    let wait = 0;
    if (this.tokens < 1) wait = ceilMs(((1 - this.tokens) * 1000) / this.ratePerSec);
    const free = this.windowWait(t);
    return free > 0 ? Math.max(wait, ceilMs(free)) : wait;
  }

  /** ms until a place in the window is free (<= 0: one is free now). */
  private windowWait(t: number): number {
    const w = this.window;
    if (w === undefined || this.slots.length < w.max) return 0;
    // Every place is taken: the first slot to leave the window frees one.
    let free = Infinity;
    for (const slot of this.slots) if (!slot.open) free = Math.min(free, slot.at + w.ms - t);
    return free === Infinity ? OPEN_SLOT_RECHECK_MS : free;
  }

  /**
   * Take a token unconditionally (the caller checked peek() at this same instant). With a window,
   * returns the take's slot, open: `settle` it when the request is answered or has failed.
   */
  take(): WindowSlot | undefined {
    const t = this.now();
    this.refill(t);
    this.tokens -= 1;
    const w = this.window;
    if (w === undefined) return undefined;
    const slot: WindowSlot = { at: t, open: true };
    if (this.slots.length < w.max) {
      this.slots.push(slot);
      return slot;
    }
    // The place whose slot left the window first (peek() said one has).
    let oldest = 0;
    for (let i = 1; i < this.slots.length; i++) if (freeAt(this.slots[i]!) < freeAt(this.slots[oldest]!)) oldest = i;
    this.slots[oldest] = slot;
    return slot;
  }

  /** 0 if a token was taken (its slot settled at once, at the take), else the number of ms (>= 1) to wait until one is available. */
  tryTake(): number {
    const wait = this.peek();
    if (wait === 0) settle(this.take(), -Infinity);
    return wait;
  }

  /** Tokens currently available (fractional), after refill; ignores the window. */
  available(): number {
    const t = this.now();
    this.refill(t);
    return t < this.pausedUntil ? 0 : this.tokens;
  }

  /**
   * Refuse all takes for the next `ms` milliseconds (e.g. after an HTTP 429 with retry_after)
   * and empty the bucket, so that when the pause ends calls resume at the steady rate
   * instead of bursting again.
   */
  pause(ms: number): void {
    const t = this.now();
    this.refill(t);
    this.tokens = Math.min(this.tokens, 0);
    this.updatedAt = Math.max(this.updatedAt, t + ms);
    this.pausedUntil = Math.max(this.pausedUntil, t + ms);
  }

  /** True when the bucket is full, not paused and its window is empty, i.e. indistinguishable from a fresh one. */
  isIdle(): boolean {
    const t = this.now();
    if (t < this.pausedUntil) return false;
    this.refill(t);
    if (this.tokens < this.burst) return false;
    const w = this.window;
    return w === undefined || this.slots.every((slot) => !slot.open && slot.at + w.ms <= t);
  }
}

export interface KeyedBucketsOptions {
  now?: Clock;
  /** Sliding-window cap for every bucket (see TokenBucket). */
  window?: SlidingWindow;
  /** Sweep idle buckets when the map reaches this size (the threshold then grows to 2× the survivors). Default 5000. */
  sweepAtSize?: number;
  /** Also sweep when this many ms have passed since the last sweep (checked when a bucket is created). Default 60 000. */
  sweepEveryMs?: number;
}

/**
 * Buckets by key (e.g. chat id), created on demand. Buckets that are full again
 * (idle for at least burst/rate seconds) carry no information and are evicted,
 * so memory stays proportional to the number of recently active keys, not to the
 * number of keys ever seen.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly now: Clock;
  private readonly window: SlidingWindow | undefined;
  private readonly minSweepSize: number;
  private readonly sweepEveryMs: number;
  private nextSweepSize: number;
  private lastSweepAt: number;

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    opts: KeyedBucketsOptions = {},
  ) {
    // Validate once up front, so a bad configuration fails at start-up, not at the first send.
    new TokenBucket(ratePerSec, burst, () => 0, opts.window);
    this.now = opts.now ?? defaultNow;
    this.window = opts.window;
    this.minSweepSize = Math.max(1, opts.sweepAtSize ?? 5000);
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.nextSweepSize = this.minSweepSize;
    this.lastSweepAt = this.now();
  }

  get size(): number {
    return this.buckets.size;
  }

  has(key: string): boolean {
    return this.buckets.has(key);
  }

  get(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      const t = this.now();
      if (this.buckets.size >= this.nextSweepSize || t - this.lastSweepAt >= this.sweepEveryMs) this.sweep();
      b = new TokenBucket(this.ratePerSec, this.burst, this.now, this.window);
      this.buckets.set(key, b);
    }
    return b;
  }

  tryTake(key: string): number {
    return this.get(key).tryTake();
  }

  peek(key: string): number {
    return this.buckets.get(key)?.peek() ?? 0;
  }

  pause(key: string, ms: number): void {
    this.get(key).pause(ms);
  }

  /** Remove every idle (full, unpaused) bucket. Returns how many were removed. */
  sweep(): number {
    let removed = 0;
    for (const [key, b] of this.buckets) {
      if (b.isIdle()) {
        this.buckets.delete(key);
        removed++;
      }
    }
    this.lastSweepAt = this.now();
    this.nextSweepSize = Math.max(this.minSweepSize, this.buckets.size * 2);
    return removed;
  }
}

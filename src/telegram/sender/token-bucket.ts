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
 */

export type Clock = () => number;

export interface SlidingWindow {
  /** At most this many takes … */
  max: number;
  /** … in any window of this many milliseconds. */
  ms: number;
}

const defaultNow: Clock = () => performance.now();

/** Whole milliseconds to wait (>= 1), ignoring floating-point dust. */
function ceilMs(ms: number): number {
  return Math.max(1, Math.ceil(ms - 1e-6));
}

export class TokenBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  readonly window: SlidingWindow | undefined;
  private readonly now: Clock;
  private tokens: number;
  private updatedAt: number;
  private pausedUntil = -Infinity;
  /** Ring buffer of the last `window.max` take times (only with a window). */
  private readonly takes: number[] = [];
  private ringHead = 0;

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
    const w = this.window;
    if (w !== undefined && this.takes.length >= w.max) {
      // the oldest of the last `max` takes must have left the window
      const oldest = this.takes[this.ringHead]!;
      const free = oldest + w.ms - t;
      if (free > 0) wait = Math.max(wait, ceilMs(free));
    }
    return wait;
  }

  /** Take a token unconditionally (the caller checked peek() at this same instant). */
  take(): void {
    const t = this.now();
    this.refill(t);
    this.tokens -= 1;
    const w = this.window;
    if (w !== undefined) {
      if (this.takes.length < w.max) this.takes.push(t);
      else {
        this.takes[this.ringHead] = t;
        this.ringHead = (this.ringHead + 1) % w.max;
      }
    }
  }

  /** 0 if a token was taken, else the number of ms (>= 1) to wait until one is available. */
  tryTake(): number {
    const wait = this.peek();
    if (wait === 0) this.take();
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
    if (w !== undefined && this.takes.length > 0) {
      const newest = this.takes[(this.ringHead + this.takes.length - 1) % this.takes.length]!;
      if (newest + w.ms > t) return false;
    }
    return true;
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

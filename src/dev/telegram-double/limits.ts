/** Telegram-like flood limits: sliding windows per chat, per group and global. */
import type { Limits } from './types.js';

/** Timestamps (ms) in a sliding window; amortised O(1) push/trim. */
class Window {
  private times: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    const cutoff = now - windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) this.head++;
    if (this.head > 64 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  /** Timestamp of the event that has to leave the window before `limit - 1` remain. */
  oldestBlocking(limit: number): number {
    const idx = this.times.length - limit;
    return this.times[Math.max(this.head, idx)] ?? 0;
  }

  push(t: number): void {
    this.times.push(t);
  }
}

export class RateLimiter {
  private limits: Limits | null = null;
  private readonly perChat = new Map<number, Window>();
  private readonly perGroup = new Map<number, Window>();
  private readonly editsPerGroup = new Map<number, Window>();
  private global = new Window();
  violations = 0;

  set(limits: Limits | null): void {
    this.limits = limits;
    this.perChat.clear();
    this.perGroup.clear();
    this.editsPerGroup.clear();
    this.global = new Window();
  }

  get active(): boolean {
    return this.limits !== null;
  }

  /**
   * Records a send to `chatId` at `now` (ms) when allowed; otherwise returns the retry_after
   * (whole seconds, >= 1) Telegram would answer with.
   */
  check(chatId: number, isGroup: boolean, now: number): number | undefined {
    const l = this.limits;
    if (!l) return undefined;
    let wait = 0;
    const consider = (w: Window, limit: number | undefined, windowMs: number): void => {
      if (limit === undefined) return;
      if (limit <= 0) {
        wait = Math.max(wait, windowMs);
        return;
      }
      if (w.count(now, windowMs) >= limit) wait = Math.max(wait, w.oldestBlocking(limit) + windowMs - now);
    };
    const chatWin = l.perChatPerSec !== undefined ? this.window(this.perChat, chatId) : undefined;
    const groupWin = isGroup && l.perGroupPerMin !== undefined ? this.window(this.perGroup, chatId) : undefined;
    if (chatWin) consider(chatWin, l.perChatPerSec, 1000);
    if (groupWin) consider(groupWin, l.perGroupPerMin, 60_000);
    consider(this.global, l.globalPerSec, 1000);
    if (wait > 0) {
      this.violations++;
      return retryAfterSeconds(wait);
    }
    chatWin?.push(now);
    groupWin?.push(now);
    if (l.globalPerSec !== undefined) this.global.push(now);
    return undefined;
  }

  /** Like check, for an edit in a group chat (only editsPerGroupPerMin applies). */
  checkEdit(chatId: number, now: number): number | undefined {
    const limit = this.limits?.editsPerGroupPerMin;
    if (limit === undefined) return undefined;
    const w = this.window(this.editsPerGroup, chatId);
    if (limit <= 0 || w.count(now, 60_000) >= limit) {
      this.violations++;
      const wait = limit <= 0 ? 60_000 : w.oldestBlocking(limit) + 60_000 - now;
      return retryAfterSeconds(wait);
    }
    w.push(now);
    return undefined;
  }

  private window(map: Map<number, Window>, id: number): Window {
    let w = map.get(id);
    if (!w) map.set(id, (w = new Window()));
    return w;
  }
}

/**
 * Whole seconds to wait, as Telegram answers. The wait is rounded to the millisecond first: with
 * performance.now()'s fractions, (t + 1000) − t can come out as 1000.0000000001 and would say 2 s.
 */
function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(Math.round(waitMs) / 1000));
}

import type { Database } from '../../db/client.js';
import { pruneRateLimits, reserveSendSlot } from '../../db/rate-limits.js';
import type { SenderLimits, SharedLimiter } from './limits.js';

interface Rule {
  /** Milliseconds between two sends at the steady rate. */
  intervalMs: number;
}

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** How many slots one send may take in all when its process keeps waking too late for them (then it goes anyway). */
const MAX_SLOTS_PER_SEND = 3;

/**
 * Telegram's limits counted across every bot process on one PostgreSQL (GCRA, one statement per
 * key): several instances behind a load balancer together stay under 30/s overall, 1/s per
 * private chat and 20/min per group. Sends are evenly spaced (no bursts), so no sliding window
 * ever holds more than the limit, whatever window Telegram counts in.
 */
export class PgSharedLimiter implements SharedLimiter {
  private readonly global: Rule;
  private readonly privateChat: Rule;
  private readonly group: Rule;
  private readonly groupEdit: Rule;

  private readonly sleep: Sleep;

  constructor(
    private readonly database: Database,
    limits: SenderLimits,
    /** How the wait for a slot is slept; a test passes one that oversleeps, as a process starved of CPU does. */
    opts: { sleep?: Sleep } = {},
  ) {
    this.sleep = opts.sleep ?? sleep;
    // A small margin absorbs the jitter between the database's clock and the request reaching Telegram.
    const interval = (perSecond: number) => Math.ceil((1000 / perSecond) * 1.05) + 2;
    this.global = { intervalMs: interval(limits.globalPerSec) };
    this.privateChat = { intervalMs: interval(limits.privatePerSec) };
    this.group = { intervalMs: interval(limits.groupPerMin / 60) };
    this.groupEdit = { intervalMs: interval(limits.groupEditsPerMin / 60) };
  }

  async acquire(kind: 'send' | 'edit', chat: { key: string; group: boolean } | undefined, signal?: AbortSignal): Promise<void> {
    if (kind === 'edit') {
      // Edits count only against the group's edit limit.
      if (chat?.group) await this.reserve(`edit:${chat.key}`, this.groupEdit.intervalMs, null, 0, signal);
      return;
    }
    const rule = chat?.group ? this.group : this.privateChat;
    await this.reserve(chat ? `chat:${chat.key}` : null, rule.intervalMs, 'global', this.global.intervalMs, signal);
  }

  /**
   * Takes a slot and waits for it. The other instances send on their slots, which follow this one an
   * interval apart; a process that wakes more than an interval after its own slot (starved of CPU,
   * paused by the garbage collector) would send bunched with theirs, and some window would hold one
   * send too many. So it gives that slot up and takes the next free one, a few times at most.
   */
  private async reserve(chatKey: string | null, chatInterval: number, globalKey: string | null, globalInterval: number, signal?: AbortSignal): Promise<void> {
    const tolerance = Math.min(chatKey === null ? Infinity : chatInterval, globalKey === null ? Infinity : globalInterval);
    for (let slots = 1; ; slots++) {
      signal?.throwIfAborted();
      const wait = await reserveSendSlot(this.database, chatKey, chatInterval, globalKey, globalInterval);
      // Counted from the answer: the slot was taken before it, so this errs towards keeping the slot.
      const due = performance.now() + wait;
      if (wait > 0) await this.sleep(wait, signal);
      if (performance.now() - due <= tolerance || slots >= MAX_SLOTS_PER_SEND) return;
    }
  }

  private lastPrune = 0;

  /** Rows of chats quiet for an hour carry no information any more (pruned at most hourly). */
  async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 3_600_000) return;
    this.lastPrune = Date.now();
    await pruneRateLimits(this.database);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

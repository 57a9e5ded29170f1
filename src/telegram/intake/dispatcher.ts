import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import type { Recorded, UpdateJournal } from './journal.js';
import { MemberPrefetch } from './member-prefetch.js';
import { orderingKey } from './ordering-key.js';
import { markRerun, RetryUpdateLater } from './reruns.js';
import { sanitizeUpdate } from './sanitize.js';

export type UpdateHandler = (update: Update) => Promise<void>;

/** Backoff between runs of an update Telegram kept refusing: 1 s doubling to 15 s. */
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 15_000;
/** After this long the update is given up (logged); Telegram outages rarely last as long. */
const RETRY_WINDOW_MS = 15 * 60_000;

/** `journaled`: durable, confirm it to Telegram; `in_memory`: running but not durable, do not; false: refused. */
export type AcceptResult = 'journaled' | 'in_memory' | false;

/** Keeps a set of update ids from growing without end (ids only grow: drop the oldest half). */
function bound(ids: Set<number>, max = 20_000): void {
  if (ids.size <= max) return;
  const keep = [...ids].sort((a, b) => a - b).slice(ids.size - max / 2);
  ids.clear();
  for (const id of keep) ids.add(id);
}

/**
 * Runs updates with bounded concurrency, ordered per chat, and records each in the journal
 * first so that a crash loses none and a redelivery runs once.
 */
export class UpdateDispatcher {
  private queues = new Map<string, Update[]>();
  private ready: string[] = [];
  private running = 0;
  private queued = 0;
  /** Recently seen ids, for the moments the journal cannot be written (database away). */
  private recent = new Set<number>();
  /** Ids that must first wait for an earlier update of their chat running on another instance. */
  private behind = new Set<number>();
  private idleWaiters: (() => void)[] = [];
  private accepting = true;
  /** Per update: how often it failed passingly, and since when. */
  private failures = new Map<number, { count: number; since: number }>();
  private retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Ids taken while the journal could not be written, and those of them already finished. */
  private unjournaled = new Set<number>();
  private unjournaledDone = new Set<number>();
  /** Which member rows read with the journal insert the updates may use (see MemberPrefetch). */
  private prefetch: MemberPrefetch;

  constructor(
    private readonly opts: {
      handle: UpdateHandler;
      journal: UpdateJournal;
      concurrency: number;
      logger: Logger;
      /** Longest an update waits for an earlier one of its chat on another instance (default 70 s). */
      orderWaitMs?: number;
      /** Most updates one chat may have waiting; newer ones are skipped (default unbounded). */
      maxQueuedPerChat?: number;
      /** Told about each skipped update (the app tells the chat once in a while). */
      onOverflow?: (update: Update) => void;
      /** Oldest prefetched member row an update may still use (default PREFETCH_MAX_AGE_MS); 0: never. */
      prefetchMaxAgeMs?: number;
    },
  ) {
    this.prefetch = new MemberPrefetch(opts.prefetchMaxAgeMs);
  }

  /** Number of updates accepted but not finished. */
  get backlog(): number {
    return this.queued + this.running;
  }

  /**
   * Journals then schedules. Resolves `journaled` once the batch is durable. If the journal cannot
   * be written (database away), the updates still run in memory (the handlers tell users to try
   * again shortly) but the result is `in_memory`: the caller must not confirm them to Telegram
   * (the poller keeps its offset, the webhook answers 503), so they come again and are journaled
   * then; ids seen before are not run twice. Resolves false when shutting down: nothing was taken.
   */
  async accept(incoming: readonly Update[]): Promise<AcceptResult> {
    if (!this.accepting) return false;
    if (incoming.length === 0) return 'journaled';
    // A flooded chat's surplus is skipped before the journal: nothing to store, nothing to run.
    const updates = this.withoutOverflow(incoming.map(sanitizeUpdate));
    let fresh: readonly Update[];
    let result: AcceptResult = 'journaled';
    let recorded: ReadonlyMap<number, Recorded> = new Map();
    const window = this.prefetch.open();
    try {
      recorded = await this.opts.journal.record(updates);
      fresh = updates.filter((u) => recorded.has(u.update_id) && !this.recent.has(u.update_id));
      for (const u of fresh) if (recorded.get(u.update_id)?.behind) this.behind.add(u.update_id);
      // Run in memory before the journal had them: now that the rows exist, close the finished ones.
      for (const id of recorded.keys()) {
        if (!this.unjournaled.delete(id)) continue;
        if (this.unjournaledDone.delete(id)) this.opts.journal.markHandled(id);
      }
    } catch (err) {
      this.opts.logger.warn({ err: { code: (err as { code?: string }).code }, count: updates.length }, 'could not journal updates; handling them in memory, not confirming them to Telegram');
      fresh = updates.filter((u) => !this.recent.has(u.update_id));
      for (const u of fresh) this.unjournaled.add(u.update_id);
      bound(this.unjournaled);
      result = 'in_memory';
    }
    this.prefetch.close(window, fresh, recorded);
    for (const update of fresh) this.enqueue(update);
    return result;
  }

  /**
   * Re-runs what an instance that is gone (this one's previous run, or another that crashed)
   * received but did not finish. Called at start-up and then on every scheduler tick.
   */
  async recover(): Promise<number> {
    if (!this.accepting) return 0;
    const pending = await this.opts.journal.claimOrphans();
    for (const update of pending) {
      if (this.recent.has(update.update_id)) continue;
      markRerun(update);
      this.enqueue(update);
    }
    return pending.length;
  }

  stopAccepting(): void {
    this.accepting = false;
  }

  /** Waits until everything accepted has finished, or the timeout passes. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.backlog === 0) {
      this.closed = true;
      await this.opts.journal.flush();
      return true;
    }
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    // Updates waiting to be retried stay unfinished in the journal: the next start runs them.
    this.closed = true;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    await this.opts.journal.flush();
    return done;
  }

  /** Updates skipped because their chat had too many waiting (a flood). */
  skipped = 0;

  /**
   * A chat that already has `maxQueuedPerChat` updates waiting (counting the batch itself) gets no
   * more: the surplus is not journaled and never runs, so one chat's flood neither grows memory nor
   * holds the poller back (its offset moves past them: they are dropped on purpose).
   */
  private withoutOverflow(updates: Update[]): Update[] {
    const max = this.opts.maxQueuedPerChat;
    if (max === undefined) return updates;
    const incoming = new Map<string, number>();
    return updates.filter((update) => {
      if (this.recent.has(update.update_id)) return true;
      const key = orderingKey(update);
      const waiting = (this.queues.get(key)?.length ?? 0) + (incoming.get(key) ?? 0);
      if (waiting < max) {
        incoming.set(key, (incoming.get(key) ?? 0) + 1);
        return true;
      }
      this.remember(update.update_id);
      this.skipped++;
      if (this.skipped === 1 || this.skipped % 100 === 0) this.opts.logger.warn({ skipped: this.skipped, update_id: update.update_id }, 'a chat has too many updates waiting; skipping new ones');
      this.opts.onOverflow?.(update);
      return false;
    });
  }

  private enqueue(update: Update): void {
    this.remember(update.update_id);
    this.prefetch.enqueued(update);
    const key = orderingKey(update);
    const queue = this.queues.get(key);
    this.queued++;
    if (queue) {
      queue.push(update);
      return;
    }
    this.queues.set(key, [update]);
    this.ready.push(key);
    this.pump();
  }

  private remember(id: number): void {
    this.recent.add(id);
    if (this.recent.size > 20_000) {
      // Drop the oldest half; ids only grow, so the smallest are the oldest.
      const keep = [...this.recent].sort((a, b) => a - b).slice(10_000);
      this.recent = new Set(keep);
    }
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.ready.length > 0) {
      const key = this.ready.shift()!;
      this.running++;
      void this.runOne(key);
    }
  }

  private async runOne(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    const update = queue.shift()!;
    this.queued--;
    let retryInMs: number | undefined;
    let away: RetryUpdateLater['away'] | undefined;
    try {
      if (this.behind.delete(update.update_id)) {
        const inOrder = await this.opts.journal.waitForEarlier(update, this.opts.orderWaitMs ?? 70_000);
        if (!inOrder) this.opts.logger.warn({ update_id: update.update_id }, 'an earlier update of this chat is still running on another instance; going ahead');
      }
      this.prefetch.beforeRun(update);
      await this.opts.handle(update);
    } catch (err) {
      away = err instanceof RetryUpdateLater ? err.away : undefined;
      retryInMs = away ? this.retryDelay(update.update_id) : undefined;
      if (retryInMs === undefined) {
        // bot.catch handles handler errors; anything here escaped it (e.g. getMe failed), or retries ran out.
        this.opts.logger.error({ update_id: update.update_id, err: { type: (err as Error)?.name, code: (err as { code?: unknown }).code } }, 'update failed outside the bot');
      }
    } finally {
      this.running--;
      if (retryInMs !== undefined) {
        this.opts.logger.warn({ update_id: update.update_id, away, retryInMs }, 'the update will run again');
        this.retryLater(key, queue, update, retryInMs);
      } else {
        this.failures.delete(update.update_id);
        this.prefetch.finished(update);
        this.opts.journal.markHandled(update.update_id);
        if (this.unjournaled.has(update.update_id)) {
          this.unjournaledDone.add(update.update_id);
          bound(this.unjournaledDone);
        }
        if (queue.length > 0) this.ready.push(key);
        else this.queues.delete(key);
      }
      this.pump();
      if (this.backlog === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** The wait before the next run, or undefined when the update has failed for too long. */
  private retryDelay(updateId: number): number | undefined {
    const now = Date.now();
    const f = this.failures.get(updateId) ?? { count: 0, since: now };
    f.count++;
    this.failures.set(updateId, f);
    if (now - f.since > RETRY_WINDOW_MS) return undefined;
    return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (f.count - 1));
  }

  /**
   * Puts the update back at the head of its chat's queue. The chat is not ready meanwhile, so its
   * later updates wait behind it (new ones join the queue); other chats carry on.
   */
  private retryLater(key: string, queue: Update[], update: Update, delayMs: number): void {
    queue.unshift(update);
    this.queued++;
    markRerun(update);
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.closed) return;
      this.ready.push(key);
      this.pump();
    }, delayMs);
    this.retryTimers.add(timer);
  }
}

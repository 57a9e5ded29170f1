import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Sender } from '../telegram/sender/sender.js';

/** What a job gets each tick. Jobs keep no state of their own: it all lives in the database. */
export interface JobContext {
  database: Database;
  sender: Sender;
  clock: Clock;
  logger: Logger;
  config: Config;
}

export interface Job {
  name: string;
  /** Runs due work; returns how many items it handled (0 = nothing due). */
  run(ctx: JobContext): Promise<number>;
  /**
   * For jobs that hand slow work (model calls) to background workers instead of holding the tick:
   * resolves when those workers are done (tests' settle, the scheduler's idle) …
   */
  idle?(): Promise<void>;
  /** … and stops them at shutdown (they give their rows back for the next start). */
  stop?(): Promise<void>;
}

/**
 * A wake that arrives while a tick runs is served by one more tick, started no sooner than this
 * after the previous one began. An RSVP press that queues work due now wakes the jobs; under a
 * burst of presses this keeps the jobs' claim queries to a few rounds a second, not one per press.
 */
export const MIN_TICK_GAP_MS = 100;

/**
 * node-cron only ticks; each tick runs every job once, never overlapping itself.
 * `wake()` runs a tick now (a handler created due work, or the playground moved the clock).
 */
export class Scheduler {
  private jobs: Job[] = [];
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private ctx: JobContext | undefined;

  constructor(
    private readonly opts: { database: Database; sender: Sender; clock: Clock; logger: Logger; config: Config; tickMs?: number | undefined },
  ) {
    // Pruning (the update journal included) is the retention job's, registered by the app.
  }

  register(job: Job): void {
    this.jobs.push(job);
  }

  /** Jobs run from now on (wakes before this are ignored: the bot is not up yet). */
  ready(): void {
    const { database, sender, clock, logger, config } = this.opts;
    this.ctx = { database, sender, clock, logger, config };
  }

  start(): void {
    const seconds = Math.max(1, Math.round((this.opts.tickMs ?? 5_000) / 1000));
    this.task = cron.schedule(`*/${Math.min(seconds, 59)} * * * * *`, () => this.wake(), { noOverlap: true });
  }

  wake(): void {
    if (this.stopped || !this.ctx) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.ticks().finally(() => {
      this.running = undefined;
    });
  }

  /** Ticks until no wake is left over; `running` covers the pauses too, so idle() waits for them. */
  private async ticks(): Promise<void> {
    do {
      this.again = false;
      const started = performance.now();
      await this.tick();
      const pause = MIN_TICK_GAP_MS - (performance.now() - started);
      if (this.again && !this.stopped && pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    } while (this.again && !this.stopped);
  }

  /** Resolves when the current tick (if any) and any tick it asked for are done. */
  async idle(): Promise<void> {
    do {
      while (this.running) await this.running;
      await Promise.all(this.jobs.map((job) => job.idle?.()));
    } while (this.running);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.destroy();
    await this.running;
    await Promise.all(this.jobs.map((job) => job.stop?.()));
  }

  private async tick(): Promise<void> {
    const ctx = this.ctx!;
    // Rounds of every job, repeated while any found due work: a burst of reminders drains in one
    // tick, and a long broadcast (one batch per round) never holds the reminders back.
    for (let rounds = 0; rounds < 1000 && !this.stopped; rounds++) {
      let busy = false;
      for (const job of this.jobs) {
        if (this.stopped) break;
        try {
          if ((await job.run(ctx)) > 0) busy = true;
        } catch (err) {
          ctx.logger.error({ job: job.name, err: { type: (err as Error).name, code: (err as { code?: unknown }).code, message: (err as Error).message } }, 'job failed');
        }
      }
      if (!busy) break;
    }
  }
}

import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { NewOutboxRow, OutboxRow } from '../db/schema/index.js';
import { DEFAULT_RETRY, type KindPolicy } from '../domain/jobs/policy.js';
import { claim, finish, finishMany, giveUp, postpone, release, retry, type Finished } from '../domain/jobs/queue.js';
import { ChatUnreachableError } from '../telegram/sender/errors.js';
import type { Job, JobContext } from './scheduler.js';

/**
 * What handling one job came to. `children` are enqueued in the same transaction that closes the
 * job; `later` puts it back until `at` without counting the attempt (e.g. an edit must wait out its interval).
 */
export type OutboxOutcome =
  | { status: 'sent' | 'skipped' | 'failed'; outcome?: string; children?: NewOutboxRow[] }
  | { status: 'retry'; outcome?: string }
  | { status: 'later'; at: Date };

export type OutboxHandler = (row: OutboxRow, ctx: JobContext) => Promise<OutboxOutcome>;

/**
 * A kind whose jobs read the same kinds of rows: `preload` reads them for all the kind's jobs of a
 * claimed batch in a few statements, and each job's `handle` gets what it read. Should `preload`
 * fail, each of those jobs fails as if its own handler had thrown that error.
 */
export interface BatchHandler<T> {
  preload(rows: OutboxRow[], ctx: JobContext): Promise<T>;
  handle(row: OutboxRow, ctx: JobContext, preloaded: T): Promise<OutboxOutcome>;
}

// Method syntax: a BatchHandler of any preloaded type fits (the worker hands each its own).
type AnyBatchHandler = { preload(rows: OutboxRow[], ctx: JobContext): Promise<unknown>; handle(row: OutboxRow, ctx: JobContext, preloaded: never): Promise<OutboxOutcome> };
export type KindHandler = OutboxHandler | AnyBatchHandler;

export interface WorkerOptions {
  name: string;
  /** Handlers by job kind; the worker claims only these kinds. */
  handlers: Record<string, KindHandler>;
  owner: string;
  leaseMs: number;
  batch?: number;
  /** Per-kind retry policy (default: DEFAULT_RETRY). */
  policies?: Record<string, KindPolicy>;
  /**
   * One job after another, in claim order (notices to one topic must not overtake each other);
   * what is left when the lease nears its end (`leaseMarginMs`) is given back rather than started.
   * Default: the batch's jobs run side by side.
   */
  sequential?: { leaseMarginMs: number };
}

/** Telegram said no for good (400 …): retrying the same call cannot help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 429;
}

/** Thrown by a handler that knows retrying cannot help (bad data in the job, a rule it breaks). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * An error no retry can mend: a bug or a validation error in our own code. Telegram's errors,
 * the network's and the database's carry a `code` and pass; these do not.
 */
export function isBug(err: unknown): boolean {
  if (err instanceof PermanentJobError) return true;
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== undefined) return false;
  if (err.name === 'ValidationError') return true;
  if (err instanceof TypeError) return !/fetch|network|socket|terminated|connect/i.test(err.message);
  return err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError;
}

/** A one-line reason for the outcome column and the log: no payloads, no stack. */
function bugReason(err: unknown): string {
  const e = err as Error;
  return `bug: ${e.name}: ${String(e.message).split('\n')[0]!.slice(0, 200)}`;
}

export function describeFailure(err: unknown): string {
  if (err instanceof ChatUnreachableError) return 'blocked';
  const e = err as { code?: unknown; description?: unknown };
  if (typeof e.description === 'string' && /chat not found|user not found|PEER_ID_INVALID/i.test(e.description)) return 'not_found';
  return typeof e.code === 'number' ? `error_${e.code}` : 'error';
}

/** How long one run of a worker keeps claiming batches back to back (real time), and at most how many. */
const RUN_BUDGET_MS = 1_000;
const MAX_BATCHES_PER_RUN = 50;

/** A handled job, ready to be closed: its outcome, or a bug that gives it up for good. */
type Handled = OutboxOutcome | { status: 'bug'; outcome: string };

/**
 * A queue worker: claims due jobs of its kinds (the queue's claim, with a lease, so several
 * instances run it side by side and each job goes to one of them), hands each to the handler of
 * its kind, and closes the job — only if this worker still holds the lease. A job whose handler
 * threw a passing error is retried after its kind's backoff and given up after its last attempt.
 * Jobs run side by side are closed together once the batch is done: the finished ones in one
 * statement, so a burst (10,000 reminders) costs a few statements per batch rather than per job.
 */
export function queueWorker(options: WorkerOptions): Job {
  const { name, handlers, owner, leaseMs } = options;
  const batch = options.batch ?? 20;
  const kinds = Object.keys(handlers);
  const policyOf = (kind: string) => options.policies?.[kind]?.retry ?? DEFAULT_RETRY;

  /** One statement per kind with a preloader, started at once; the jobs await their kind's. */
  function preload(ctx: JobContext, rows: OutboxRow[]): Map<string, Promise<unknown>> {
    const byKind = new Map<string, OutboxRow[]>();
    for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
    const loads = new Map<string, Promise<unknown>>();
    for (const [kind, list] of byKind) {
      const handler = handlers[kind]!;
      if (typeof handler === 'function') continue;
      const load = handler.preload(list, ctx);
      load.catch(() => {}); // Each job awaits it and deals with its failure.
      loads.set(kind, load);
    }
    return loads;
  }

  async function handle(ctx: JobContext, row: OutboxRow, preloaded: Promise<unknown> | undefined): Promise<Handled> {
    try {
      const handler = handlers[row.kind]!;
      if (typeof handler === 'function') return await handler(row, ctx);
      return await handler.handle(row, ctx, (await preloaded) as never);
    } catch (err) {
      if (isBug(err)) {
        // Retrying would fail the same way (and repeat whatever went out before the failure).
        const outcome = bugReason(err);
        ctx.logger.error({ job: name, id: row.id, kind: row.kind, outcome }, 'job failed for good: it cannot succeed by retrying');
        return { status: 'bug', outcome };
      }
      const outcome = describeFailure(err);
      ctx.logger.info({ job: name, id: row.id, kind: row.kind, outcome }, 'job not done');
      if (err instanceof ChatUnreachableError || isPermanent(err)) return { status: 'failed', outcome };
      return { status: 'retry', outcome };
    }
  }

  /** Closes one job on its own (a retry, a postponement, or a finish with children in its transaction). */
  async function closeOne(ctx: JobContext, row: OutboxRow, result: Handled): Promise<void> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    if (result.status === 'bug') {
      await giveUp(db, row, owner, result.outcome, now);
      return;
    }
    if (result.status === 'later') return postpone(db, row, owner, result.at);
    if (result.status === 'retry') {
      const outcome = result.outcome ?? 'error';
      if ((await retry(db, row, owner, policyOf(row.kind), outcome, now)) === 'failed') {
        ctx.logger.warn({ job: name, id: row.id, kind: row.kind, outcome }, 'job gave up after its last attempt');
      }
      return;
    }
    const closed = await finish(db, row, owner, result, now);
    if (!closed) ctx.logger.warn({ job: name, id: row.id, kind: row.kind }, 'job lost its lease before it was closed');
  }

  /** Closes a batch: the finished jobs without children in one statement, the rest one by one. */
  async function closeAll(ctx: JobContext, done: { row: OutboxRow; result: Handled }[]): Promise<void> {
    const plain: { job: OutboxRow; status: Finished; outcome?: string | undefined }[] = [];
    const rest: { row: OutboxRow; result: Handled }[] = [];
    for (const d of done) {
      const r = d.result;
      if (r.status === 'bug') plain.push({ job: d.row, status: 'failed', outcome: r.outcome });
      else if ((r.status === 'sent' || r.status === 'skipped' || r.status === 'failed') && !r.children?.length) plain.push({ job: d.row, status: r.status, outcome: r.outcome });
      else rest.push(d);
    }
    const closed = await finishMany(ctx.database.db, plain, owner, ctx.clock.now());
    for (const { job } of plain) {
      if (!closed.has(job.id)) ctx.logger.warn({ job: name, id: job.id, kind: job.kind }, 'job lost its lease before it was closed');
    }
    for (const d of rest) await closeOne(ctx, d.row, d.result);
  }

  /**
   * Runs claimed batches side by side. While a full batch is being handled the next one is claimed
   * and its rows read, and it is closed while the next one is handled (a burst keeps the sender fed,
   * and each round's turn of the other jobs — whose claims walk past the burst's due rows — is paid
   * once per RUN_BUDGET_MS rather than once per batch); after RUN_BUDGET_MS of real time the other
   * jobs get their turn again.
   */
  async function sideBySide(ctx: JobContext, first: OutboxRow[]): Promise<number> {
    const until = performance.now() + RUN_BUDGET_MS;
    let rows = first;
    let loads = preload(ctx, rows);
    let total = 0;
    // Each batch is closed while the next one goes out; closes run one after another, and every
    // one runs even if one before it failed (a job left unclosed would go out again after its lease).
    let closing: Promise<void> = Promise.resolve();
    let closeError: unknown;
    try {
      for (let round = 0; rows.length > 0; round++) {
        const current = rows;
        const currentLoads = loads;
        const handling = Promise.all(current.map(async (row) => ({ row, result: await handle(ctx, row, currentLoads.get(row.kind)) })));
        const more = current.length === batch && round < MAX_BATCHES_PER_RUN && performance.now() < until;
        // The next batch is claimed and its rows read while this one is being sent.
        const next = more
          ? claim(ctx.database.db, { kinds, now: ctx.clock.now(), leaseMs, owner, limit: batch }).then((r) => ({ rows: r, loads: preload(ctx, r) }))
          : Promise.resolve({ rows: [] as OutboxRow[], loads: new Map<string, Promise<unknown>>() });
        next.catch(() => {}); // Awaited below.
        const done = await handling;
        closing = closing.then(() => closeAll(ctx, done)).catch((err: unknown) => {
          closeError ??= err;
        });
        total += current.length;
        ({ rows, loads } = await next);
      }
    } finally {
      await closing;
    }
    if (closeError !== undefined) throw closeError;
    return total;
  }

  return {
    name,
    async run(ctx) {
      const now = ctx.clock.now();
      const rows = await claim(ctx.database.db, { kinds, now, leaseMs, owner, limit: batch });
      if (rows.length === 0) return 0;
      if (!options.sequential) return sideBySide(ctx, rows);
      // A busy group's limit can make one-by-one slow: what is left when the lease nears its end is
      // given back, so another instance never takes a job while this one works on it.
      const giveBackAt = now.getTime() + leaseMs - options.sequential.leaseMarginMs;
      for (const [i, row] of rows.entries()) {
        if (ctx.clock.now().getTime() >= giveBackAt) {
          await release(ctx.database.db, rows.slice(i), owner);
          return Math.max(i, 1);
        }
        // One by one, each job reads its own rows just before it runs (those of the batch may have moved since the claim).
        await closeOne(ctx, row, await handle(ctx, row, preload(ctx, [row]).get(row.kind)));
      }
      return rows.length;
    },
  };
}

/** A name for this process's leases: distinct per app instance, even two in one test process. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

import { and, inArray, asc, eq, lte, sql } from 'drizzle-orm';
import { outbox, type NewOutboxRow, type OutboxRow } from '../db/schema/index.js';
import { ChatUnreachableError } from '../telegram/sender/errors.js';
import { claimRows } from './claim.js';
import type { Job, JobContext } from './scheduler.js';

/** What handling one row came to. `children` are inserted in the same transaction that closes the row. */
export type OutboxOutcome =
  | { status: 'sent' | 'skipped' | 'failed'; outcome?: string; children?: NewOutboxRow[] }
  | { status: 'retry'; outcome?: string };

export type OutboxHandler = (row: OutboxRow, ctx: JobContext) => Promise<OutboxOutcome>;

export interface OutboxJobOptions {
  /** Handlers by row kind; a feature adds its kinds here. */
  handlers: Record<string, OutboxHandler>;
  owner: string;
  leaseMs: number;
  batch?: number;
  maxAttempts?: number;
}

/** 10 s doubling: a Telegram outage's reminders go out soon after it, and only ~10 min of failures give up. */
const RETRY_BASE_MS = 10_000;

/** Telegram said no for good (400 …): retrying the same call cannot help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 429;
}

/** Thrown by a handler that knows retrying cannot help (bad data in the row, a rule it breaks). */
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

/**
 * Records that a step of a row's work is done (e.g. the notice went out, with its message id)
 * before the next step can fail, so a retry carries on after it instead of repeating it.
 * The row in memory is updated too.
 */
export async function recordStep(ctx: JobContext, row: OutboxRow, step: Record<string, unknown>): Promise<void> {
  const payload = { ...row.payload, ...step };
  await ctx.database.db.update(outbox).set({ payload }).where(eq(outbox.id, row.id));
  row.payload = payload;
}

export function describeFailure(err: unknown): string {
  if (err instanceof ChatUnreachableError) return 'blocked';
  const e = err as { code?: unknown; description?: unknown };
  if (typeof e.description === 'string' && /chat not found|user not found|PEER_ID_INVALID/i.test(e.description)) return 'not_found';
  return typeof e.code === 'number' ? `error_${e.code}` : 'error';
}

/**
 * The outbox worker: claims due rows (FOR UPDATE SKIP LOCKED with a lease, so several instances can
 * run it side by side and each row goes to one of them), hands each to the handler of its kind, and
 * closes the row — only if this worker still holds the lease. A row whose handler threw a passing
 * error is retried later with backoff; after `maxAttempts` it is marked failed.
 */
export function outboxJob(options: OutboxJobOptions): Job {
  const { handlers, owner, leaseMs } = options;
  const batch = options.batch ?? 20;
  const maxAttempts = options.maxAttempts ?? 7;

  async function finish(ctx: JobContext, row: OutboxRow, result: OutboxOutcome): Promise<void> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    const mine = and(eq(outbox.id, row.id), eq(outbox.claimedBy, owner), eq(outbox.status, 'pending'));
    if (result.status === 'retry') {
      const giveUp = row.attempts >= maxAttempts;
      // Keeping the lease until the backoff ends is what delays the next attempt.
      await db
        .update(outbox)
        .set(
          giveUp
            ? { status: 'failed', outcome: result.outcome ?? 'error', processedAt: now, claimedUntil: null }
            : { claimedUntil: new Date(now.getTime() + RETRY_BASE_MS * 2 ** (row.attempts - 1)), claimedBy: null, outcome: result.outcome ?? null },
        )
        .where(mine);
      return;
    }
    await db.transaction(async (tx) => {
      const closed = await tx
        .update(outbox)
        .set({ status: result.status, outcome: result.outcome ?? null, processedAt: now, claimedUntil: null })
        .where(mine)
        .returning({ id: outbox.id });
      if (closed.length === 0) {
        ctx.logger.warn({ job: 'outbox', id: row.id, kind: row.kind }, 'outbox row lost its lease before it was closed');
        return;
      }
      if (result.children?.length) await tx.insert(outbox).values(result.children).onConflictDoNothing();
    });
  }

  async function handle(ctx: JobContext, row: OutboxRow): Promise<void> {
    const handler = handlers[row.kind];
    let result: OutboxOutcome;
    if (!handler) {
      result = { status: 'failed', outcome: 'unknown_kind' };
    } else {
      try {
        result = await handler(row, ctx);
      } catch (err) {
        if (isBug(err)) {
          // Retrying would fail the same way (and repeat whatever went out before the failure).
          const outcome = bugReason(err);
          result = { status: 'failed', outcome };
          ctx.logger.error({ job: 'outbox', id: row.id, kind: row.kind, outcome }, 'outbox row failed for good: it cannot succeed by retrying');
        } else {
          const outcome = describeFailure(err);
          if (err instanceof ChatUnreachableError || isPermanent(err)) result = { status: 'failed', outcome };
          else result = { status: 'retry', outcome };
          ctx.logger.info({ job: 'outbox', id: row.id, kind: row.kind, outcome }, 'outbox row not delivered');
        }
      }
    }
    await finish(ctx, row, result);
  }

  return {
    name: 'outbox',
    async run(ctx) {
      const now = ctx.clock.now();
      const rows = await claimRows(ctx.database.db, outbox, {
        ready: and(eq(outbox.status, 'pending'), lte(outbox.dueAt, now)),
        order: [asc(outbox.dueAt), asc(outbox.id)],
        limit: batch,
        now,
        leaseMs,
        owner,
      });
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => handle(ctx, row)));
      return rows.length;
    },
  };
}

/** True when a later reminder of the same kind for the same chat and subject is also due (it supersedes this one). */
export async function laterRowDue(ctx: JobContext, row: OutboxRow, now: Date): Promise<boolean> {
  const [later] = await ctx.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.ref, row.ref),
        eq(outbox.kind, row.kind),
        row.chatId === null ? sql`${outbox.chatId} is null` : eq(outbox.chatId, row.chatId),
        // Pending or already sent: rows of one round may be handled in any order.
        inArray(outbox.status, ['pending', 'sent']),
        lte(outbox.dueAt, now),
        sql`${outbox.dueAt} > ${row.dueAt.toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  return later !== undefined;
}

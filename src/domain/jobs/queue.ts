import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { outbox, type NewOutboxRow, type OutboxRow } from '../../db/schema/index.js';
import { backoffMs, isLastAttempt, type RetryPolicy } from './policy.js';

/**
 * The one durable job queue: every piece of background work (reminders, notices, idea topics,
 * drafts, broadcast deliveries, announcement refreshes) is a row of `outbox`. Vocabulary after
 * pg-boss / graphile-worker: a job has a *kind* (its handler), a *dedupe key* (idempotent
 * enqueue), a *ref* (its subject, by which pending jobs are superseded or cancelled), a lease
 * (`claimed_by` until `claimed_until`) and attempts. We keep our own rather than use either
 * library because jobs must be enqueued inside drizzle's transaction `tx` and the same code runs
 * on PGlite.
 *
 * One status model: `pending` → `sent` | `skipped` | `failed` | `cancelled`. A pending job is
 * *running* while `claimed_by` is set and `claimed_until` is ahead; with `claimed_by` null,
 * `claimed_until` is a "not before" (backoff after a failure, or a grace period).
 */
export type QueuedJob = OutboxRow;
export type NewJob = NewOutboxRow;

/**
 * Enqueues jobs in the caller's transaction, so a job exists exactly when the change that caused
 * it does. A dedupe key already used is left alone, except that a cancelled job comes back to life
 * (a member who said "Tidak" and then "Hadir" again gets their reminder back).
 */
export async function enqueue(tx: DbOrTx, rows: NewJob[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(outbox)
    .values(rows)
    .onConflictDoUpdate({
      target: outbox.dedupeKey,
      set: {
        status: 'pending',
        dueAt: sql`excluded.due_at`,
        payload: sql`excluded.payload`,
        chatId: sql`excluded.chat_id`,
        threadId: sql`excluded.thread_id`,
        claimedUntil: null,
        claimedBy: null,
        outcome: null,
        processedAt: null,
      },
      setWhere: sql`${outbox.status} = 'cancelled'`,
    });
}

export interface CancelOptions {
  kinds?: string[];
  chatId?: number;
  /** Dedupe keys to leave alone. */
  keep?: string[];
  now: Date;
  outcome?: string;
  /** Only jobs no live worker holds (those in flight finish). */
  unclaimedOnly?: boolean;
}

/** Cancels what is still pending for a subject; returns how many. */
export async function cancelPending(tx: DbOrTx, ref: string, options: CancelOptions): Promise<number> {
  return (await cancelPendingJobs(tx, ref, options)).length;
}

/** Cancels what is still pending for a subject; returns the cancelled jobs' ids and payloads. */
export async function cancelPendingJobs(tx: DbOrTx, ref: string, options: CancelOptions): Promise<{ id: number; payload: Record<string, unknown> }[]> {
  return tx
    .update(outbox)
    .set({ status: 'cancelled', processedAt: options.now, outcome: options.outcome ?? null })
    .where(
      and(
        eq(outbox.ref, ref),
        eq(outbox.status, 'pending'),
        options.kinds ? inArray(outbox.kind, options.kinds) : undefined,
        options.chatId !== undefined ? eq(outbox.chatId, options.chatId) : undefined,
        options.keep && options.keep.length > 0 ? notInArray(outbox.dedupeKey, options.keep) : undefined,
        options.unclaimedOnly ? or(isNull(outbox.claimedBy), lte(outbox.claimedUntil, options.now)) : undefined,
      ),
    )
    .returning({ id: outbox.id, payload: outbox.payload });
}

export interface ClaimOptions {
  kinds: string[];
  now: Date;
  leaseMs: number;
  owner: string;
  limit: number;
  /** Jobs of these kinds that may hold a lease at once across all instances. */
  concurrency?: number | undefined;
}

/** Pending jobs of `kinds` a live worker holds now. */
function running(kinds: string[], now: Date): SQL {
  return and(inArray(outbox.kind, kinds), eq(outbox.status, 'pending'), isNotNull(outbox.claimedBy), gt(outbox.claimedUntil, now))!;
}

const CLAIM_LOCK_KEY = 7_261_006;

/**
 * Claims up to `limit` due jobs of `kinds` for `owner` in one statement: the inner select locks
 * them FOR UPDATE SKIP LOCKED (jobs another instance is claiming at this moment are skipped, not
 * waited for), the update stamps a lease and counts the attempt. Until the lease ends nobody else
 * takes the job; a worker that died lets it lapse and the job is claimed again. With a concurrency
 * limit the claim runs under a transaction-scoped advisory lock, so the limit holds across
 * instances sharing one PostgreSQL. Works the same on PGlite.
 */
export async function claim(db: DbOrTx, options: ClaimOptions): Promise<QueuedJob[]> {
  const { now, leaseMs, owner, kinds } = options;
  if (kinds.length === 0) return [];
  const take = async (tx: DbOrTx, limit: number): Promise<QueuedJob[]> => {
    if (limit <= 0) return [];
    const ids = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(inArray(outbox.kind, kinds), eq(outbox.status, 'pending'), lte(outbox.dueAt, now), or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now))))
      .orderBy(asc(outbox.dueAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(outbox)
      .set({ claimedUntil: new Date(now.getTime() + leaseMs), claimedBy: owner, attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, ids))
      .returning();
    // RETURNING comes in no particular order; workers that go one by one need the queue's.
    return rows.sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || x.id - y.id);
  };
  if (options.concurrency === undefined) return take(db, options.limit);
  const concurrency = options.concurrency;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY}, hashtext(${kinds.join(',')}))`);
    const [busy] = await tx.select({ n: sql<number>`count(*)::int` }).from(outbox).where(running(kinds, now));
    return take(tx, Math.min(options.limit, concurrency - Number(busy?.n ?? 0)));
  });
}

/** The job, only while `owner` still holds it. */
function mine(job: QueuedJob, owner: string): SQL {
  return and(eq(outbox.id, job.id), eq(outbox.claimedBy, owner), eq(outbox.status, 'pending'))!;
}

export type Finished = 'sent' | 'skipped' | 'failed';

/**
 * Closes a job — only if `owner` still holds its lease — and inserts its follow-up jobs in the same
 * transaction. False when the lease was lost (another worker may have the job now).
 */
export async function finish(db: DbOrTx, job: QueuedJob, owner: string, result: { status: Finished; outcome?: string | undefined; children?: NewJob[] | undefined }, now: Date): Promise<boolean> {
  const close = async (tx: DbOrTx) =>
    (
      await tx
        .update(outbox)
        .set({ status: result.status, outcome: result.outcome?.slice(0, 500) ?? null, processedAt: now, claimedUntil: null })
        .where(mine(job, owner))
        .returning({ id: outbox.id })
    ).length > 0;
  // Without follow-up jobs the close is one statement: no transaction needed around it.
  if (!result.children?.length) return close(db);
  const children = result.children;
  return db.transaction(async (tx) => {
    if (!(await close(tx))) return false;
    await tx.insert(outbox).values(children).onConflictDoNothing();
    return true;
  });
}

/** Gives up on a job for good, with the reason kept in `outcome`. */
export async function giveUp(db: DbOrTx, job: QueuedJob, owner: string, reason: string, now: Date): Promise<boolean> {
  return finish(db, job, owner, { status: 'failed', outcome: reason }, now);
}

/**
 * A failed attempt: the job waits out the kind's backoff (kept as "not before" in `claimed_until`),
 * or gives up when that was its last attempt. Returns which it was.
 */
export async function retry(db: DbOrTx, job: QueuedJob, owner: string, policy: RetryPolicy, reason: string, now: Date): Promise<'retry' | 'failed'> {
  if (isLastAttempt(policy, job.attempts)) {
    await giveUp(db, job, owner, reason, now);
    return 'failed';
  }
  await db
    .update(outbox)
    .set({ claimedUntil: new Date(now.getTime() + backoffMs(policy, job.attempts)), claimedBy: null, outcome: reason.slice(0, 500) })
    .where(mine(job, owner));
  return 'retry';
}

/** Puts a job back to run again no sooner than `at`, without counting this attempt (it was not the job's fault). */
export async function postpone(db: DbOrTx, job: QueuedJob, owner: string, at: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ claimedUntil: at, claimedBy: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(mine(job, owner));
}

/** Gives held jobs back untouched at shutdown (the attempt is not counted): anyone may take them now. */
export async function release(db: DbOrTx, jobs: QueuedJob[], owner: string): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .update(outbox)
    .set({ claimedUntil: null, claimedBy: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(and(inArray(outbox.id, jobs.map((j) => j.id)), eq(outbox.claimedBy, owner), eq(outbox.status, 'pending')));
}

/**
 * Records that a step of a job is done (e.g. the notice went out, with its message id) before the
 * next step can fail, so a retry carries on after it instead of repeating it. The job in memory is
 * updated too.
 */
export async function recordStep(db: DbOrTx, job: QueuedJob, step: Record<string, unknown>): Promise<void> {
  const payload = { ...job.payload, ...step };
  await db.update(outbox).set({ payload }).where(eq(outbox.id, job.id));
  job.payload = payload;
}

/** Jobs of `kinds` that some worker holds right now. */
export async function countRunning(db: DbOrTx, kinds: string[], now: Date, ref?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(running(kinds, now), ref !== undefined ? eq(outbox.ref, ref) : undefined));
  return Number(row?.n ?? 0);
}

/**
 * The jobs of `jobs` that a later job of the same kind, chat and subject, also due, supersedes — in
 * one statement for a whole claimed batch (each job used to ask on its own).
 */
export async function laterJobsDue(db: DbOrTx, jobs: QueuedJob[], now: Date): Promise<Set<number>> {
  if (jobs.length === 0) return new Set();
  const list = sql.join(
    jobs.map((j) => sql`(${j.id}::bigint, ${j.ref}::text, ${j.kind}::text, ${j.chatId}::bigint, ${j.dueAt.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const result = await db.execute(sql`select j.id from (values ${list}) as j(id, ref, kind, chat_id, due_at)
    where exists (select 1 from outbox o
      where o.ref = j.ref and o.kind = j.kind
        -- Never the job itself: a due time with microseconds would otherwise "supersede" itself.
        and o.id <> j.id
        and (o.chat_id = j.chat_id or (o.chat_id is null and j.chat_id is null))
        -- Pending or already sent: jobs of one round may be handled in any order.
        and o.status in ('pending', 'sent')
        and o.due_at <= ${now.toISOString()}::timestamptz and o.due_at > j.due_at)`);
  return new Set(rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)));
}

/** True when a later job of the same kind for the same chat and subject is also due (it supersedes this one). */
export async function laterJobDue(db: DbOrTx, job: QueuedJob, now: Date): Promise<boolean> {
  return (await laterJobsDue(db, [job], now)).has(job.id);
}

/**
 * Closes many jobs in one statement (no children: those need `finish` and its transaction), each
 * only if `owner` still holds it. Returns the ids closed; the others had lost their lease.
 */
export async function finishMany(db: DbOrTx, jobs: { job: QueuedJob; status: Finished; outcome?: string | undefined }[], owner: string, now: Date): Promise<Set<number>> {
  if (jobs.length === 0) return new Set();
  const list = sql.join(
    jobs.map(({ job, status, outcome }) => sql`(${job.id}::bigint, ${status}::text, ${outcome?.slice(0, 500) ?? null}::text)`),
    sql`, `,
  );
  const result = await db.execute(sql`update outbox set status = v.status, outcome = v.outcome, processed_at = ${now.toISOString()}::timestamptz, claimed_until = null
    from (values ${list}) as v(id, status, outcome)
    where outbox.id = v.id and outbox.claimed_by = ${owner} and outbox.status = 'pending'
    returning outbox.id`);
  return new Set(rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)));
}

/**
 * Deletes one batch of finished jobs past their kind's retention (`keepDays` per kind, else
 * `defaultDays`); the cut-off is on when the job finished and when it was due. Pending jobs are
 * never touched, whatever their age.
 */
export async function prune(db: DbOrTx, now: Date, retention: { defaultDays: number; kinds: Record<string, number> }, batch: number): Promise<number> {
  const days = Object.entries(retention.kinds).reduce<SQL>(
    (acc, [kind, d]) => sql`${acc} when ${kind}::text then ${d}::int`,
    sql``,
  );
  const keep = Object.keys(retention.kinds).length ? sql`(case kind ${days} else ${retention.defaultDays}::int end)` : sql`${retention.defaultDays}::int`;
  const cutoff = sql`${now.toISOString()}::timestamptz - ${keep} * interval '1 day'`;
  const result = await db.execute(sql`with d as (delete from outbox where id in (
      select id from outbox where status in ('sent', 'skipped', 'cancelled', 'failed') and processed_at is not null
        and processed_at < ${cutoff} and due_at < ${cutoff}
      order by id limit ${batch}) returning 1) select count(*)::int as n from d`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** Lifts a grace period: the subject's waiting jobs may be claimed now. */
export async function wake(db: DbOrTx, ref: string): Promise<void> {
  await db
    .update(outbox)
    .set({ claimedUntil: null })
    .where(and(eq(outbox.ref, ref), eq(outbox.status, 'pending'), isNull(outbox.claimedBy)));
}

/** Deletes a subject's jobs that never started, when their cause is withdrawn before anyone took them. */
export async function dropPending(db: DbOrTx, ref: string): Promise<void> {
  await db.delete(outbox).where(and(eq(outbox.ref, ref), eq(outbox.status, 'pending'), eq(outbox.attempts, 0)));
}

/** Jobs of `kind` ahead of the subject's: every one running, and those waiting that were queued before it. */
export async function countAhead(db: DbOrTx, kind: string, ref: string, now: Date): Promise<number> {
  const [own] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.ref, ref), eq(outbox.kind, kind), eq(outbox.status, 'pending'))).limit(1);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(
      and(
        eq(outbox.kind, kind),
        eq(outbox.status, 'pending'),
        own ? sql`${outbox.id} <> ${own.id}` : undefined,
        or(running([kind], now), own ? lt(outbox.id, own.id) : undefined),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Enqueues a job unless its dedupe key was ever used (a cancelled one stays cancelled). True when it was new. */
export async function enqueueOnce(db: DbOrTx, job: NewJob): Promise<boolean> {
  const rows = await db.insert(outbox).values(job).onConflictDoNothing().returning({ id: outbox.id });
  return rows.length > 0;
}

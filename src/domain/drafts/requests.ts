import { and, asc, count, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { draftRequests, drafts, members, type DraftRequest, type Language } from '../../db/schema/index.js';

/**
 * The drafts queue. Handlers add a row and answer at once; the drafts job claims rows. Claims
 * run under a transaction-scoped advisory lock so the global concurrency limit holds across
 * bot instances sharing one PostgreSQL, and rows are taken FOR UPDATE SKIP LOCKED with a lease.
 */

const HOUR_MS = 3_600_000;
const CLAIM_LOCK_KEY = 7_261_006;
/** A row the handler has not finished setting up (progress message) is not claimed before this. */
export const SETUP_GRACE_MS = 30_000;

export type NewRequest =
  | { ok: true; request: DraftRequest }
  | { ok: false; reason: 'quota'; retryAt: Date }
  | { ok: false; reason: 'pending'; delivering?: { version: number } };

export interface BuildRequestInput {
  memberId: number;
  ideaId: number;
  chatId: number;
  language: Language;
  layoutId: string;
  now: Date;
  quotaPerHour: number;
}

/** Checks the member's hourly quota and pending drafts, then queues a build, in one transaction. */
export async function requestBuild(db: DbOrTx, input: BuildRequestInput): Promise<NewRequest> {
  return db.transaction(async (tx) => {
    // One member's requests are decided one at a time (a button in a group and /draf in private can race).
    await tx.select({ id: members.id }).from(members).where(eq(members.id, input.memberId)).for('update');
    const [pending] = await tx
      .select({ id: draftRequests.id, version: drafts.version })
      .from(draftRequests)
      .leftJoin(drafts, eq(drafts.id, draftRequests.draftId))
      .where(
        and(
          eq(draftRequests.memberId, input.memberId),
          eq(draftRequests.ideaId, input.ideaId),
          eq(draftRequests.kind, 'build'),
          inArray(draftRequests.status, ['queued', 'running']),
        ),
      )
      .limit(1);
    // A stored draft means its sections are being delivered, not written any more.
    if (pending) return { ok: false, reason: 'pending', ...(pending.version !== null ? { delivering: { version: pending.version } } : {}) } as const;
    const windowStart = new Date(input.now.getTime() - HOUR_MS);
    const recent = await tx
      .select({ at: draftRequests.requestedAt })
      .from(draftRequests)
      .where(
        and(
          eq(draftRequests.memberId, input.memberId),
          eq(draftRequests.kind, 'build'),
          ne(draftRequests.status, 'failed'),
          gt(draftRequests.requestedAt, windowStart),
        ),
      )
      .orderBy(asc(draftRequests.requestedAt));
    if (recent.length >= input.quotaPerHour) {
      const oldest = recent[recent.length - input.quotaPerHour]!.at;
      return { ok: false, reason: 'quota', retryAt: new Date(oldest.getTime() + HOUR_MS) } as const;
    }
    const [request] = await tx
      .insert(draftRequests)
      .values({
        kind: 'build',
        ideaId: input.ideaId,
        memberId: input.memberId,
        chatId: input.chatId,
        language: input.language,
        layoutId: input.layoutId,
        requestedAt: input.now,
        claimedUntil: new Date(input.now.getTime() + SETUP_GRACE_MS),
      })
      .returning();
    return { ok: true, request: request! } as const;
  });
}

export async function requestResend(
  db: DbOrTx,
  input: { memberId: number; ideaId: number; draftId: number; chatId: number; language: Language; layoutId: string; now: Date },
): Promise<DraftRequest> {
  const [request] = await db
    .insert(draftRequests)
    .values({
      kind: 'resend',
      ideaId: input.ideaId,
      memberId: input.memberId,
      chatId: input.chatId,
      language: input.language,
      layoutId: input.layoutId,
      draftId: input.draftId,
      requestedAt: input.now,
      claimedUntil: new Date(input.now.getTime() + SETUP_GRACE_MS),
    })
    .returning();
  return request!;
}

/** The handler's progress message is known: the row may be claimed now. */
export async function attachProgressMessage(db: DbOrTx, requestId: number, messageId: number): Promise<void> {
  await db
    .update(draftRequests)
    .set({ progressMessageId: messageId, claimedUntil: null })
    .where(and(eq(draftRequests.id, requestId), eq(draftRequests.status, 'queued')));
}

/** The handler could not reach the member: the request is dropped (it never counted). */
export async function cancelRequest(db: DbOrTx, requestId: number): Promise<void> {
  await db.delete(draftRequests).where(and(eq(draftRequests.id, requestId), eq(draftRequests.status, 'queued')));
}

/**
 * 0 when a worker slot is free for this build, else its place in the queue (1 = next).
 */
export async function queuePosition(db: DbOrTx, request: DraftRequest, concurrency: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(draftRequests)
    .where(
      and(
        eq(draftRequests.kind, 'build'),
        ne(draftRequests.id, request.id),
        or(
          and(eq(draftRequests.status, 'running'), gt(draftRequests.claimedUntil, now)),
          and(eq(draftRequests.status, 'queued'), lt(draftRequests.id, request.id)),
        ),
      ),
    );
  const ahead = Number(row?.n ?? 0);
  return ahead < concurrency ? 0 : ahead - concurrency + 1;
}

const claimable = (now: Date) =>
  or(
    and(eq(draftRequests.status, 'queued'), or(isNull(draftRequests.claimedUntil), lte(draftRequests.claimedUntil, now))),
    // A worker that died (crash, lost instance) left its lease to run out.
    and(eq(draftRequests.status, 'running'), lte(draftRequests.claimedUntil, now)),
  );

/**
 * Claims due requests: builds up to the free share of `concurrency`, resends (cheap, no model)
 * up to `resendLimit`. Returns the claimed rows with their attempt counted.
 */
export async function claimRequests(
  db: DbOrTx,
  opts: { now: Date; concurrency: number; leaseMs: number; resendLimit?: number },
): Promise<DraftRequest[]> {
  const { now } = opts;
  const until = new Date(now.getTime() + opts.leaseMs);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    const [busy] = await tx
      .select({ n: count() })
      .from(draftRequests)
      .where(and(eq(draftRequests.kind, 'build'), eq(draftRequests.status, 'running'), gt(draftRequests.claimedUntil, now)));
    const slots = Math.max(0, opts.concurrency - Number(busy?.n ?? 0));
    const pick = (kind: 'build' | 'resend', limit: number) =>
      limit <= 0
        ? Promise.resolve([] as { id: number }[])
        : tx
            .select({ id: draftRequests.id })
            .from(draftRequests)
            .where(and(eq(draftRequests.kind, kind), claimable(now)))
            .orderBy(asc(draftRequests.id))
            .limit(limit)
            .for('update', { skipLocked: true });
    const ids = [...(await pick('build', slots)), ...(await pick('resend', opts.resendLimit ?? 5))].map((r) => r.id);
    if (ids.length === 0) return [];
    return tx
      .update(draftRequests)
      .set({
        status: 'running',
        claimedUntil: until,
        attempts: sql`${draftRequests.attempts} + 1`,
        startedAt: sql`coalesce(${draftRequests.startedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(inArray(draftRequests.id, ids))
      .returning();
  });
}

export async function finishRequest(db: DbOrTx, requestId: number, status: 'done' | 'failed', now: Date, error?: string): Promise<void> {
  await db
    .update(draftRequests)
    .set({ status, finishedAt: now, claimedUntil: null, error: error?.slice(0, 500) ?? null })
    .where(eq(draftRequests.id, requestId));
}

/** Gives a claimed row back (shutdown, or a transient error: then not before `notBefore`). */
export async function releaseRequest(db: DbOrTx, requestId: number, notBefore?: Date, error?: string): Promise<void> {
  await db
    .update(draftRequests)
    .set({
      status: 'queued',
      claimedUntil: notBefore ?? null,
      ...(error ? { error: error.slice(0, 500) } : {}),
      // A shutdown is not the row's fault: it does not use up an attempt.
      ...(notBefore ? {} : { attempts: sql`greatest(${draftRequests.attempts} - 1, 0)` }),
    })
    .where(eq(draftRequests.id, requestId));
}

export async function findRequest(db: DbOrTx, requestId: number): Promise<DraftRequest | undefined> {
  const [row] = await db.select().from(draftRequests).where(eq(draftRequests.id, requestId));
  return row;
}

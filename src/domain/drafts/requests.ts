import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { draftRequests, drafts, members, type DraftRequest, type DraftRequestKind, type Language } from '../../db/schema/index.js';
import type { KindPolicy } from '../jobs/policy.js';
import { countAhead, dropPending, enqueue, wake } from '../jobs/queue.js';

/**
 * Draft requests. Handlers add a request (the record the member's status and the result hang on)
 * and a job of the one queue in the same transaction, and answer at once; the drafts worker claims
 * the job. Builds run at most `DRAFT_CONCURRENCY` at a time across every instance: a property of
 * the build kind, which the queue's claim enforces.
 */

const HOUR_MS = 3_600_000;
/** A job the handler has not finished setting up (progress message) is not claimed before this. */
export const SETUP_GRACE_MS = 30_000;

export const DRAFT_KIND: Record<DraftRequestKind, string> = { build: 'draft.build', resend: 'draft.resend' };
/** A request that keeps failing (not the model: the model falls back) waits 30 s, then 60 s, and is given up after three tries. */
export const DRAFT_RETRY = { baseMs: 30_000, factor: 2, maxAttempts: 3 };
/** Builds call the model: at most `concurrency` at once. Resends only send what is stored. */
export function draftPolicies(concurrency: number): { build: KindPolicy; resend: KindPolicy } {
  return { build: { retry: DRAFT_RETRY, concurrency }, resend: { retry: DRAFT_RETRY } };
}

export const draftRef = (requestId: number) => `draft_request:${requestId}`;

function draftJob(request: DraftRequest, now: Date) {
  return {
    kind: DRAFT_KIND[request.kind],
    ref: draftRef(request.id),
    dedupeKey: draftRef(request.id),
    chatId: request.chatId,
    dueAt: now,
    claimedUntil: new Date(now.getTime() + SETUP_GRACE_MS),
    payload: { requestId: request.id },
  };
}

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
      })
      .returning();
    await enqueue(tx, [draftJob(request!, input.now)]);
    return { ok: true, request: request! } as const;
  });
}

export async function requestResend(
  db: DbOrTx,
  input: { memberId: number; ideaId: number; draftId: number; chatId: number; language: Language; layoutId: string; now: Date },
): Promise<DraftRequest> {
  return db.transaction(async (tx) => {
    const [request] = await tx
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
      })
      .returning();
    await enqueue(tx, [draftJob(request!, input.now)]);
    return request!;
  });
}

/** The handler's progress message is known: the job may be claimed now. */
export async function attachProgressMessage(db: DbOrTx, requestId: number, messageId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(draftRequests)
      .set({ progressMessageId: messageId })
      .where(and(eq(draftRequests.id, requestId), eq(draftRequests.status, 'queued')));
    await wake(tx, draftRef(requestId));
  });
}

/** The handler could not reach the member: the request and its job are dropped (it never counted). */
export async function cancelRequest(db: DbOrTx, requestId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx.delete(draftRequests).where(and(eq(draftRequests.id, requestId), eq(draftRequests.status, 'queued'))).returning({ id: draftRequests.id });
    if (gone.length) await dropPending(tx, draftRef(requestId));
  });
}

/**
 * 0 when a worker slot is free for this build, else its place in the queue (1 = next).
 */
export async function queuePosition(db: DbOrTx, request: DraftRequest, concurrency: number, now: Date): Promise<number> {
  const ahead = await countAhead(db, DRAFT_KIND.build, draftRef(request.id), now);
  return ahead < concurrency ? 0 : ahead - concurrency + 1;
}

/** A worker took the request's job: the record says it is running (since its first start). */
export async function startRequest(db: DbOrTx, requestId: number, now: Date): Promise<DraftRequest | undefined> {
  const [row] = await db
    .update(draftRequests)
    .set({ status: 'running', startedAt: sql`coalesce(${draftRequests.startedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(draftRequests.id, requestId), inArray(draftRequests.status, ['queued', 'running'])))
    .returning();
  return row;
}

export async function finishRequest(db: DbOrTx, requestId: number, status: 'done' | 'failed', now: Date, error?: string): Promise<void> {
  await db
    .update(draftRequests)
    .set({ status, finishedAt: now, error: error?.slice(0, 500) ?? null })
    .where(eq(draftRequests.id, requestId));
}

/** The request waits again (shutdown, or a transient error whose retry the queue schedules). */
export async function requeueRequest(db: DbOrTx, requestId: number, error?: string): Promise<void> {
  await db
    .update(draftRequests)
    .set({ status: 'queued', ...(error ? { error: error.slice(0, 500) } : {}) })
    .where(eq(draftRequests.id, requestId));
}

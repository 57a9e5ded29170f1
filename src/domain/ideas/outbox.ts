import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { ideaOutbox, type IdeaOutboxRow } from '../../db/schema/index.js';

export const OUTBOX_LEASE_MS = 60_000;
export const OUTBOX_MAX_ATTEMPTS = 5;

/**
 * Claims due rows for this instance: one statement picks them with FOR UPDATE SKIP LOCKED and
 * leases them, so two bot instances on one PostgreSQL never send the same notice.
 */
export async function claimOutbox(db: Db, now: Date, limit = 10): Promise<IdeaOutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: ideaOutbox.id })
      .from(ideaOutbox)
      .where(
        and(
          isNull(ideaOutbox.doneAt),
          isNull(ideaOutbox.failedAt),
          or(isNull(ideaOutbox.claimedUntil), lt(ideaOutbox.claimedUntil, now)),
        ),
      )
      .orderBy(ideaOutbox.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(ideaOutbox)
      .set({ claimedUntil: new Date(now.getTime() + OUTBOX_LEASE_MS), attempts: sql`${ideaOutbox.attempts} + 1` })
      .where(inArray(ideaOutbox.id, due.map((d) => d.id)))
      .returning();
  });
}

export async function markOutboxDone(db: DbOrTx, id: number, at: Date): Promise<void> {
  await db.update(ideaOutbox).set({ doneAt: at, claimedUntil: null }).where(eq(ideaOutbox.id, id));
}

export async function markOutboxFailed(db: DbOrTx, id: number, at: Date, error: string): Promise<void> {
  await db.update(ideaOutbox).set({ failedAt: at, claimedUntil: null, error: error.slice(0, 500) }).where(eq(ideaOutbox.id, id));
}

/** A transient failure: try again after `retryAt` (the lease simply moves). */
export async function retryOutboxLater(db: DbOrTx, id: number, retryAt: Date, error: string): Promise<void> {
  await db.update(ideaOutbox).set({ claimedUntil: retryAt, error: error.slice(0, 500) }).where(eq(ideaOutbox.id, id));
}

/** Gives claimed rows back untouched (the claim is not counted as an attempt): anyone may take them now. */
export async function releaseOutbox(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(ideaOutbox)
    .set({ claimedUntil: null, attempts: sql`greatest(${ideaOutbox.attempts} - 1, 0)` })
    .where(and(inArray(ideaOutbox.id, ids), isNull(ideaOutbox.doneAt), isNull(ideaOutbox.failedAt)));
}

/** Sent and given-up rows are kept a while for inspection, then dropped. */
export async function pruneOutbox(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(ideaOutbox).where(or(lt(ideaOutbox.doneAt, before), lt(ideaOutbox.failedAt, before)));
}

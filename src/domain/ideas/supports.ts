import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { ideas, ideaSupports } from '../../db/schema/index.js';

export type SupportResult =
  | { ok: true; supported: boolean; count: number }
  | { ok: false; reason: 'not_found' | 'own_idea' };

/**
 * 👍 as a toggle, one per member: the idea row is locked so the counter on it always equals
 * the number of support rows, whatever order presses arrive in.
 */
export async function toggleSupport(db: Db, ideaId: number, memberId: number, at: Date): Promise<SupportResult> {
  return db.transaction((tx) => toggleSupportIn(tx, ideaId, memberId, at));
}

/** Whether a member supports an idea (the 👍 state shown on their own card). */
export async function hasSupported(db: DbOrTx, ideaId: number, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ ideaId: ideaSupports.ideaId })
    .from(ideaSupports)
    .where(and(eq(ideaSupports.ideaId, ideaId), eq(ideaSupports.memberId, memberId)));
  return row !== undefined;
}

/**
 * Sets a member's support to `want`, idempotently: pressing 👍 only ever adds, and withdrawing
 * is its own, confirmed step (a press on an old card must not silently take support back).
 * `changed` is false when it already was so.
 */
export async function setSupportIn(tx: Tx, ideaId: number, memberId: number, at: Date, want: boolean): Promise<(SupportResult & { changed: boolean }) | Extract<SupportResult, { ok: false }>> {
  const [idea] = await tx.select({ ownerId: ideas.ownerId, deletedAt: ideas.deletedAt, count: ideas.supportCount }).from(ideas).where(eq(ideas.id, ideaId)).for('update');
  if (!idea || idea.deletedAt) return { ok: false, reason: 'not_found' } as const;
  if (idea.ownerId === memberId) return { ok: false, reason: 'own_idea' } as const;
  const changed = want
    ? (await tx.insert(ideaSupports).values({ ideaId, memberId, createdAt: at }).onConflictDoNothing().returning({ ideaId: ideaSupports.ideaId })).length > 0
    : (await tx.delete(ideaSupports).where(and(eq(ideaSupports.ideaId, ideaId), eq(ideaSupports.memberId, memberId))).returning({ ideaId: ideaSupports.ideaId })).length > 0;
  if (!changed) return { ok: true, supported: want, count: idea.count, changed: false } as const;
  const [row] = await tx
    .update(ideas)
    .set({ supportCount: sql`${ideas.supportCount} + ${want ? 1 : -1}` })
    .where(eq(ideas.id, ideaId))
    .returning({ count: ideas.supportCount });
  return { ok: true, supported: want, count: row!.count, changed: true } as const;
}

/** toggleSupport inside the caller's transaction (e.g. with the update's once-marker). */
export async function toggleSupportIn(tx: Tx, ideaId: number, memberId: number, at: Date): Promise<SupportResult> {
  const [idea] = await tx
    .select({ ownerId: ideas.ownerId, deletedAt: ideas.deletedAt })
    .from(ideas)
    .where(eq(ideas.id, ideaId))
    .for('update');
  if (!idea || idea.deletedAt) return { ok: false, reason: 'not_found' } as const;
  // Supporting one's own idea would only inflate the count leadership reads.
  if (idea.ownerId === memberId) return { ok: false, reason: 'own_idea' } as const;
  const removed = await tx
    .delete(ideaSupports)
    .where(and(eq(ideaSupports.ideaId, ideaId), eq(ideaSupports.memberId, memberId)))
    .returning({ ideaId: ideaSupports.ideaId });
  if (removed.length === 0) await tx.insert(ideaSupports).values({ ideaId, memberId, createdAt: at });
  const delta = removed.length === 0 ? 1 : -1;
  const [row] = await tx
    .update(ideas)
    .set({ supportCount: sql`${ideas.supportCount} + ${delta}` })
    .where(eq(ideas.id, ideaId))
    .returning({ count: ideas.supportCount });
  return { ok: true, supported: delta === 1, count: row!.count } as const;
}

import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
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

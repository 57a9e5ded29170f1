import { rowsOf } from '../../db/client.js';
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


export interface SupportPress {
  updateId: number;
  /** The update-effects scope that makes the press count once (src/domain/update-effects.ts). */
  scope: string;
  ideaId: number;
  memberId: number;
  at: Date;
}

/**
 * A 👍 press as ONE statement (it only adds: withdrawing is its own confirmed step, `setSupportIn`):
 * the update's once-marker (update_effects), the idea row locked, the support row inserted unless it
 * is there, the counter moved by exactly the rows inserted, and the new count returned — no
 * transaction round trips. Concurrent presses queue on the idea row's lock; an insert that meets a
 * concurrent one changes nothing, so the counter equals the number of support rows whatever the
 * interleaving. A re-run of the same update (marker already there) changes nothing and reports the
 * current state as the first run's outcome.
 */
export async function pressSupport(db: Db, press: SupportPress): Promise<(SupportResult & { changed: boolean; replayed: boolean }) | (Extract<SupportResult, { ok: false }> & { replayed: boolean })> {
  const { updateId, scope, ideaId, memberId } = press;
  const result = await db.execute(sql`
    with claim as (
      insert into update_effects (update_id, scope) values (${updateId}, ${scope})
      on conflict do nothing returning 1 as one
    ),
    target as (
      select i.id from ideas i
      where i.id = ${ideaId} and i.deleted_at is null and i.owner_id <> ${memberId} and exists (select 1 from claim)
      for update of i
    ),
    added as (
      insert into idea_supports (idea_id, member_id, created_at)
      select t.id, ${memberId}::int, ${press.at.toISOString()}::timestamptz from target t
      on conflict do nothing
      returning idea_id
    ),
    counted as (
      update ideas i set support_count = i.support_count + (select count(*) from added)::int
      from target t where i.id = t.id
      returning i.support_count
    )
    select
      (select count(*) from claim)::int as claimed,
      i.owner_id as owner_id,
      (i.id is null or i.deleted_at is not null) as gone,
      (select count(*) from added)::int as added,
      coalesce((select c.support_count from counted c), i.support_count) as count,
      exists (select 1 from idea_supports s where s.idea_id = ${ideaId} and s.member_id = ${memberId}) as supports_now
    from (select 1) as one left join ideas i on i.id = ${ideaId}`);
  const [row] = rowsOf<{ claimed: number; owner_id: number | null; gone: boolean; added: number; count: number | null; supports_now: boolean }>(result);
  const replayed = !row || Number(row.claimed) === 0;
  if (!row || row.gone) return { ok: false, reason: 'not_found', replayed };
  if (Number(row.owner_id) === memberId) return { ok: false, reason: 'own_idea', replayed };
  const count = Number(row.count ?? 0);
  // A re-run: the first run's change stands; it is reported as that run would have been.
  if (replayed) return { ok: true, supported: Boolean(row.supports_now), count, changed: Boolean(row.supports_now), replayed };
  return { ok: true, supported: true, count, changed: Number(row.added) > 0, replayed };
}

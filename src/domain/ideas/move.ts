import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ideas, ideaStageEvents, type Idea, type Member, type Stage } from '../../db/schema/index.js';
import { checkMove, type MoveRefusal } from './stages.js';

export type MoveResult =
  | { ok: true; idea: Idea; from: Stage }
  | { ok: false; reason: MoveRefusal | 'not_found' | 'changed' };

/**
 * Moves an idea to another stage: the check, the new stage, the competition dates and the
 * history row happen in one transaction, against the row as it is now (locked), so two
 * coordinators pressing at once cannot both move it.
 */
export async function moveIdeaStage(
  db: Db,
  params: { ideaId: number; to: Stage; actor: Pick<Member, 'id' | 'role'>; note?: string | undefined; today: string },
): Promise<MoveResult> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(ideas).where(eq(ideas.id, params.ideaId)).for('update');
    if (!idea || idea.deletedAt) return { ok: false, reason: 'not_found' } as const;
    const check = checkMove({ actor: params.actor, idea, to: params.to, note: params.note });
    if (!check.ok) return check;
    const note = params.note?.trim() || null;
    const [moved] = await tx
      .update(ideas)
      .set({
        stage: params.to,
        archivedReason: params.to === 'archived' ? note : null,
        // The first entry into trial / implementation is the date competitions ask for.
        trialStartedOn: params.to === 'trial' ? sql`coalesce(${ideas.trialStartedOn}, ${params.today}::date)` : undefined,
        implementedOn: params.to === 'implemented' ? sql`coalesce(${ideas.implementedOn}, ${params.today}::date)` : undefined,
        updatedAt: sql`now()`,
      })
      .where(eq(ideas.id, idea.id))
      .returning();
    await tx.insert(ideaStageEvents).values({ ideaId: idea.id, fromStage: idea.stage, toStage: params.to, actorId: params.actor.id, note });
    return { ok: true, idea: moved!, from: idea.stage } as const;
  });
}

import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ideas, ideaStageEvents, type Idea, type Member, type Stage } from '../../db/schema/index.js';
import { enqueue, type NewJob } from '../jobs/queue.js';
import { IDEA_KIND, stageJob } from './notices.js';
import { localDate } from '../dates/zoned.js';
import { isImplemented, stopsImplementation } from '../recap/rules.js';
import { checkMove, type MoveRefusal } from './stages.js';

export type MoveResult =
  | { ok: true; idea: Idea; from: Stage; eventId: number }
  | { ok: false; reason: MoveRefusal | 'not_found' | 'changed' };

export interface MoveParams {
  ideaId: number;
  to: Stage;
  actor: Pick<Member, 'id' | 'role'>;
  note?: string | undefined;
  /** The domain clock's now: the history row's time and, in `timeZone`, the trial/implementation date. */
  at: Date;
  timeZone: string;
  /** A button carries the stage it was drawn for; if the idea has moved since, nothing happens. */
  expectedFrom?: Stage | undefined;
}

/**
 * Moves an idea to another stage: the check, the new stage, the competition dates, the history
 * row and the notices to send (owner, forum topic) happen in one transaction, against the row as
 * it is now (locked), so two coordinators pressing at once cannot both move it.
 */
export async function moveIdeaStage(db: Db, params: MoveParams): Promise<MoveResult> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(ideas).where(eq(ideas.id, params.ideaId)).for('update');
    if (!idea || idea.deletedAt) return { ok: false, reason: 'not_found' } as const;
    if (params.expectedFrom && idea.stage !== params.expectedFrom) return { ok: false, reason: 'changed' } as const;
    const check = checkMove({ actor: params.actor, idea, to: params.to, note: params.note });
    if (!check.ok) return check;
    const note = params.note?.trim() || null;
    const today = localDate(params.at, params.timeZone);
    const [moved] = await tx
      .update(ideas)
      .set({
        stage: params.to,
        archivedReason: params.to === 'archived' ? note : null,
        // The first entry into trial / implementation is the date competitions ask for.
        trialStartedOn: params.to === 'trial' ? sql`coalesce(${ideas.trialStartedOn}, ${today}::date)` : undefined,
        // Implementation begins on entering Diterapkan (or Direplikasi directly); moving back to an
        // earlier stage stops it, and a later implementation begins anew (see domain/recap/rules.ts).
        implementedOn: isImplemented(params.to)
          ? sql`coalesce(${ideas.implementedOn}, ${today}::date)`
          : stopsImplementation(idea.stage, params.to)
            ? null
            : undefined,
        updatedAt: params.at,
      })
      .where(eq(ideas.id, idea.id))
      .returning();
    const [event] = await tx
      .insert(ideaStageEvents)
      .values({ ideaId: idea.id, fromStage: idea.stage, toStage: params.to, actorId: params.actor.id, note, createdAt: params.at })
      .returning({ id: ideaStageEvents.id });
    const notices: NewJob[] = [];
    if (idea.topicThreadId) notices.push(stageJob(IDEA_KIND.stageTopic, idea.id, event!.id, params.at));
    if (params.actor.id !== idea.ownerId) notices.push(stageJob(IDEA_KIND.stageOwner, idea.id, event!.id, params.at));
    await enqueue(tx, notices);
    return { ok: true, idea: moved!, from: idea.stage, eventId: event!.id } as const;
  });
}


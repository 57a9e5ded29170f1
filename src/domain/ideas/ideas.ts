import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  agencies,
  ideaForum,
  ideas,
  ideaStageEvents,
  members,
  type Idea,
  type IdeaForm,
  type Member,
  type Stage,
} from '../../db/schema/index.js';
import { hasRole } from '../permissions.js';
import { enqueue } from '../jobs/queue.js';
import { topicJob } from './notices.js';
import { freshIdeaCard, type IdeaCardData } from './card.js';

export interface NewIdea {
  name: string;
  expansion?: string | null | undefined;
  problem?: string | null | undefined;
  solution?: string | null | undefined;
  beneficiaries?: string | null | undefined;
  summary?: string | null | undefined;
  form?: IdeaForm | null | undefined;
  digital?: boolean | null | undefined;
  agencyId: number;
  ownerId: number;
}

/**
 * Saves a pitch with its first history row; when an ideas forum is set, the topic to open is
 * queued in the same transaction (the job creates it, so a Telegram failure never loses the pitch).
 * The idea, its first history row, its agency and owner and the forum are one statement, and the
 * new idea's card is drawn from what it returns: nothing else can be on a card of an idea that did
 * not exist a moment ago (no awards, coaches, notes, evidence, supports), so reading it back would
 * only ask again.
 */
export async function insertIdea(tx: Tx, input: NewIdea, at: Date): Promise<{ idea: Idea; topicQueued: boolean; card: IdeaCardData }> {
  const inserted = tx.$with('inserted').as(
    tx
      .insert(ideas)
      .values({
        name: input.name,
        expansion: input.expansion ?? null,
        problem: input.problem ?? null,
        solution: input.solution ?? null,
        beneficiaries: input.beneficiaries ?? null,
        summary: input.summary ?? null,
        form: input.form ?? null,
        digital: input.digital ?? null,
        agencyId: input.agencyId,
        ownerId: input.ownerId,
        createdAt: at,
        updatedAt: at,
      })
      .returning(),
  );
  // A data-modifying WITH runs to completion even though the main query does not read it.
  const firstEvent = tx
    .$with('first_event', { id: sql<number>`id` })
    .as(sql`insert into idea_stage_events (idea_id, from_stage, to_stage, actor_id, created_at) select id, null, 'pitched', owner_id, created_at from inserted returning id`);
  const forum = tx.$with('forum').as(tx.select({ chatId: ideaForum.chatId }).from(ideaForum));
  const [row] = await tx
    .with(inserted, firstEvent, forum)
    .select()
    .from(inserted)
    .innerJoin(agencies, eq(agencies.id, inserted.agencyId))
    .innerJoin(members, eq(members.id, inserted.ownerId))
    .leftJoin(forum, sql`true`);
  const idea = row!.inserted;
  const owner = row!.members;
  if (row!.forum) await enqueue(tx, [topicJob(idea.id, at)]);
  const card = freshIdeaCard(idea, row!.agencies, { id: owner.id, name: owner.fullName ?? owner.firstName, username: owner.username, telegramId: owner.telegramId }, at);
  return { idea, topicQueued: row!.forum !== null, card };
}

export async function findIdea(db: DbOrTx, id: number): Promise<Idea | undefined> {
  const [row] = await db.select().from(ideas).where(and(eq(ideas.id, id), isNull(ideas.deletedAt)));
  return row;
}

/** The owner edits their idea; coordinators edit any. */
export function canEditIdea(actor: Pick<Member, 'id' | 'role'> | null | undefined, idea: Pick<Idea, 'ownerId'>): boolean {
  return actor != null && (actor.id === idea.ownerId || hasRole(actor, 'coordinator'));
}

export type IdeaPatch = Partial<
  Pick<Idea, 'name' | 'expansion' | 'problem' | 'solution' | 'beneficiaries' | 'summary' | 'form' | 'digital' | 'agencyId' | 'trialStartedOn' | 'implementedOn'>
>;

export async function updateIdea(db: DbOrTx, id: number, patch: IdeaPatch, at: Date): Promise<Idea | undefined> {
  const [row] = await db
    .update(ideas)
    .set({ ...patch, updatedAt: at })
    .where(and(eq(ideas.id, id), isNull(ideas.deletedAt)))
    .returning();
  return row;
}

/** Soft delete: history, supports and awards stay in the database, the idea disappears from the bot. */
export async function deleteIdea(db: DbOrTx, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(ideas)
    .set({ deletedAt: at, updatedAt: at })
    .where(and(eq(ideas.id, id), isNull(ideas.deletedAt)))
    .returning({ id: ideas.id });
  return rows.length > 0;
}

/**
 * Undoes a soft delete. Only its owner or a coordinator may restore an idea; `not_found` also when
 * it is not deleted (already restored).
 */
export async function restoreIdea(
  db: DbOrTx,
  id: number,
  actor: Pick<Member, 'id' | 'role'>,
  at: Date,
): Promise<{ ok: true; name: string } | { ok: false; reason: 'not_found' | 'not_allowed' }> {
  const [idea] = await db.select({ ownerId: ideas.ownerId, deletedAt: ideas.deletedAt }).from(ideas).where(eq(ideas.id, id));
  if (!idea || !idea.deletedAt) return { ok: false, reason: 'not_found' };
  if (!hasRole(actor, 'coordinator') && actor.id !== idea.ownerId) return { ok: false, reason: 'not_allowed' };
  const [row] = await db
    .update(ideas)
    .set({ deletedAt: null, updatedAt: at })
    .where(and(eq(ideas.id, id), isNotNull(ideas.deletedAt)))
    .returning({ name: ideas.name });
  return row ? { ok: true, name: row.name } : { ok: false, reason: 'not_found' };
}

/** Owners may withdraw an idea nobody has built on yet; coordinators may remove any. */
export function canDeleteIdea(actor: Pick<Member, 'id' | 'role'> | null | undefined, idea: Pick<Idea, 'ownerId' | 'stage'>): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'coordinator')) return true;
  return actor.id === idea.ownerId && idea.stage === 'pitched';
}

export interface StageEventView {
  ideaId: number;
  ideaName: string;
  ownerId: number;
  from: Stage | null;
  to: Stage;
  note: string | null;
  actorName: string | null;
  topicChatId: number | null;
  topicThreadId: number | null;
}

/** A stage move with what its notices need (idea name, owner, actor, topic). */
export async function loadStageEvent(db: DbOrTx, eventId: number): Promise<StageEventView | undefined> {
  const [row] = await db
    .select({
      ideaId: ideas.id,
      ideaName: ideas.name,
      ownerId: ideas.ownerId,
      from: ideaStageEvents.fromStage,
      to: ideaStageEvents.toStage,
      note: ideaStageEvents.note,
      actorFull: members.fullName,
      actorFirst: members.firstName,
      topicChatId: ideas.topicChatId,
      topicThreadId: ideas.topicThreadId,
      deletedAt: ideas.deletedAt,
    })
    .from(ideaStageEvents)
    .innerJoin(ideas, eq(ideas.id, ideaStageEvents.ideaId))
    .leftJoin(members, eq(members.id, ideaStageEvents.actorId))
    .where(eq(ideaStageEvents.id, eventId));
  if (!row || row.deletedAt) return undefined;
  const { actorFull, actorFirst, deletedAt: _deleted, ...rest } = row;
  return { ...rest, actorName: actorFull ?? actorFirst ?? null };
}

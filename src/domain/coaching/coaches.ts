import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { agencies, coachingSchedules, ideaCoaches, ideas, members, type Idea, type Member, type Stage } from '../../db/schema/index.js';
import { hasRole, isRegistered } from '../permissions.js';
import { COACHING_REF, COACHING_KIND, coachingKeys } from './keys.js';
import { enqueue } from '../jobs/queue.js';
import { replanCoachingReminders, type CoachingReminderSettings } from './reminders.js';

/**
 * Coaches of ideas (pendamping). Coordinators assign and remove them; a coach may write coaching
 * notes on the ideas they coach. Other features ask `isCoach` / `coachIdsOf` (evidence uploads,
 * draft access).
 */

/** Member ids of the idea's current coaches, in the order they were assigned. */
export async function coachIdsOf(db: DbOrTx, ideaId: number): Promise<number[]> {
  const rows = await db
    .select({ memberId: ideaCoaches.memberId })
    .from(ideaCoaches)
    .where(and(eq(ideaCoaches.ideaId, ideaId), isNull(ideaCoaches.removedAt)))
    .orderBy(asc(ideaCoaches.id));
  return rows.map((r) => r.memberId);
}

/** True when the member currently coaches the idea. */
export async function isCoach(db: DbOrTx, ideaId: number, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: ideaCoaches.id })
    .from(ideaCoaches)
    .where(and(eq(ideaCoaches.ideaId, ideaId), eq(ideaCoaches.memberId, memberId), isNull(ideaCoaches.removedAt)))
    .limit(1);
  return row !== undefined;
}

/** Who may write a coaching note on an idea: its coaches and coordinators. */
export async function canWriteNote(db: DbOrTx, actor: Pick<Member, 'id' | 'role' | 'registeredAt'> | null | undefined, ideaId: number): Promise<boolean> {
  if (!isRegistered(actor)) return false;
  if (hasRole(actor, 'coordinator')) return true;
  return isCoach(db, ideaId, actor.id);
}

export interface CoachView {
  memberId: number;
  name: string;
  username: string | null;
  telegramId: number;
  assignedAt: Date;
  assignedByName: string | null;
}

/** The idea's current coaches with who assigned them and when. */
export async function coachesOf(db: DbOrTx, ideaId: number): Promise<CoachView[]> {
  const assigner = sql<string | null>`(select coalesce(m2.full_name, m2.first_name) from members m2 where m2.id = ${ideaCoaches.assignedBy})`;
  const rows = await db
    .select({
      memberId: ideaCoaches.memberId,
      full: members.fullName,
      first: members.firstName,
      username: members.username,
      telegramId: members.telegramId,
      assignedAt: ideaCoaches.assignedAt,
      assignedByName: assigner,
    })
    .from(ideaCoaches)
    .innerJoin(members, eq(members.id, ideaCoaches.memberId))
    .where(and(eq(ideaCoaches.ideaId, ideaId), isNull(ideaCoaches.removedAt)))
    .orderBy(asc(ideaCoaches.id));
  return rows.map((r) => ({
    memberId: r.memberId,
    name: r.full ?? r.first,
    username: r.username,
    telegramId: r.telegramId,
    assignedAt: r.assignedAt,
    assignedByName: r.assignedByName,
  }));
}

export type AssignResult =
  | { ok: true; idea: Pick<Idea, 'id' | 'name'>; coach: Member }
  | { ok: false; reason: 'not_coordinator' | 'idea_not_found' | 'archived' | 'not_registered' | 'own_idea' | 'already' | 'not_a_coach' };

interface AssignInput {
  ideaId: number;
  coach: Member;
  actor: Pick<Member, 'id' | 'role'>;
  at: Date;
  settings: CoachingReminderSettings;
}

async function liveIdea(tx: DbOrTx, ideaId: number) {
  const [idea] = await tx
    .select({ id: ideas.id, name: ideas.name, ownerId: ideas.ownerId, stage: ideas.stage })
    .from(ideas)
    .where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt)))
    .for('update');
  return idea;
}

/**
 * Makes a member a coach of an idea (coordinators only). The coach is told in private and, when a
 * coaching date is already set, gets its reminders: all in the same transaction.
 */
export async function assignCoachIn(tx: Tx, input: AssignInput): Promise<AssignResult> {
  if (!hasRole(input.actor, 'coordinator')) return { ok: false, reason: 'not_coordinator' };
  const idea = await liveIdea(tx, input.ideaId);
  if (!idea) return { ok: false, reason: 'idea_not_found' };
  if (idea.stage === 'archived') return { ok: false, reason: 'archived' };
  if (!isRegistered(input.coach)) return { ok: false, reason: 'not_registered' };
  if (input.coach.id === idea.ownerId) return { ok: false, reason: 'own_idea' };
  const inserted = await tx
    .insert(ideaCoaches)
    .values({ ideaId: idea.id, memberId: input.coach.id, assignedBy: input.actor.id, assignedAt: input.at })
    .onConflictDoNothing()
    .returning({ id: ideaCoaches.id });
  if (inserted.length === 0) return { ok: false, reason: 'already' };
  await enqueue(tx, [
    {
      kind: COACHING_KIND.notice,
      ref: COACHING_REF(idea.id),
      dedupeKey: coachingKeys.assigned(inserted[0]!.id),
      chatId: input.coach.telegramId,
      dueAt: input.at,
      payload: { type: 'assigned', ideaId: idea.id, actorId: input.actor.id },
    },
  ]);
  await replanCoachingReminders(tx, idea.id, input.settings, input.at);
  return { ok: true, idea, coach: input.coach };
}

/** Ends a coach's assignment (coordinators only); their pending reminders for the idea are cancelled. */
export async function removeCoachIn(tx: Tx, input: AssignInput): Promise<AssignResult> {
  if (!hasRole(input.actor, 'coordinator')) return { ok: false, reason: 'not_coordinator' };
  const idea = await liveIdea(tx, input.ideaId);
  if (!idea) return { ok: false, reason: 'idea_not_found' };
  const closed = await tx
    .update(ideaCoaches)
    .set({ removedAt: input.at, removedBy: input.actor.id })
    .where(and(eq(ideaCoaches.ideaId, idea.id), eq(ideaCoaches.memberId, input.coach.id), isNull(ideaCoaches.removedAt)))
    .returning({ id: ideaCoaches.id });
  if (closed.length === 0) return { ok: false, reason: 'not_a_coach' };
  await replanCoachingReminders(tx, idea.id, input.settings, input.at);
  return { ok: true, idea, coach: input.coach };
}

export interface CoachedIdea {
  id: number;
  name: string;
  stage: Stage;
  agencyShort: string;
  lastNoteAt: Date | null;
  nextAt: Date | null;
}

/** The ideas a member coaches (`/dampingan`), the one coached longest ago first. */
export async function ideasCoachedBy(db: DbOrTx, memberId: number, limit = 50): Promise<CoachedIdea[]> {
  const lastNote = sql<Date | null>`(select max(n.created_at) from coaching_notes n where n.idea_id = ${ideas.id})`.mapWith((v: unknown) =>
    v === null ? null : new Date(v as string),
  );
  const rows = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      stage: ideas.stage,
      agencyShort: agencies.shortName,
      lastNoteAt: lastNote,
      nextAt: coachingSchedules.nextAt,
    })
    .from(ideaCoaches)
    .innerJoin(ideas, eq(ideas.id, ideaCoaches.ideaId))
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .leftJoin(coachingSchedules, eq(coachingSchedules.ideaId, ideas.id))
    .where(and(eq(ideaCoaches.memberId, memberId), isNull(ideaCoaches.removedAt), isNull(ideas.deletedAt)))
    .orderBy(asc(ideas.id))
    .limit(limit);
  return rows;
}

export interface CoachingSummary {
  coaches: string[];
  lastNoteAt: Date | null;
  nextAt: Date | null;
}


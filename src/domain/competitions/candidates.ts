import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  agencies,
  candidateMoves,
  drafts,
  type Draft,
  competitionCandidates,
  competitionRounds,
  ideaAwards,
  ideas,
  members,
  outbox,
  type CompetitionCandidate,
  type CompetitionRound,
  type Competition,
} from '../../db/schema/index.js';
import { addAwardIn } from '../ideas/awards.js';
import { planCandidateDeadlines } from './deadlines.js';
import { COMP_KIND, candidateRef } from './keys.js';

export interface CandidateView {
  id: number;
  roundId: number;
  ideaId: number;
  ideaName: string;
  ownerId: number;
  ownerTelegramId: number;
  agencyId: number;
  agencyShort: string;
  step: string;
  shortlisted: boolean;
  implementedOn: string | null;
}

const viewColumns = {
  id: competitionCandidates.id,
  roundId: competitionCandidates.roundId,
  ideaId: competitionCandidates.ideaId,
  ideaName: ideas.name,
  ownerId: ideas.ownerId,
  ownerTelegramId: members.telegramId,
  agencyId: ideas.agencyId,
  agencyShort: agencies.shortName,
  step: competitionCandidates.step,
  shortlisted: competitionCandidates.shortlisted,
  implementedOn: ideas.implementedOn,
};

function viewQuery(db: DbOrTx) {
  return db
    .select(viewColumns)
    .from(competitionCandidates)
    .innerJoin(ideas, eq(ideas.id, competitionCandidates.ideaId))
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId));
}

export async function findCandidate(db: DbOrTx, id: number): Promise<CandidateView | undefined> {
  const [row] = await viewQuery(db).where(eq(competitionCandidates.id, id));
  return row;
}

export async function roundCandidates(db: DbOrTx, roundId: number): Promise<CandidateView[]> {
  return viewQuery(db).where(eq(competitionCandidates.roundId, roundId)).orderBy(asc(competitionCandidates.id));
}

export type Registration =
  | { ok: true; candidate: CompetitionCandidate; reminders: number }
  | { ok: false; reason: 'no_round' | 'no_idea' | 'already'; candidateId?: number };

/** Registers an idea in a round at its first step, and plans the owner's deadline reminders. */
export async function registerCandidate(tx: Tx, p: { roundId: number; ideaId: number; actorId: number; now: Date; timeZone: string }): Promise<Registration> {
  const [round] = await tx.select().from(competitionRounds).where(eq(competitionRounds.id, p.roundId));
  if (!round) return { ok: false, reason: 'no_round' };
  const [idea] = await tx.select({ id: ideas.id }).from(ideas).where(and(eq(ideas.id, p.ideaId), isNull(ideas.deletedAt)));
  if (!idea) return { ok: false, reason: 'no_idea' };
  const first = round.steps[0]!.key;
  const [candidate] = await tx
    .insert(competitionCandidates)
    .values({ roundId: round.id, ideaId: idea.id, step: first, registeredBy: p.actorId, createdAt: p.now, updatedAt: p.now })
    .onConflictDoNothing()
    .returning();
  if (!candidate) {
    const [existing] = await tx
      .select({ id: competitionCandidates.id })
      .from(competitionCandidates)
      .where(and(eq(competitionCandidates.roundId, round.id), eq(competitionCandidates.ideaId, idea.id)));
    return { ok: false, reason: 'already', candidateId: existing?.id };
  }
  await tx.insert(candidateMoves).values({ candidateId: candidate.id, fromStep: null, toStep: first, actorId: p.actorId, createdAt: p.now });
  const reminders = await planCandidateDeadlines(tx, round, candidate.id, p.now, p.timeZone);
  return { ok: true, candidate, reminders };
}

const awardCompetition: Record<CompetitionRound['kind'], Competition> = { KIPP: 'KIPP', JIPP: 'JIPP', IGA: 'IGA', district: 'other' };

export type CandidateMove =
  | { ok: true; from: string; to: string; award: string | null }
  | { ok: false; reason: 'no_candidate' | 'no_step' | 'same' };

/**
 * Moves a candidate to a step of its round (who and when are stored). Reaching a result step records
 * the award on the idea, once: moving there again does not add a second one.
 */
export async function moveCandidate(tx: Tx, p: { candidateId: number; to: string; actorId: number; now: Date }): Promise<CandidateMove> {
  const [row] = await tx
    .select({ candidate: competitionCandidates, round: competitionRounds })
    .from(competitionCandidates)
    .innerJoin(competitionRounds, eq(competitionRounds.id, competitionCandidates.roundId))
    .where(eq(competitionCandidates.id, p.candidateId))
    .for('update', { of: competitionCandidates });
  if (!row) return { ok: false, reason: 'no_candidate' };
  const { candidate, round } = row;
  const step = findStep(round.steps, p.to);
  if (!step) return { ok: false, reason: 'no_step' };
  if (step.key === candidate.step) return { ok: false, reason: 'same' };
  await tx.update(competitionCandidates).set({ step: step.key, updatedAt: p.now }).where(eq(competitionCandidates.id, candidate.id));
  await tx.insert(candidateMoves).values({ candidateId: candidate.id, fromStep: candidate.step, toStep: step.key, actorId: p.actorId, createdAt: p.now });
  if (step.key !== round.steps[0]!.key) {
    // Past the preparation: the deadline reminders have nothing left to ask for.
    await tx
      .update(outbox)
      .set({ status: 'cancelled', outcome: 'moved_on', processedAt: p.now })
      .where(and(eq(outbox.ref, candidateRef(candidate.id)), eq(outbox.kind, COMP_KIND.deadline), eq(outbox.status, 'pending')));
  }
  let award: string | null = null;
  if (step.award) {
    const result = `${step.label.id} ${round.name}`;
    const competition = awardCompetition[round.kind];
    const [existing] = await tx
      .select({ id: ideaAwards.id })
      .from(ideaAwards)
      .where(and(eq(ideaAwards.ideaId, candidate.ideaId), eq(ideaAwards.year, round.year), eq(ideaAwards.competition, competition), sql`lower(${ideaAwards.result}) = lower(${result})`));
    if (!existing) await addAwardIn(tx, candidate.ideaId, { level: round.level, competition, year: round.year, result }, p.actorId, p.now);
    award = result;
  }
  return { ok: true, from: candidate.step, to: step.key, award };
}

/** The idea's newest proposal draft, if any (what an assessor scores and a reminder checks). */
export async function latestDraft(db: DbOrTx, ideaId: number): Promise<Draft | undefined> {
  const [row] = await db.select().from(drafts).where(eq(drafts.ideaId, ideaId)).orderBy(desc(drafts.version)).limit(1);
  return row;
}

/**
 * An owner asks for their idea to enter a round: one row per coordinator (a message with a button to
 * approve), written in one transaction. False when the idea is already a candidate there.
 */
export async function requestCandidacy(tx: Tx, p: { roundId: number; ideaId: number; requesterId: number; now: Date }): Promise<{ ok: boolean; coordinators: number }> {
  const [existing] = await tx
    .select({ id: competitionCandidates.id })
    .from(competitionCandidates)
    .where(and(eq(competitionCandidates.roundId, p.roundId), eq(competitionCandidates.ideaId, p.ideaId)));
  if (existing) return { ok: false, coordinators: 0 };
  const coordinators = await tx
    .select({ telegramId: members.telegramId })
    .from(members)
    .where(and(inArray(members.role, ['coordinator', 'admin']), isNotNull(members.registeredAt), eq(members.reachable, true)));
  if (coordinators.length) {
    await tx
      .insert(outbox)
      .values(
        coordinators.map((c) => ({
          kind: COMP_KIND.request,
          ref: `round:${p.roundId}:idea:${p.ideaId}`,
          dedupeKey: `comp.request:r${p.roundId}:i${p.ideaId}:${c.telegramId}:${p.now.getTime()}`,
          chatId: c.telegramId,
          dueAt: p.now,
          payload: { roundId: p.roundId, ideaId: p.ideaId, requesterId: p.requesterId },
        })),
      )
      .onConflictDoNothing();
  }
  return { ok: true, coordinators: coordinators.length };
}

/** Tells the owner their idea was registered after their request (an outbox row in the same transaction). */
export async function planApprovedNotice(tx: Tx, p: { candidateId: number; ownerTelegramId: number; now: Date }): Promise<void> {
  await tx
    .insert(outbox)
    .values({ kind: COMP_KIND.approved, ref: candidateRef(p.candidateId), dedupeKey: `comp.approved:c${p.candidateId}`, chatId: p.ownerTelegramId, dueAt: p.now, payload: { candidateId: p.candidateId } })
    .onConflictDoNothing();
}

/** A step by its code (`top99`) or its label in either language (`TOP 99`, `lolos administrasi`). */
export function findStep(steps: CompetitionRound['steps'], input: string): CompetitionRound['steps'][number] | undefined {
  const word = input.trim().replace(/\s+/g, ' ').toLowerCase();
  return steps.find((s) => s.key === word || s.key === word.replace(/ /g, '') || s.label.id.toLowerCase() === word || s.label.en.toLowerCase() === word);
}

/** Whether the idea is already a candidate of the round. */
export async function isCandidate(db: DbOrTx, roundId: number, ideaId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: competitionCandidates.id })
    .from(competitionCandidates)
    .where(and(eq(competitionCandidates.roundId, roundId), eq(competitionCandidates.ideaId, ideaId)));
  return row !== undefined;
}

/** Who asked for a candidacy, with the short name of the idea's agency, for the coordinator's request. */
export async function requesterOf(db: DbOrTx, memberId: number, agencyId: number): Promise<{ name: string; agency: string } | undefined> {
  const [row] = await db
    .select({ name: sql<string>`coalesce(${members.fullName}, ${members.firstName})`, agency: agencies.shortName })
    .from(members)
    .innerJoin(agencies, eq(agencies.id, agencyId))
    .where(eq(members.id, memberId));
  return row;
}

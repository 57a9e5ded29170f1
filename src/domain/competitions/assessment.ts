import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import {
  candidateScores,
  competitionCandidates,
  competitionRounds,
  members,
  outbox,
  roundAssessors,
  type CompetitionRound,
  type Member,
} from '../../db/schema/index.js';
import { findLayout, localize, type Layout } from '../drafts/layout.js';
import type { Language } from '../../db/schema/index.js';
import { findCandidate, roundCandidates, type CandidateView } from './candidates.js';
import { COMP_KIND, candidateRef, compKeys, roundRef } from './keys.js';
import { rankCandidates, type Criterion, type RankedCandidate } from './ranking.js';

export const COMMENT_MAX = 500;

export interface RoundCriterion extends Criterion {
  title: { id: string; en: string };
}

/** The criteria of a round: its layout's sections that carry weight. */
export function roundCriteria(round: Pick<CompetitionRound, 'layoutId'>): RoundCriterion[] {
  const layout: Layout | undefined = findLayout(round.layoutId);
  if (!layout) return [];
  return layout.sections.filter((s) => s.weight > 0).map((s) => ({ key: s.key, weight: s.weight, title: s.title }));
}

export function criterionTitle(c: RoundCriterion, lang: Language): string {
  return localize(c.title, lang);
}

/** Names an assessor and plans the notice telling them, in one transaction; false when they already were one. */
export async function addAssessor(tx: Tx, p: { roundId: number; member: Pick<Member, 'id' | 'telegramId'>; addedBy: number; now: Date }): Promise<boolean> {
  const rows = await tx.insert(roundAssessors).values({ roundId: p.roundId, memberId: p.member.id, addedBy: p.addedBy }).onConflictDoNothing().returning({ m: roundAssessors.memberId });
  if (rows.length === 0) return false;
  await tx
    .insert(outbox)
    .values({ kind: COMP_KIND.assessor, ref: roundRef(p.roundId), dedupeKey: `comp.assessor:${p.roundId}:${p.member.id}`, chatId: p.member.telegramId, dueAt: p.now, payload: { roundId: p.roundId } })
    .onConflictDoNothing();
  return true;
}

export async function roundAssessorList(db: DbOrTx, roundId: number): Promise<Pick<Member, 'id' | 'fullName' | 'firstName'>[]> {
  return db
    .select({ id: members.id, fullName: members.fullName, firstName: members.firstName })
    .from(roundAssessors)
    .innerJoin(members, eq(members.id, roundAssessors.memberId))
    .where(eq(roundAssessors.roundId, roundId));
}

export async function isRoundAssessor(db: DbOrTx, roundId: number, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ m: roundAssessors.memberId })
    .from(roundAssessors)
    .where(and(eq(roundAssessors.roundId, roundId), eq(roundAssessors.memberId, memberId)));
  return row !== undefined;
}

export type ScoreAccess =
  | { ok: true; candidate: CandidateView; round: CompetitionRound; criteria: RoundCriterion[] }
  | { ok: false; reason: 'no_candidate' | 'not_assessor' | 'own_agency' | 'closed'; candidate?: CandidateView };

/** May this member score this candidate? Assessors of the round only, never their own agency's, until scoring closes. */
export async function scoreAccess(db: DbOrTx, assessor: Pick<Member, 'id' | 'agencyId'>, candidateId: number): Promise<ScoreAccess> {
  const candidate = await findCandidate(db, candidateId);
  if (!candidate) return { ok: false, reason: 'no_candidate' };
  const [round] = await db.select().from(competitionRounds).where(eq(competitionRounds.id, candidate.roundId));
  const [named] = await db
    .select({ m: roundAssessors.memberId })
    .from(roundAssessors)
    .where(and(eq(roundAssessors.roundId, candidate.roundId), eq(roundAssessors.memberId, assessor.id)));
  if (!named) return { ok: false, reason: 'not_assessor', candidate };
  const refusal = ownAgencyRefusal(assessor, candidate);
  if (refusal) return { ok: false, reason: refusal, candidate };
  if (round!.scoringClosedAt) return { ok: false, reason: 'closed', candidate };
  return { ok: true, candidate, round: round!, criteria: roundCriteria(round!) };
}

/** The conflict-of-interest rule on its own: an assessor never scores a candidate from their own agency. */
export function ownAgencyRefusal(assessor: Pick<Member, 'agencyId'>, candidate: Pick<CandidateView, 'agencyId'>): 'own_agency' | undefined {
  return assessor.agencyId !== null && assessor.agencyId === candidate.agencyId ? 'own_agency' : undefined;
}

export async function saveScore(db: DbOrTx, p: { candidateId: number; assessorId: number; criterion: string; score: number; now: Date }): Promise<void> {
  await db
    .insert(candidateScores)
    .values({ candidateId: p.candidateId, assessorId: p.assessorId, criterion: p.criterion, score: p.score, updatedAt: p.now })
    .onConflictDoUpdate({
      target: [candidateScores.candidateId, candidateScores.assessorId, candidateScores.criterion],
      set: { score: p.score, updatedAt: p.now },
    });
}

/** A comment on a criterion already scored; false when there is no score to attach it to. */
export async function saveComment(db: DbOrTx, p: { candidateId: number; assessorId: number; criterion: string; comment: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(candidateScores)
    .set({ comment: p.comment, updatedAt: p.now })
    .where(and(eq(candidateScores.candidateId, p.candidateId), eq(candidateScores.assessorId, p.assessorId), eq(candidateScores.criterion, p.criterion)))
    .returning({ c: candidateScores.criterion });
  return rows.length > 0;
}

export async function myScores(db: DbOrTx, candidateId: number, assessorId: number) {
  return db.select().from(candidateScores).where(and(eq(candidateScores.candidateId, candidateId), eq(candidateScores.assessorId, assessorId)));
}

export async function roundScores(db: DbOrTx, roundId: number) {
  return db
    .select({
      candidateId: candidateScores.candidateId,
      assessorId: candidateScores.assessorId,
      criterion: candidateScores.criterion,
      score: candidateScores.score,
      comment: candidateScores.comment,
      updatedAt: candidateScores.updatedAt,
    })
    .from(candidateScores)
    .innerJoin(competitionCandidates, eq(competitionCandidates.id, candidateScores.candidateId))
    .where(eq(competitionCandidates.roundId, roundId));
}

export interface RoundRanking {
  round: CompetitionRound;
  criteria: RoundCriterion[];
  candidates: Map<number, CandidateView>;
  ranked: RankedCandidate[];
}

export async function rankingOf(db: DbOrTx, round: CompetitionRound): Promise<RoundRanking> {
  const criteria = roundCriteria(round);
  const candidates = await roundCandidates(db, round.id);
  const scores = await roundScores(db, round.id);
  const ranked = rankCandidates(
    candidates.map((c) => c.id),
    criteria,
    scores,
    { margin: round.disagreementMargin, passingGrade: round.passingGrade },
  );
  return { round, criteria, candidates: new Map(candidates.map((c) => [c.id, c])), ranked };
}

/** Closes scoring (scores freeze) and plans each owner's feedback message, in one transaction. */
export async function closeScoring(tx: Tx, roundId: number, now: Date): Promise<{ ok: boolean; already: boolean; feedback: number }> {
  const [round] = await tx.select().from(competitionRounds).where(eq(competitionRounds.id, roundId)).for('update');
  if (!round) return { ok: false, already: false, feedback: 0 };
  if (round.scoringClosedAt) return { ok: true, already: true, feedback: 0 };
  await tx.update(competitionRounds).set({ scoringClosedAt: now, updatedAt: now }).where(eq(competitionRounds.id, roundId));
  const scored = await tx
    .selectDistinct({ candidateId: candidateScores.candidateId })
    .from(candidateScores)
    .innerJoin(competitionCandidates, eq(competitionCandidates.id, candidateScores.candidateId))
    .where(eq(competitionCandidates.roundId, roundId));
  const candidates = (await roundCandidates(tx, roundId)).filter((c) => scored.some((s) => s.candidateId === c.id));
  if (candidates.length) {
    await tx
      .insert(outbox)
      .values(
        candidates.map((c) => ({
          kind: COMP_KIND.feedback,
          ref: candidateRef(c.id),
          dedupeKey: compKeys.feedback(c.id, now),
          chatId: c.ownerTelegramId,
          dueAt: now,
          payload: { roundId, candidateId: c.id },
        })),
      )
      .onConflictDoNothing();
  }
  return { ok: true, already: false, feedback: candidates.length };
}

/**
 * Marks the top `size` of the ranking as the shortlist, plus `extras` picked by the coordinators
 * (the district's "Top 7 + 3 partisipatif"), replacing an earlier shortlist, and plans its
 * announcement to the linked groups, in one transaction. Extras that are not candidates of the round
 * are refused. Returns the shortlisted candidate ids in order.
 */
export async function shortlist(
  tx: Tx,
  round: CompetitionRound,
  size: number,
  extras: number[],
  now: Date,
): Promise<{ ok: true; top: number[]; extras: number[] } | { ok: false; unknown: number[] }> {
  const { ranked, candidates } = await rankingOf(tx, round);
  const unknown = extras.filter((id) => !candidates.has(id));
  if (unknown.length) return { ok: false, unknown };
  const top = ranked.filter((r) => r.rank !== null).slice(0, size).map((r) => r.candidateId);
  const added = [...new Set(extras)].filter((id) => !top.includes(id));
  const all = [...top, ...added];
  await tx.update(competitionCandidates).set({ shortlisted: false }).where(eq(competitionCandidates.roundId, round.id));
  if (all.length) await tx.update(competitionCandidates).set({ shortlisted: true, updatedAt: now }).where(inArray(competitionCandidates.id, all));
  await tx.update(competitionRounds).set({ shortlistSize: size, updatedAt: now }).where(eq(competitionRounds.id, round.id));
  // A newer shortlist replaces an announcement still waiting to go out.
  await tx
    .update(outbox)
    .set({ status: 'cancelled', outcome: 'replaced', processedAt: now })
    .where(and(eq(outbox.ref, roundRef(round.id)), eq(outbox.status, 'pending'), sql`${outbox.kind} in (${COMP_KIND.shortlist}, ${COMP_KIND.shortlistPost})`));
  if (all.length) {
    await tx.insert(outbox).values({
      kind: COMP_KIND.shortlist,
      ref: roundRef(round.id),
      dedupeKey: compKeys.shortlist(round.id, now),
      chatId: null,
      dueAt: now,
      payload: { roundId: round.id, candidateIds: top, extraIds: added },
    });
  }
  return { ok: true, top, extras: added };
}

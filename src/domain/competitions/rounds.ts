import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { competitionCandidates, competitionRounds, type CompetitionRound } from '../../db/schema/index.js';
import { parseIsoDate } from '../dates/zoned.js';
import { replanRound } from './deadlines.js';
import type { RoundDraft } from './templates.js';

export async function createRound(tx: Tx, draft: RoundDraft, createdBy: number, at: Date): Promise<CompetitionRound> {
  const [row] = await tx
    .insert(competitionRounds)
    .values({ ...draft, reminderDays: [14, 7, 2], createdBy, createdAt: at, updatedAt: at })
    .returning();
  return row!;
}

export async function listRounds(db: DbOrTx): Promise<CompetitionRound[]> {
  return db.select().from(competitionRounds).orderBy(desc(competitionRounds.year), asc(competitionRounds.id));
}

/** How many candidates each round has (rounds without any are absent). */
export async function candidateCountsByRound(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db.select({ roundId: competitionCandidates.roundId, n: count() }).from(competitionCandidates).groupBy(competitionCandidates.roundId);
  return new Map(rows.map((r) => [r.roundId, r.n]));
}

export async function findRound(db: DbOrTx, id: number): Promise<CompetitionRound | undefined> {
  const [row] = await db.select().from(competitionRounds).where(eq(competitionRounds.id, id));
  return row;
}

export type DateChange =
  | { ok: true; round: CompetitionRound; before: string | null }
  | { ok: false; reason: 'no_round' | 'no_stage' | 'bad_date' };

/**
 * Sets one stage's date (no longer "reported"): the round's revision moves on and the pending
 * deadline reminders are cancelled and planned again, in this transaction.
 */
export async function setStageDate(tx: Tx, roundId: number, stageKey: string, date: string, now: Date, timeZone: string): Promise<DateChange> {
  if (!parseIsoDate(date)) return { ok: false, reason: 'bad_date' };
  const [round] = await tx.select().from(competitionRounds).where(eq(competitionRounds.id, roundId)).for('update');
  if (!round) return { ok: false, reason: 'no_round' };
  const stage = round.stages.find((s) => s.key === stageKey);
  if (!stage) return { ok: false, reason: 'no_stage' };
  const stages = round.stages.map((s) => (s.key === stageKey ? { ...s, date, reported: false } : s));
  const [updated] = await tx
    .update(competitionRounds)
    .set({ stages, revision: round.revision + 1, updatedAt: now })
    .where(eq(competitionRounds.id, roundId))
    .returning();
  if (stageKey === round.deadlineStage) await replanRound(tx, updated!, now, timeZone);
  return { ok: true, round: updated!, before: stage.date };
}

/** Sets the days before the deadline on which owners are reminded, and plans again. */
export async function setReminderDays(tx: Tx, roundId: number, days: number[], now: Date, timeZone: string): Promise<CompetitionRound | undefined> {
  const [updated] = await tx
    .update(competitionRounds)
    .set({ reminderDays: days, revision: sql`${competitionRounds.revision} + 1`, updatedAt: now })
    .where(eq(competitionRounds.id, roundId))
    .returning();
  if (updated) await replanRound(tx, updated, now, timeZone);
  return updated;
}

export async function setPassingGrade(db: DbOrTx, roundId: number, grade: number | null, now: Date): Promise<CompetitionRound | undefined> {
  const [row] = await db.update(competitionRounds).set({ passingGrade: grade, updatedAt: now }).where(eq(competitionRounds.id, roundId)).returning();
  return row;
}

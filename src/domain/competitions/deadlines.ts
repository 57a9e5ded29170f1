import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { competitionCandidates, ideaCoaches, ideas, members, outbox, type CompetitionRound, type NewOutboxRow } from '../../db/schema/index.js';
import { fromLocal, parseIsoDate } from '../dates/zoned.js';
import { COMP_KIND, candidateRef, compKeys } from './keys.js';

/** Reminders go out at 09.00 local time, the deadline is the end of its day. */
export const REMINDER_HOUR = 9;

export function deadlineDate(round: Pick<CompetitionRound, 'stages' | 'deadlineStage'>): string | null {
  return round.stages.find((s) => s.key === round.deadlineStage)?.date ?? null;
}

/** The last minute of the deadline's day, local time. */
export function deadlineAt(round: Pick<CompetitionRound, 'stages' | 'deadlineStage'>, timeZone: string): Date | undefined {
  const date = deadlineDate(round);
  const d = date ? parseIsoDate(date) : undefined;
  return d ? fromLocal({ ...d, hour: 23, minute: 59 }, timeZone) : undefined;
}

export interface PlannedReminder {
  days: number;
  dueAt: Date;
}

/**
 * When to remind before a deadline: `days` before it at 09.00 local time, only those still ahead
 * of `now` (a candidate registered 5 days before gets only the 2-day reminder), earliest first.
 */
export function deadlineReminderPlan(deadline: string | null, days: number[], now: Date, timeZone: string): PlannedReminder[] {
  const d = deadline ? parseIsoDate(deadline) : undefined;
  if (!d) return [];
  const unique = [...new Set(days.filter((n) => Number.isInteger(n) && n > 0))].sort((a, b) => b - a);
  return unique
    .map((n) => {
      const day = new Date(Date.UTC(d.year, d.month - 1, d.day - n));
      return { days: n, dueAt: fromLocal({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: REMINDER_HOUR, minute: 0 }, timeZone) };
    })
    .filter((r) => r.dueAt.getTime() > now.getTime());
}

/**
 * The rows reminding one candidate's owner and the idea's active coaches; written in the transaction
 * that registers it or moves the date.
 */
export async function planCandidateDeadlines(tx: Tx, round: CompetitionRound, candidateId: number, now: Date, timeZone: string): Promise<number> {
  const [owner] = await tx
    .select({ telegramId: members.telegramId, ideaId: ideas.id })
    .from(competitionCandidates)
    .innerJoin(ideas, eq(ideas.id, competitionCandidates.ideaId))
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(eq(competitionCandidates.id, candidateId));
  if (!owner) return 0;
  const coaches = await tx
    .select({ memberId: members.id, telegramId: members.telegramId })
    .from(ideaCoaches)
    .innerJoin(members, eq(members.id, ideaCoaches.memberId))
    .where(and(eq(ideaCoaches.ideaId, owner.ideaId), isNull(ideaCoaches.removedAt)));
  const recipients = [{ telegramId: owner.telegramId, key: '' }, ...coaches.map((c) => ({ telegramId: c.telegramId, key: `:m${c.memberId}` }))];
  const deadline = deadlineDate(round);
  const plan = deadlineReminderPlan(deadline, round.reminderDays, now, timeZone);
  const rows: NewOutboxRow[] = recipients.flatMap((to) =>
    plan.map((r) => ({
      kind: COMP_KIND.deadline,
      ref: candidateRef(candidateId),
      dedupeKey: compKeys.deadline(candidateId, round.revision, r.days) + to.key,
      chatId: to.telegramId,
      dueAt: r.dueAt,
      payload: { roundId: round.id, candidateId, revision: round.revision, deadline, days: r.days },
    })),
  );
  if (rows.length) await tx.insert(outbox).values(rows).onConflictDoNothing();
  return rows.length;
}

/** Cancels a round's pending deadline reminders and plans them again (dates or reminder days changed). */
export async function replanRound(tx: Tx, round: CompetitionRound, now: Date, timeZone: string): Promise<void> {
  const candidates = await tx.select({ id: competitionCandidates.id, step: competitionCandidates.step }).from(competitionCandidates).where(eq(competitionCandidates.roundId, round.id));
  if (candidates.length === 0) return;
  await tx
    .update(outbox)
    .set({ status: 'cancelled', outcome: 'replanned', processedAt: now })
    .where(and(eq(outbox.kind, COMP_KIND.deadline), eq(outbox.status, 'pending'), inArray(outbox.ref, candidates.map((c) => candidateRef(c.id)))));
  const first = round.steps[0]?.key;
  for (const c of candidates) if (c.step === first) await planCandidateDeadlines(tx, round, c.id, now, timeZone);
}

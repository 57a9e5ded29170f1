import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { coachingSchedules, ideaCoaches, ideas, members } from '../../db/schema/index.js';
import { cancelPending, enqueue } from '../jobs/queue.js';
import { planReminders, type ReminderOffset } from '../reminders/offsets.js';
import { COACHING_KIND, COACHING_REF, coachingKeys } from './keys.js';

/** Plain values, mapped from the configuration by src/config.ts. */
export interface CoachingReminderSettings {
  timeZone: string;
  /** The same offsets as session reminders (REMINDER_OFFSETS): the day before at 16.00, one hour before. */
  offsets: ReminderOffset[];
}

/** Who is reminded of a coaching date: the idea's current coaches and its owner. */
export async function reminderRecipients(db: DbOrTx, ideaId: number): Promise<{ memberId: number; telegramId: number }[]> {
  const coaches = await db
    .select({ memberId: members.id, telegramId: members.telegramId })
    .from(ideaCoaches)
    .innerJoin(members, eq(members.id, ideaCoaches.memberId))
    .where(and(eq(ideaCoaches.ideaId, ideaId), isNull(ideaCoaches.removedAt)));
  const [owner] = await db
    .select({ memberId: members.id, telegramId: members.telegramId })
    .from(ideas)
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt)));
  if (!owner) return [];
  return [owner, ...coaches.filter((c) => c.memberId !== owner.memberId)];
}

/**
 * Brings the idea's coaching reminders in line with its next date and its coaches: rows no longer
 * wanted (date moved, coach removed, date passed) are cancelled, missing ones planned. Called in
 * the transaction of every change that matters, so the rows are always right.
 */
export async function replanCoachingReminders(tx: DbOrTx, ideaId: number, settings: CoachingReminderSettings, now: Date): Promise<void> {
  const [schedule] = await tx.select().from(coachingSchedules).where(eq(coachingSchedules.ideaId, ideaId));
  const recipients = schedule && schedule.nextAt.getTime() > now.getTime() ? await reminderRecipients(tx, ideaId) : [];
  const planned = schedule ? planReminders(settings.offsets, schedule.nextAt, now, settings.timeZone) : [];
  const rows = recipients.flatMap((r) =>
    planned.map((p) => ({
      kind: COACHING_KIND.reminder,
      ref: COACHING_REF(ideaId),
      dedupeKey: coachingKeys.reminder(ideaId, schedule!.nextAt, r.memberId, p.key),
      chatId: r.telegramId,
      dueAt: p.dueAt,
      payload: { ideaId, nextAt: schedule!.nextAt.toISOString(), memberId: r.memberId, offset: p.key },
    })),
  );
  await cancelPending(tx, COACHING_REF(ideaId), { kinds: [COACHING_KIND.reminder], keep: rows.map((r) => r.dedupeKey), now, outcome: 'replanned' });
  await enqueue(tx, rows);
}

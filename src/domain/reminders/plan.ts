import { and, eq, like, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox, reminderPrefs, sessionRsvps, type NewOutboxRow, type ReminderPref, type Session } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { KIND, keys, sessionRef } from '../sessions/keys.js';
import type { SessionSettings } from '../sessions/settings.js';
import { parseOffsets, planReminders, type ReminderOffset } from './offsets.js';

/** A member's offsets: their own, or the defaults; none when they turned reminders off. */
export function offsetsFor(pref: Pick<ReminderPref, 'offsets' | 'enabled'> | undefined, defaults: ReminderOffset[]): ReminderOffset[] {
  if (pref && !pref.enabled) return [];
  if (pref?.offsets) {
    const parsed = parseOffsets(pref.offsets);
    if (parsed.ok) return parsed.offsets;
  }
  return defaults;
}

export async function reminderPref(db: DbOrTx, memberId: number): Promise<ReminderPref | undefined> {
  const [row] = await db.select().from(reminderPrefs).where(eq(reminderPrefs.memberId, memberId));
  return row;
}

/**
 * Brings one member's reminder rows for one session in line with their answer and preferences:
 * rows no longer wanted are cancelled, missing ones planned. Called in the transaction of every
 * change that matters (an answer, a promotion, a preference, a move), so the rows are always right.
 */
export async function reconcileMemberReminders(
  tx: DbOrTx,
  session: Session,
  member: { id: number; telegramId: number },
  settings: SessionSettings,
  now: Date,
): Promise<void> {
  const [rsvp] = await tx
    .select()
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.sessionId, session.id), eq(sessionRsvps.memberId, member.id)));
  const eligible =
    session.status === 'scheduled' && rsvp !== undefined && (rsvp.answer === 'maybe' || (rsvp.answer === 'yes' && rsvp.waitlistedAt === null));
  const planned = eligible ? memberReminderJobs(session, member, await reminderPref(tx, member.id), settings, now) : [];
  const wanted = planned.map((p) => p.dedupeKey);
  // Rows for this member and session, whatever start time they were planned for.
  const mine = and(
    eq(outbox.ref, sessionRef(session.id)),
    eq(outbox.kind, KIND.reminder),
    eq(outbox.status, 'pending'),
    like(outbox.dedupeKey, memberRemindersPattern(session.id, member.id)),
  );
  await tx
    .update(outbox)
    .set({ status: 'cancelled', processedAt: now, outcome: 'replanned' })
    .where(wanted.length ? and(mine, notInArray(outbox.dedupeKey, wanted)) : mine);
  await enqueue(tx, planned);
}

/** LIKE pattern of a member's reminder keys for a session, whatever start time they were planned for. */
export const memberRemindersPattern = (sessionId: number, memberId: number) => `rem:${sessionId}:%:m${memberId}:%`;

/**
 * The reminder jobs a member who takes part (a seat or "Mungkin") should have for a session, by
 * their preference; whether they take part is the caller's to decide.
 */
export function memberReminderJobs(
  session: Session,
  member: { id: number; telegramId: number },
  pref: ReminderPref | undefined,
  settings: SessionSettings,
  now: Date,
): (NewOutboxRow & { dedupeKey: string; dueAt: Date; payload: Record<string, unknown> })[] {
  return planReminders(offsetsFor(pref, settings.defaultOffsets), session.startsAt, now, settings.timeZone).map((p) => ({
    kind: KIND.reminder,
    ref: sessionRef(session.id),
    dedupeKey: keys.memberReminder(session.id, session.startsAt, member.id, p.key),
    chatId: member.telegramId,
    dueAt: p.dueAt,
    payload: { sessionId: session.id, startsAt: session.startsAt.toISOString(), offset: p.key, memberId: member.id },
  }));
}

/** The session-level rows: group reminders (fanned out when due) and the organiser's minutes reminder. */
export async function planSessionRows(
  tx: DbOrTx,
  session: Session,
  creatorChatId: number,
  settings: SessionSettings,
  now: Date,
): Promise<void> {
  const ref = sessionRef(session.id);
  const startsAt = session.startsAt.toISOString();
  await enqueue(tx, [
    ...planReminders(settings.defaultOffsets, session.startsAt, now, settings.timeZone).map((p) => ({
      kind: KIND.groupReminder,
      ref,
      dedupeKey: keys.groupReminder(session.id, session.startsAt, p.key),
      dueAt: p.dueAt,
      payload: { sessionId: session.id, startsAt, offset: p.key },
    })),
    {
      kind: KIND.minutesPrompt,
      ref,
      dedupeKey: keys.minutes(session.id, session.startsAt),
      chatId: creatorChatId,
      dueAt: session.endsAt,
      payload: { sessionId: session.id, startsAt },
    },
  ]);
}

import { and, eq, isNull, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { members, pendingRsvps, sessionRsvps, sessions, type Session } from '../../db/schema/index.js';
import { cancelPending, enqueue } from '../jobs/queue.js';
import { planSessionRows, reconcileMemberReminders } from '../reminders/plan.js';
import { KIND, TIMED_KINDS, keys, sessionRef, type NoticeType } from './keys.js';
import { markPostsDirty, postsOf } from './posts.js';
import { rsvpRecipients } from './queries.js';
import { promoteWaitlist } from './rsvp.js';
import type { SessionSettings } from './settings.js';

export type SessionChange =
  | { field: 'title'; value: string }
  | { field: 'time'; value: Date }
  | { field: 'place'; value: string }
  | { field: 'agenda'; value: string | null }
  | { field: 'capacity'; value: number | null };

export type ChangeRefusal = 'not_found' | 'cancelled' | 'done' | 'started' | 'unchanged';

export type ChangeResult =
  | { ok: true; session: Session; before: Session; notified: number; promoted: number[] }
  | { ok: false; reason: ChangeRefusal };

/** Why a session cannot be changed or cancelled now (undefined: it can); checked again when it happens. */
export function refusal(session: Session | undefined, now: Date): Exclude<ChangeRefusal, 'unchanged'> | undefined {
  if (!session) return 'not_found';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'done') return 'done';
  if (session.startsAt.getTime() <= now.getTime()) return 'started';
  return undefined;
}

function currentValue(session: Session, field: SessionChange['field']): unknown {
  switch (field) {
    case 'title':
      return session.title;
    case 'time':
      return session.startsAt.getTime();
    case 'place':
      return session.place;
    case 'agenda':
      return session.agenda;
    case 'capacity':
      return session.capacity;
  }
}

/** Tells RSVP'd members, and every group that saw the announcement, about a change or cancellation. */
async function notify(tx: DbOrTx, session: Session, type: NoticeType, payload: Record<string, unknown>, now: Date): Promise<number> {
  const people = await rsvpRecipients(tx, session.id);
  const groups = await postsOf(tx, session.id);
  const base = { sessionId: session.id, type, ...payload };
  await enqueue(tx, [
    ...people.map((m) => ({
      kind: KIND.notice,
      ref: sessionRef(session.id),
      dedupeKey: keys.notice(session.id, session.sequence, type, m.telegramId),
      chatId: m.telegramId,
      dueAt: now,
      payload: { ...base, memberId: m.id },
    })),
    ...groups.map((g) => ({
      kind: KIND.notice,
      ref: sessionRef(session.id),
      dedupeKey: keys.notice(session.id, session.sequence, type, g.chatId),
      chatId: g.chatId,
      threadId: g.threadId,
      dueAt: now,
      payload: { ...base, group: true, replyTo: g.messageId },
    })),
  ]);
  return people.length + groups.length;
}

/** Members whose reminders depend on the start time: seated "Hadir" and "Mungkin". */
async function remindable(tx: DbOrTx, sessionId: number) {
  return tx
    .select({ id: members.id, telegramId: members.telegramId })
    .from(sessionRsvps)
    .innerJoin(members, eq(members.id, sessionRsvps.memberId))
    .where(
      and(
        eq(sessionRsvps.sessionId, sessionId),
        or(eq(sessionRsvps.answer, 'maybe'), and(eq(sessionRsvps.answer, 'yes'), isNull(sessionRsvps.waitlistedAt))),
      ),
    );
}

/**
 * Changes one field of a session that has not started. A new time cancels every reminder planned
 * for the old one and plans them again, in the same transaction, so no reminder can carry the old
 * time. Everything but the capacity bumps the calendar SEQUENCE and is announced to those concerned.
 */
export async function changeSession(
  db: Db,
  params: { sessionId: number; change: SessionChange; settings: SessionSettings; now: Date },
): Promise<ChangeResult> {
  const { change, settings, now } = params;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId)).for('update');
    const refused = refusal(before, now);
    if (refused || !before) return { ok: false, reason: refused ?? 'not_found' } as const;
    const next = change.field === 'time' ? change.value.getTime() : change.value;
    if (currentValue(before, change.field) === next) return { ok: false, reason: 'unchanged' } as const;

    const announced = change.field !== 'capacity';
    const set: Partial<typeof sessions.$inferInsert> = { updatedAt: now, sequence: before.sequence + (announced ? 1 : 0) };
    if (change.field === 'time') {
      set.startsAt = change.value;
      set.endsAt = new Date(change.value.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
    } else {
      set[change.field] = change.value as never;
    }
    const [session] = await tx.update(sessions).set(set).where(eq(sessions.id, before.id)).returning();

    let promoted: number[] = [];
    if (change.field === 'time') {
      await cancelPending(tx, sessionRef(before.id), { kinds: TIMED_KINDS, now, outcome: 'moved' });
      const [creator] = await tx.select({ telegramId: members.telegramId }).from(members).where(eq(members.id, before.createdBy));
      await planSessionRows(tx, session!, creator!.telegramId, settings, now);
      for (const m of await remindable(tx, before.id)) await reconcileMemberReminders(tx, session!, m, settings, now);
    }
    if (change.field === 'capacity') promoted = await promoteWaitlist(tx, session!, settings, now);
    const beforeValue = change.field === 'time' ? before.startsAt.toISOString() : currentValue(before, change.field);
    const notified = announced ? await notify(tx, session!, 'changed', { field: change.field, before: beforeValue }, now) : 0;
    await markPostsDirty(tx, before.id, now, settings.editIntervalMs);
    return { ok: true, session: session!, before, notified, promoted } as const;
  });
}

export type CancelResult = { ok: true; session: Session; notified: number } | { ok: false; reason: Exclude<ChangeRefusal, 'unchanged'> };

/** Cancels a session: nothing planned for it is sent any more, and everyone concerned is told why. */
export async function cancelSession(
  db: Db,
  params: { sessionId: number; reason: string; settings: SessionSettings; now: Date },
): Promise<CancelResult> {
  const { now } = params;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId)).for('update');
    const refused = refusal(before, now);
    if (refused || !before) return { ok: false, reason: refused ?? 'not_found' } as const;
    const [session] = await tx
      .update(sessions)
      .set({ status: 'cancelled', cancelReason: params.reason, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(sessions.id, before.id))
      .returning();
    await cancelPending(tx, sessionRef(before.id), { now, outcome: 'cancelled' });
    await tx.delete(pendingRsvps).where(eq(pendingRsvps.sessionId, before.id));
    const notified = await notify(tx, session!, 'cancelled', { reason: params.reason }, now);
    await markPostsDirty(tx, before.id, now, params.settings.editIntervalMs);
    return { ok: true, session: session!, notified } as const;
  });
}


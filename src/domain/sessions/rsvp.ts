import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { members, pendingRsvps, sessionRsvps, sessions, type RsvpAnswer, type Session } from '../../db/schema/index.js';
import { enqueue } from '../outbox/outbox.js';
import { reconcileMemberReminders } from '../reminders/plan.js';
import { KIND, keys, sessionRef } from './keys.js';
import { markPostsDirty } from './posts.js';
import type { SessionSettings } from './settings.js';

export type RsvpRefusal = 'not_found' | 'cancelled' | 'done' | 'started';

export type RsvpResult =
  | { ok: true; session: Session; answer: RsvpAnswer; waitlisted: boolean; changed: boolean; promoted: number[] }
  | { ok: false; reason: RsvpRefusal };

/** Whether a session still takes answers. */
export function rsvpRefusal(session: Session | undefined, now: Date): RsvpRefusal | undefined {
  if (!session) return 'not_found';
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status === 'done') return 'done';
  if (session.startsAt.getTime() <= now.getTime()) return 'started';
  return undefined;
}

async function seatedCount(tx: DbOrTx, sessionId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.answer, 'yes'), isNull(sessionRsvps.waitlistedAt)));
  return Number(row?.n ?? 0);
}

/**
 * Seats people from the waitlist, first come first served, while there is room; each gets a notice
 * and their reminders. Runs inside the transaction that freed the seat (the session row is locked).
 */
export async function promoteWaitlist(tx: DbOrTx, session: Session, settings: SessionSettings, now: Date): Promise<number[]> {
  // With no limit (any more), everyone waiting gets a seat.
  const free = session.capacity === null ? Number.MAX_SAFE_INTEGER : session.capacity - (await seatedCount(tx, session.id));
  if (free <= 0) return [];
  const next = await tx
    .select({ memberId: sessionRsvps.memberId, telegramId: members.telegramId })
    .from(sessionRsvps)
    .innerJoin(members, eq(members.id, sessionRsvps.memberId))
    .where(and(eq(sessionRsvps.sessionId, session.id), eq(sessionRsvps.answer, 'yes'), isNotNull(sessionRsvps.waitlistedAt)))
    .orderBy(asc(sessionRsvps.waitlistedAt), asc(sessionRsvps.memberId))
    .limit(Math.min(free, 1000));
  for (const p of next) {
    await tx
      .update(sessionRsvps)
      .set({ waitlistedAt: null, updatedAt: now })
      .where(and(eq(sessionRsvps.sessionId, session.id), eq(sessionRsvps.memberId, p.memberId)));
    await enqueue(tx, [
      {
        kind: KIND.notice,
        ref: sessionRef(session.id),
        dedupeKey: keys.once(session.id, 'promoted', p.telegramId, now),
        chatId: p.telegramId,
        dueAt: now,
        payload: { sessionId: session.id, type: 'promoted', memberId: p.memberId },
      },
    ]);
    await reconcileMemberReminders(tx, session, { id: p.memberId, telegramId: p.telegramId }, settings, now);
  }
  return next.map((p) => p.memberId);
}

/**
 * Records an answer (changing it is fine). "Hadir" beyond the capacity joins the waitlist; leaving
 * a seat promotes the first in line. The member's reminders and the announcements' counts follow
 * in the same transaction.
 */
export async function answerRsvpIn(
  tx: DbOrTx,
  params: { sessionId: number; member: { id: number; telegramId: number }; answer: RsvpAnswer; settings: SessionSettings; now: Date },
): Promise<RsvpResult> {
  const { member, answer, settings, now } = params;
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId)).for('update');
  const refusal = rsvpRefusal(session, now);
  if (refusal || !session) return { ok: false, reason: refusal ?? 'not_found' };
  const [previous] = await tx
    .select()
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.sessionId, session.id), eq(sessionRsvps.memberId, member.id)));
  if (previous && previous.answer === answer) {
    return { ok: true, session, answer, waitlisted: previous.waitlistedAt !== null, changed: false, promoted: [] };
  }
  let waitlistedAt: Date | null = null;
  if (answer === 'yes' && session.capacity !== null && (await seatedCount(tx, session.id)) >= session.capacity) waitlistedAt = now;
  await tx
    .insert(sessionRsvps)
    .values({ sessionId: session.id, memberId: member.id, answer, waitlistedAt, answeredAt: now })
    .onConflictDoUpdate({
      target: [sessionRsvps.sessionId, sessionRsvps.memberId],
      set: { answer, waitlistedAt, answeredAt: now, updatedAt: now },
    });
  const leftSeat = previous?.answer === 'yes' && previous.waitlistedAt === null;
  const promoted = leftSeat ? await promoteWaitlist(tx, session, settings, now) : [];
  await reconcileMemberReminders(tx, session, member, settings, now);
  await markPostsDirty(tx, session.id, now, settings.editIntervalMs);
  return { ok: true, session, answer, waitlisted: waitlistedAt !== null, changed: true, promoted };
}

export function answerRsvp(db: Db, params: Parameters<typeof answerRsvpIn>[1]): Promise<RsvpResult> {
  return db.transaction((tx) => answerRsvpIn(tx, params));
}

/** Keeps the answer of someone who must register first; applied by a job once they have. */
export async function keepPendingRsvp(db: DbOrTx, memberId: number, sessionId: number, answer: RsvpAnswer): Promise<void> {
  await db
    .insert(pendingRsvps)
    .values({ memberId, sessionId, answer })
    .onConflictDoUpdate({ target: [pendingRsvps.memberId, pendingRsvps.sessionId], set: { answer, createdAt: sql`now()` } });
}

/** Whether this answer is already kept for a member who has yet to register (they pressed a group button). */
export async function hasPendingRsvp(db: DbOrTx, memberId: number, sessionId: number, answer: RsvpAnswer): Promise<boolean> {
  const [row] = await db
    .select({ answer: pendingRsvps.answer })
    .from(pendingRsvps)
    .where(and(eq(pendingRsvps.memberId, memberId), eq(pendingRsvps.sessionId, sessionId)));
  return row?.answer === answer;
}

import { and, asc, eq, exists, isNotNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { ideas, sessionAgenda, sessionRsvps, sessions, type Session } from '../../db/schema/index.js';
import { cancelPending } from '../jobs/queue.js';
import { KIND, sessionRef } from './keys.js';
import { markPostsDirty } from './posts.js';
import { agendaIdeas, type AgendaIdea } from './queries.js';
import type { SessionSettings } from './settings.js';

export const MINUTES_MAX = 3500;

export type MinutesResult =
  | { ok: true; session: Session; updated: boolean; toDiscuss: AgendaIdea[] }
  | { ok: false; reason: 'not_found' | 'cancelled' | 'not_started' };

/**
 * Stores the minutes and marks the session done (again later just replaces the text). Returns the
 * agenda ideas still at "Usulan", which the coordinator may move to "Dibahas".
 */
export async function recordMinutes(
  db: Db,
  params: { sessionId: number; text: string; memberId: number; settings: SessionSettings; now: Date },
): Promise<MinutesResult> {
  const { now } = params;
  const result = await db.transaction(async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId)).for('update');
    if (!session) return { ok: false, reason: 'not_found' } as const;
    if (session.status === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
    if (session.startsAt.getTime() > now.getTime()) return { ok: false, reason: 'not_started' } as const;
    const [updated] = await tx
      .update(sessions)
      .set({ minutes: params.text, minutesAt: now, minutesBy: params.memberId, status: 'done', updatedAt: now })
      .where(eq(sessions.id, session.id))
      .returning();
    await cancelPending(tx, sessionRef(session.id), { kinds: [KIND.minutesPrompt, KIND.reminder, KIND.groupReminder], now, outcome: 'done' });
    await markPostsDirty(tx, session.id, now, params.settings.editIntervalMs);
    return { ok: true, session: updated!, updated: session.minutes !== null } as const;
  });
  if (!result.ok) return result;
  const toDiscuss = (await agendaIdeas(db, result.session.id)).filter((i) => i.stage === 'pitched');
  return { ...result, toDiscuss };
}

export type AttendanceResult = { ok: true; attended: boolean } | { ok: false; reason: 'not_found' | 'not_started' | 'no_answer' };

/** Flips a member's confirmed attendance (unconfirmed or absent → attended → absent). */
export async function toggleAttendance(
  db: Db,
  params: { sessionId: number; memberId: number; by: number; now: Date },
): Promise<AttendanceResult> {
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId));
    if (!session || session.status === 'cancelled') return { ok: false, reason: 'not_found' } as const;
    if (session.startsAt.getTime() > params.now.getTime()) return { ok: false, reason: 'not_started' } as const;
    const where = and(eq(sessionRsvps.sessionId, session.id), eq(sessionRsvps.memberId, params.memberId));
    const [rsvp] = await tx.select().from(sessionRsvps).where(where).for('update');
    if (!rsvp) return { ok: false, reason: 'no_answer' } as const;
    const attended = rsvp.attended !== true;
    await tx.update(sessionRsvps).set({ attended, attendanceBy: params.by, updatedAt: params.now }).where(where);
    return { ok: true, attended } as const;
  });
}

/**
 * Minutes that concern an idea, oldest first: of sessions that had it on the agenda, or whose
 * minutes name it (`#12` or its name). The drafts feature cites them as evidence.
 */
export async function minutesForIdea(db: DbOrTx, ideaId: number): Promise<{ date: Date; text: string }[]> {
  const rows = await db
    .select({ date: sessions.startsAt, text: sessions.minutes })
    .from(sessions)
    .innerJoin(ideas, eq(ideas.id, ideaId))
    .where(
      and(
        isNotNull(sessions.minutes),
        or(
          exists(db.select({ one: sql`1` }).from(sessionAgenda).where(and(eq(sessionAgenda.sessionId, sessions.id), eq(sessionAgenda.ideaId, ideaId)))),
          sql`${sessions.minutes} ~ ${`#${ideaId}([^0-9]|$)`}`,
          sql`position(lower(${ideas.name}) in lower(${sessions.minutes})) > 0`,
        ),
      ),
    )
    .orderBy(asc(sessions.startsAt));
  return rows.map((r) => ({ date: r.date, text: r.text ?? '' }));
}

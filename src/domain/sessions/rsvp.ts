import { rowsOf } from '../../db/client.js';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { members, pendingRsvps, reminderPrefs, sessionRsvps, sessions, type RsvpAnswer, type Session } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { reconcileMemberReminders } from '../reminders/plan.js';
import { KIND, keys, sessionRef } from './keys.js';
import { markPostsDirty } from './posts.js';
import type { SessionSettings } from './settings.js';

export type RsvpRefusal = 'not_found' | 'cancelled' | 'done' | 'started';

export type RsvpResult =
  | { ok: true; session: Session; answer: RsvpAnswer; waitlisted: boolean; changed: boolean; promoted: number[]; /** On the waitlist: the place in line. */ position?: number }
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


const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * Records an answer (changing it is fine). "Hadir" beyond the capacity joins the waitlist; leaving
 * a seat promotes the first in line. The member's reminders and the announcements' counts follow
 * in the same transaction.
 *
 * Few statements: the session row is locked together with the member's reminder preference; then
 * ONE statement reads the previous answer and the seats taken (a fresh snapshot, after the lock, so
 * the count is exact), writes the answer with its waitlist decision and returns the waitlist
 * position; the reminders are planned from what those two returned, without reading them again.
 */
export async function answerRsvpIn(
  tx: DbOrTx,
  params: { sessionId: number; member: { id: number; telegramId: number }; answer: RsvpAnswer; settings: SessionSettings; now: Date },
): Promise<RsvpResult> {
  const { member, answer, settings, now } = params;
  const [locked] = await tx
    .select({ session: sessions, pref: reminderPrefs })
    .from(sessions)
    .leftJoin(reminderPrefs, eq(reminderPrefs.memberId, member.id))
    .where(eq(sessions.id, params.sessionId))
    .for('update', { of: sessions });
  const session = locked?.session;
  const refusal = rsvpRefusal(session, now);
  if (refusal || !session) return { ok: false, reason: refusal ?? 'not_found' };
  const at = now.toISOString();
  const written = await tx.execute(sql`
    with prev as (
      select answer, waitlisted_at from session_rsvps where session_id = ${session.id} and member_id = ${member.id}
    ),
    seated as (
      select count(*)::int as n from session_rsvps where session_id = ${session.id} and answer = 'yes' and waitlisted_at is null
    ),
    up as (
      insert into session_rsvps (session_id, member_id, answer, waitlisted_at, answered_at)
      select ${session.id}::int, ${member.id}::int, ${answer}::text,
        case when ${answer} = 'yes' and ${session.capacity}::int is not null and (select n from seated) >= ${session.capacity}::int then ${at}::timestamptz end,
        ${at}::timestamptz
      where not exists (select 1 from prev where prev.answer = ${answer})
      on conflict (session_id, member_id) do update
        set answer = excluded.answer, waitlisted_at = excluded.waitlisted_at, answered_at = excluded.answered_at, updated_at = excluded.answered_at
      returning answer, waitlisted_at
    ),
    now_row as (
      select answer, waitlisted_at from up
      union all
      select answer, waitlisted_at from prev where not exists (select 1 from up)
    )
    select
      (select answer from prev) as prev_answer,
      (select waitlisted_at from prev) is not null as prev_waitlisted,
      exists (select 1 from up) as changed,
      r.waitlisted_at as waitlisted_at,
      case when r.waitlisted_at is null then null else 1 + (
        select count(*)::int from session_rsvps o
        where o.session_id = ${session.id} and o.answer = 'yes' and o.member_id <> ${member.id} and o.waitlisted_at is not null
          and (o.waitlisted_at < r.waitlisted_at or (o.waitlisted_at = r.waitlisted_at and o.member_id < ${member.id}))
      ) end as position
    from now_row r`);
  const [row] = rowsOf<{ prev_answer: RsvpAnswer | null; prev_waitlisted: boolean; changed: boolean; waitlisted_at: unknown; position: number | null }>(written);
  const waitlistedAt = toDate(row?.waitlisted_at);
  const position = row?.position === null || row?.position === undefined ? undefined : Number(row.position);
  if (!row?.changed) return { ok: true, session, answer, waitlisted: waitlistedAt !== null, changed: false, promoted: [], ...(position ? { position } : {}) };
  const leftSeat = row.prev_answer === 'yes' && !row.prev_waitlisted;
  const promoted = leftSeat ? await promoteWaitlist(tx, session, settings, now) : [];
  await reconcileMemberReminders(tx, session, member, settings, now, { rsvp: { answer, waitlistedAt }, pref: locked.pref ?? undefined });
  await markPostsDirty(tx, session.id, now, settings.editIntervalMs);
  return { ok: true, session, answer, waitlisted: waitlistedAt !== null, changed: true, promoted, ...(position ? { position } : {}) };
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

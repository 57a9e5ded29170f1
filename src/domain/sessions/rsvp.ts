import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { members, pendingRsvps, reminderPrefs, sessionRsvps, sessions, type ReminderPref, type RsvpAnswer, type Session } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { reconcileMemberReminders } from '../reminders/plan.js';
import { KIND, keys, sessionRef } from './keys.js';
import { writeAnswer, type AnswerWritten } from './rsvp-write.js';
import type { SessionSettings } from './settings.js';

export type RsvpRefusal = 'not_found' | 'cancelled' | 'done' | 'started';

export type RsvpResult =
  | {
      ok: true;
      answer: RsvpAnswer;
      waitlisted: boolean;
      changed: boolean;
      promoted: number[];
      /** On the waitlist: the place in line. */
      position?: number;
      /** Jobs due now were queued (an announcement refresh, a promotion notice): wake the jobs. */
      wake: boolean;
    }
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


type RsvpParams = { sessionId: number; member: { id: number; telegramId: number }; answer: RsvpAnswer; settings: SessionSettings; now: Date };

/** The session with the member's reminder preference; locked (FOR UPDATE of the session) inside a transaction. */
async function readSession(db: DbOrTx, params: RsvpParams, lock: boolean): Promise<{ session: Session; pref: ReminderPref | undefined } | undefined> {
  const query = db
    .select({ session: sessions, pref: reminderPrefs })
    .from(sessions)
    .leftJoin(reminderPrefs, eq(reminderPrefs.memberId, params.member.id))
    .where(eq(sessions.id, params.sessionId));
  const [row] = lock ? await query.for('update', { of: sessions }) : await query;
  return row ? { session: row.session, pref: row.pref ?? undefined } : undefined;
}

function resultOf(answer: RsvpAnswer, written: AnswerWritten, promoted: number[]): RsvpResult {
  const { changed, position } = written;
  return {
    ok: true,
    answer,
    waitlisted: written.waitlistedAt !== null,
    changed,
    promoted,
    ...(position ? { position } : {}),
    wake: written.refreshDueNow || promoted.length > 0,
  };
}

/**
 * Records an answer (changing it is fine) inside the caller's transaction. "Hadir" beyond the
 * capacity joins the waitlist; leaving a seat promotes the first in line. The member's reminders
 * and the announcements' counts follow in the same transaction.
 *
 * Two statements: the session row is locked together with the member's reminder preference; then
 * ONE statement (writeAnswer) reads the previous answer and the seats taken (a fresh snapshot,
 * after the lock, so the count is exact), writes the answer, its reminders and the announcements'
 * refresh. Only a freed seat costs more (the promotion).
 */
export async function answerRsvpIn(tx: DbOrTx, params: RsvpParams): Promise<RsvpResult> {
  const { member, answer, settings, now } = params;
  const read = await readSession(tx, params, true);
  const refusal = rsvpRefusal(read?.session, now);
  if (refusal || !read) return { ok: false, reason: refusal ?? 'not_found' };
  const { session } = read;
  const written = await writeAnswer(tx, { ...read, member, answer, settings, now });
  const leftSeat = written.changed && written.prevAnswer === 'yes' && !written.prevWaitlisted;
  const promoted = leftSeat ? await promoteWaitlist(tx, session, settings, now) : [];
  return resultOf(answer, written, promoted);
}

/**
 * What presses last read, per database: the sessions (by id) and the members' reminder preferences
 * (by member id; null = none, the common case, also assumed for a member not seen yet). Only a
 * guess: the answer statement writes only if the session's start, status and missing capacity and
 * the preference are still these (see writeAnswer), else the press reads them afresh. So a stale
 * entry, or another instance's change, costs a statement or two, never a wrong write.
 */
interface Known {
  sessions: Map<number, Session>;
  prefs: Map<number, ReminderPref | null>;
}
const knownByDb = new WeakMap<Db, Known>();
/** Bounds on the guesses kept (a press by anyone else just reads again). */
const KNOWN_SESSIONS = 256;
const KNOWN_PREFS = 10_000;

function knownOf(db: Db): Known {
  let known = knownByDb.get(db);
  if (!known) knownByDb.set(db, (known = { sessions: new Map(), prefs: new Map() }));
  return known;
}

function remember(known: Known, memberId: number, read: { session: Session; pref: ReminderPref | undefined }): void {
  if (known.sessions.size >= KNOWN_SESSIONS) known.sessions.clear();
  if (known.prefs.size >= KNOWN_PREFS) known.prefs.clear();
  known.sessions.set(read.session.id, read.session);
  known.prefs.set(memberId, read.pref ?? null);
}

/**
 * A press. For a session without a capacity (the common case: nobody waits, so no seat count has
 * to be exact and no promotion can follow) no transaction: usually ONE statement, the answer
 * statement on the session and preference a press read before, checked under its lock (see Known);
 * when the guess is missing or stale, the session and preference are read (one statement) and the
 * answer statement runs on them. With a capacity, or when the session changed in between, the
 * locked way in a transaction (answerRsvpIn).
 */
export async function answerRsvp(db: Db, params: RsvpParams): Promise<RsvpResult> {
  const { member, answer, settings, now } = params;
  const known = knownOf(db);
  const guessed = known.sessions.get(params.sessionId);
  if (guessed && guessed.capacity === null && !rsvpRefusal(guessed, now)) {
    const pref = known.prefs.get(member.id) ?? undefined;
    const written = await writeAnswer(db, { session: guessed, pref, member, answer, settings, now, unlocked: true });
    if (written.matched) return resultOf(answer, written, []);
  }
  const read = await readSession(db, params, false);
  if (read) remember(known, member.id, read);
  const refusal = rsvpRefusal(read?.session, now);
  if (refusal || !read) return { ok: false, reason: refusal ?? 'not_found' };
  if (read.session.capacity === null) {
    const written = await writeAnswer(db, { ...read, member, answer, settings, now, unlocked: true });
    if (written.matched) return resultOf(answer, written, []);
  }
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

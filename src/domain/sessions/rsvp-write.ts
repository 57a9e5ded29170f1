import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import type { ReminderPref, RsvpAnswer, Session } from '../../db/schema/index.js';
import { memberReminderJobs, memberRemindersPattern } from '../reminders/plan.js';
import { KIND, sessionRef } from './keys.js';
import { markPostsDirtySql } from './posts.js';
import type { SessionSettings } from './settings.js';

export interface AnswerWritten {
  /** False when the session no longer matched what the caller read (only with `unlocked`): nothing was written. */
  matched: boolean;
  prevAnswer: RsvpAnswer | null;
  prevWaitlisted: boolean;
  changed: boolean;
  waitlistedAt: Date | null;
  position: number | undefined;
  /** An announcement refresh was queued that is due now (the jobs should be woken). */
  refreshDueNow: boolean;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * ONE statement for an answer and everything that follows from it: it reads the previous answer
 * and the seats taken, writes the answer with its waitlist decision, returns the waitlist
 * position, brings the member's reminder jobs in line (cancels the unwanted, plans or revives the
 * wanted ones: planned in JS from the session and the preference the caller read, applied only if
 * the answer takes part), and marks the session's announcements dirty with one refresh job waiting
 * per post. Nothing of it happens when the answer is unchanged.
 *
 * The seat count is exact only when the statement's snapshot is taken after the session row is
 * locked: the caller either locked it in an earlier statement of its transaction, or passes
 * `unlocked` for a session without a capacity (no count matters): the statement then locks the
 * session row (NO KEY UPDATE: presses on a session take turns, and wait for a change to it) and
 * writes only if the start, the status, the missing capacity and the member's preference are still
 * what the caller read or guessed (a move, a cancellation, a new capacity or preference makes it
 * write nothing and say so, and the caller reads again or goes the locked way). Its snapshot may
 * predate a press it waited for (one member pressing in two chats at once): the upsert still meets
 * that press's row, so the answer and `changed` are right, but a reminder row that press planned
 * may stay pending (the reminder job checks the answer and skips it).
 */
export async function writeAnswer(
  db: DbOrTx,
  params: {
    session: Session;
    pref: ReminderPref | undefined;
    member: { id: number; telegramId: number };
    answer: RsvpAnswer;
    settings: SessionSettings;
    now: Date;
    unlocked?: boolean;
  },
): Promise<AnswerWritten> {
  const { session, member, answer, settings, now } = params;
  const at = now.toISOString();
  const sid = session.id;
  const jobs = session.status === 'scheduled' ? memberReminderJobs(session, member, params.pref, settings, now) : [];
  const planned = JSON.stringify(jobs.map((j) => ({ key: j.dedupeKey, due: j.dueAt.toISOString(), payload: j.payload })));
  const pref = params.pref;
  const samePref = pref
    ? sql`exists (select 1 from reminder_prefs where member_id = ${member.id} and enabled = ${pref.enabled} and offsets is not distinct from ${pref.offsets}::text)`
    : sql`not exists (select 1 from reminder_prefs where member_id = ${member.id})`;
  const guard: SQL = params.unlocked
    ? sql`select id from sessions where id = ${sid} and starts_at = ${session.startsAt.toISOString()}::timestamptz
        and status = ${session.status} and capacity is null and ${samePref} for no key update`
    : sql`select id from sessions where id = ${sid}`;
  const written = await db.execute(sql`
    with g as (${guard}),
    prev as (
      select answer, waitlisted_at from session_rsvps where session_id = ${sid} and member_id = ${member.id}
    ),
    seated as (
      select count(*)::int as n from session_rsvps where session_id = ${sid} and answer = 'yes' and waitlisted_at is null
    ),
    up as (
      insert into session_rsvps (session_id, member_id, answer, waitlisted_at, answered_at)
      select ${sid}::int, ${member.id}::int, ${answer}::text,
        case when ${answer} = 'yes' and ${session.capacity}::int is not null and (select n from seated) >= ${session.capacity}::int then ${at}::timestamptz end,
        ${at}::timestamptz
      where exists (select 1 from g)
      -- Decided on the row as it is now (not as this statement's snapshot saw it): the same answer again changes nothing.
      on conflict (session_id, member_id) do update
        set answer = excluded.answer, waitlisted_at = excluded.waitlisted_at, answered_at = excluded.answered_at, updated_at = excluded.answered_at
        where session_rsvps.answer <> excluded.answer
      returning answer, waitlisted_at
    ),
    takes_part as (
      select coalesce((select answer = 'maybe' or (answer = 'yes' and waitlisted_at is null) from up), false) as ok
    ),
    wanted as (
      select j->>'key' as key, (j->>'due')::timestamptz as due_at, j->'payload' as payload
      from jsonb_array_elements(${planned}::jsonb) j
      where (select ok from takes_part)
    ),
    -- The member's reminder rows for this session, whatever start time they were planned for.
    dropped as (
      update outbox set status = 'cancelled', processed_at = ${at}::timestamptz, outcome = 'replanned'
      where exists (select 1 from up) and ref = ${sessionRef(sid)} and kind = ${KIND.reminder} and status = 'pending'
        and dedupe_key like ${memberRemindersPattern(sid, member.id)}
        and not exists (select 1 from wanted w where w.key = outbox.dedupe_key)
      returning 1
    ),
    -- As enqueue(): a key already used is left alone, except that a cancelled job comes back.
    planned as (
      insert into outbox (kind, ref, dedupe_key, chat_id, due_at, payload)
      select ${KIND.reminder}, ${sessionRef(sid)}, w.key, ${member.telegramId}::bigint, w.due_at, w.payload from wanted w
      on conflict (dedupe_key) do update
        set status = 'pending', due_at = excluded.due_at, payload = excluded.payload, chat_id = excluded.chat_id,
          thread_id = excluded.thread_id, claimed_until = null, claimed_by = null, outcome = null, processed_at = null
        where outbox.status = 'cancelled'
      returning 1
    ),
    ${markPostsDirtySql(sid, now, settings.editIntervalMs, sql`exists (select 1 from up)`)},
    now_row as (
      select answer, waitlisted_at from up
      union all
      select answer, waitlisted_at from prev where not exists (select 1 from up)
    )
    select
      exists (select 1 from g) as matched,
      (select answer from prev) as prev_answer,
      (select waitlisted_at from prev) is not null as prev_waitlisted,
      exists (select 1 from up) as changed,
      r.waitlisted_at as waitlisted_at,
      case when r.waitlisted_at is null then null else 1 + (
        select count(*)::int from session_rsvps o
        where o.session_id = ${sid} and o.answer = 'yes' and o.member_id <> ${member.id} and o.waitlisted_at is not null
          and (o.waitlisted_at < r.waitlisted_at or (o.waitlisted_at = r.waitlisted_at and o.member_id < ${member.id}))
      ) end as position,
      exists (select 1 from refresh where due_at <= ${at}::timestamptz) as refresh_due_now
    from (select 1) one left join now_row r on true`);
  const [row] = rowsOf<{
    matched: boolean;
    prev_answer: RsvpAnswer | null;
    prev_waitlisted: boolean;
    changed: boolean;
    waitlisted_at: unknown;
    position: number | null;
    refresh_due_now: boolean;
  }>(written);
  if (!row) throw new Error('the answer statement returned no row');
  return {
    matched: Boolean(row.matched),
    prevAnswer: row.prev_answer,
    prevWaitlisted: Boolean(row.prev_waitlisted),
    changed: Boolean(row.changed),
    waitlistedAt: toDate(row.waitlisted_at),
    position: row.position === null || row.position === undefined ? undefined : Number(row.position),
    refreshDueNow: Boolean(row.refresh_due_now),
  };
}

import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, sessionRsvps, sessions, type Member, type OutboxRow, type Session, type SessionRsvp } from '../../db/schema/index.js';
import { laterJobsDue } from '../jobs/queue.js';
import { findLinks, type LinkTarget } from './links.js';
import { seatedCounts } from './queries.js';

/** What a batch of reminder jobs is checked against, read for the whole batch at once. */
export interface ReminderFacts {
  sessions: Map<number, Session>;
  /** Members by Telegram id (a member reminder's chat). */
  members: Map<number, Member>;
  /** Answers by `sessionId:memberId`. */
  rsvps: Map<string, SessionRsvp>;
  /** Jobs a later reminder, also due, supersedes. */
  superseded: Set<number>;
  /** Group reminders' links by chat id (the topic to post in). */
  links: Map<number, LinkTarget>;
  /** Seats taken by session, for the sessions of group reminders (a group reminder says how many come). */
  seated: Map<number, number>;
}

export const rsvpKey = (sessionId: number, memberId: number) => `${sessionId}:${memberId}`;

/**
 * The sessions, recipients, answers and "is a later one due" facts of a claimed batch of reminder
 * jobs, in four statements side by side instead of four per reminder (two more when the batch has
 * group reminders: their links and seat counts). Read before any of them is
 * sent, as each reminder read them just before its own send: a change after the read is caught by
 * the change itself (it cancels or re-plans the pending reminders).
 */
export async function reminderFacts(db: DbOrTx, jobs: OutboxRow[], now: Date): Promise<ReminderFacts> {
  const sessionIds = [...new Set(jobs.map((j) => Number(j.payload.sessionId)).filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647))];
  const personal = jobs.filter((j) => j.payload.group !== true && j.chatId !== null && j.chatId > 0 && typeof j.payload.memberId === 'number');
  const chatIds = [...new Set(personal.map((j) => j.chatId!))];
  const groupJobs = jobs.filter((j) => j.payload.group === true && j.chatId !== null);
  const groupChats = [...new Set(groupJobs.map((j) => j.chatId!))];
  const groupSessions = [...new Set(groupJobs.map((j) => Number(j.payload.sessionId)))].filter((id) => sessionIds.includes(id));
  const pairs = [...new Set(personal.map((j) => rsvpKey(Number(j.payload.sessionId), j.payload.memberId as number)))].map((k) => k.split(':').map(Number) as [number, number]);
  const [sessionRows, memberRows, rsvpRows, superseded, links, seated] = await Promise.all([
    sessionIds.length ? db.select().from(sessions).where(inArray(sessions.id, sessionIds)) : [],
    chatIds.length ? db.select().from(members).where(inArray(members.telegramId, chatIds)) : [],
    pairs.length
      ? db
          .select()
          .from(sessionRsvps)
          .where(and(inArray(sessionRsvps.sessionId, [...new Set(pairs.map(([s]) => s))]), inArray(sessionRsvps.memberId, [...new Set(pairs.map(([, m]) => m))])))
      : [],
    laterJobsDue(db, jobs, now),
    findLinks(db, groupChats),
    seatedCounts(db, groupSessions),
  ]);
  return {
    sessions: new Map(sessionRows.map((s) => [s.id, s])),
    members: new Map(memberRows.map((m) => [m.telegramId, m])),
    rsvps: new Map(rsvpRows.map((r) => [rsvpKey(r.sessionId, r.memberId), r])),
    superseded,
    links,
    seated,
  };
}

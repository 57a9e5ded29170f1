import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideas, members, sessionAgenda, sessionRsvps, sessions, type Session, type Stage } from '../../db/schema/index.js';
import type { RsvpCounts } from '../sessions/queries.js';

export const SESSIONS_SHOWN = 20;

export interface SessionEntry {
  session: Session;
  counts: RsvpCounts;
  attended: number;
  agenda: { id: number; name: string; stage: Stage }[];
  /** Names of those marked present: for coordinators only (undefined otherwise). */
  attendees?: string[] | undefined;
}

export interface SessionsPage {
  upcoming: SessionEntry[];
  past: SessionEntry[];
}

/**
 * Upcoming (scheduled, not started, soonest first) and past sessions (latest first, cancelled ones
 * too), with answer counts, attendance and agenda ideas, in a fixed number of queries.
 */
export async function loadSessionsPage(db: DbOrTx, now: Date, opts: { coordinator: boolean }): Promise<SessionsPage> {
  const upcoming = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.status, 'scheduled'), gte(sessions.startsAt, now)))
    .orderBy(asc(sessions.startsAt))
    .limit(SESSIONS_SHOWN);
  const past = await db.select().from(sessions).where(lt(sessions.startsAt, now)).orderBy(desc(sessions.startsAt)).limit(SESSIONS_SHOWN);
  const all = [...upcoming, ...past];
  const ids = all.map((s) => s.id);
  const counts = new Map<number, RsvpCounts & { attended: number }>(ids.map((id) => [id, { yes: 0, maybe: 0, no: 0, waitlist: 0, attended: 0 }]));
  const agenda = new Map<number, SessionEntry['agenda']>(ids.map((id) => [id, []]));
  const present = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length) {
    const rows = await db
      .select({
        sessionId: sessionRsvps.sessionId,
        answer: sessionRsvps.answer,
        waiting: sql<boolean>`${sessionRsvps.waitlistedAt} is not null`,
        attended: sql<number>`count(*) filter (where ${sessionRsvps.attended})::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(sessionRsvps)
      .where(inArray(sessionRsvps.sessionId, ids))
      .groupBy(sessionRsvps.sessionId, sessionRsvps.answer, sql`${sessionRsvps.waitlistedAt} is not null`);
    for (const r of rows) {
      const c = counts.get(r.sessionId)!;
      if (r.answer === 'yes' && r.waiting) c.waitlist += Number(r.n);
      else c[r.answer] += Number(r.n);
      c.attended += Number(r.attended);
    }
    const items = await db
      .select({ sessionId: sessionAgenda.sessionId, id: ideas.id, name: ideas.name, stage: ideas.stage })
      .from(sessionAgenda)
      .innerJoin(ideas, eq(ideas.id, sessionAgenda.ideaId))
      .where(and(inArray(sessionAgenda.sessionId, ids), isNull(ideas.deletedAt)))
      .orderBy(asc(sessionAgenda.createdAt), asc(ideas.id));
    for (const i of items) agenda.get(i.sessionId)!.push({ id: i.id, name: i.name, stage: i.stage });
    if (opts.coordinator && past.length) {
      const names = await db
        .select({ sessionId: sessionRsvps.sessionId, full: members.fullName, first: members.firstName })
        .from(sessionRsvps)
        .innerJoin(members, eq(members.id, sessionRsvps.memberId))
        .where(and(inArray(sessionRsvps.sessionId, past.map((s) => s.id)), eq(sessionRsvps.attended, true)))
        .orderBy(asc(members.fullName), asc(members.id));
      for (const n of names) present.get(n.sessionId)!.push(n.full ?? n.first);
    }
  }
  const entry = (s: Session, isPast: boolean): SessionEntry => {
    const { attended, ...c } = counts.get(s.id)!;
    return { session: s, counts: c, attended, agenda: agenda.get(s.id)!, ...(opts.coordinator && isPast ? { attendees: present.get(s.id)! } : {}) };
  };
  return { upcoming: upcoming.map((s) => entry(s, false)), past: past.map((s) => entry(s, true)) };
}

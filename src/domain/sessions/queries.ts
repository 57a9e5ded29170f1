import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  ideas,
  members,
  sessionAgenda,
  sessionRsvps,
  sessions,
  type Member,
  type RsvpAnswer,
  type Session,
  type SessionRsvp,
  type Stage,
} from '../../db/schema/index.js';

export async function findSession(db: DbOrTx, id: number): Promise<Session | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return undefined;
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export interface RsvpCounts {
  /** "Hadir" with a seat. */
  yes: number;
  maybe: number;
  no: number;
  /** "Hadir" waiting for a seat. */
  waitlist: number;
}

export async function rsvpCounts(db: DbOrTx, sessionId: number): Promise<RsvpCounts> {
  const rows = await db
    .select({
      answer: sessionRsvps.answer,
      waiting: sql<boolean>`${sessionRsvps.waitlistedAt} is not null`,
      n: sql<number>`count(*)::int`,
    })
    .from(sessionRsvps)
    .where(eq(sessionRsvps.sessionId, sessionId))
    .groupBy(sessionRsvps.answer, sql`${sessionRsvps.waitlistedAt} is not null`);
  const counts: RsvpCounts = { yes: 0, maybe: 0, no: 0, waitlist: 0 };
  for (const r of rows) {
    if (r.answer === 'yes' && r.waiting) counts.waitlist += Number(r.n);
    else counts[r.answer] += Number(r.n);
  }
  return counts;
}

export interface AgendaIdea {
  id: number;
  name: string;
  expansion: string | null;
  stage: Stage;
}

export async function agendaIdeas(db: DbOrTx, sessionId: number): Promise<AgendaIdea[]> {
  return db
    .select({ id: ideas.id, name: ideas.name, expansion: ideas.expansion, stage: ideas.stage })
    .from(sessionAgenda)
    .innerJoin(ideas, eq(ideas.id, sessionAgenda.ideaId))
    .where(and(eq(sessionAgenda.sessionId, sessionId), isNull(ideas.deletedAt)))
    .orderBy(asc(sessionAgenda.createdAt), asc(ideas.id));
}

/** Everything an announcement or a detail view shows. */
export interface SessionView {
  session: Session;
  counts: RsvpCounts;
  ideas: AgendaIdea[];
}

export async function sessionView(db: DbOrTx, id: number): Promise<SessionView | undefined> {
  const session = await findSession(db, id);
  if (!session) return undefined;
  const [counts, ideaList] = [await rsvpCounts(db, id), await agendaIdeas(db, id)];
  return { session, counts, ideas: ideaList };
}

/** Scheduled sessions that have not started yet, soonest first. */
export async function upcomingSessions(db: DbOrTx, now: Date, limit: number): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.status, 'scheduled'), gt(sessions.startsAt, now)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id))
    .limit(limit);
}

export interface MyAnswer {
  answer: RsvpAnswer;
  waitlisted: boolean;
}

export async function answersOf(db: DbOrTx, memberId: number, sessionIds: number[]): Promise<Map<number, MyAnswer>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: sessionRsvps.sessionId, answer: sessionRsvps.answer, waitlistedAt: sessionRsvps.waitlistedAt })
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.memberId, memberId), inArray(sessionRsvps.sessionId, sessionIds)));
  return new Map(rows.map((r) => [r.sessionId, { answer: r.answer, waitlisted: r.waitlistedAt !== null }]));
}

/** 1-based place on the waitlist, or undefined when not waiting. */
export async function waitlistPosition(db: DbOrTx, sessionId: number, memberId: number): Promise<number | undefined> {
  const list = await db
    .select({ memberId: sessionRsvps.memberId })
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.answer, 'yes'), isNotNull(sessionRsvps.waitlistedAt)))
    .orderBy(asc(sessionRsvps.waitlistedAt), asc(sessionRsvps.memberId));
  const i = list.findIndex((r) => r.memberId === memberId);
  return i === -1 ? undefined : i + 1;
}

export interface Attendee {
  memberId: number;
  name: string;
  agency: string;
  answer: RsvpAnswer;
  waitlisted: boolean;
  attended: boolean | null;
}

/** Who answered, for coordinators: seated first, then the waitlist in order, then maybes. */
export async function attendees(db: DbOrTx, sessionId: number, answers: RsvpAnswer[] = ['yes', 'maybe']): Promise<Attendee[]> {
  const rows = await db
    .select({
      memberId: members.id,
      fullName: members.fullName,
      firstName: members.firstName,
      agency: agencies.shortName,
      answer: sessionRsvps.answer,
      waitlistedAt: sessionRsvps.waitlistedAt,
      attended: sessionRsvps.attended,
    })
    .from(sessionRsvps)
    .innerJoin(members, eq(members.id, sessionRsvps.memberId))
    .leftJoin(agencies, eq(agencies.id, members.agencyId))
    .where(and(eq(sessionRsvps.sessionId, sessionId), inArray(sessionRsvps.answer, answers)))
    .orderBy(asc(sessionRsvps.waitlistedAt), asc(sessionRsvps.answeredAt), asc(members.id));
  return rows.map((r) => ({
    memberId: r.memberId,
    name: r.fullName ?? r.firstName,
    agency: r.agency ?? '—',
    answer: r.answer,
    waitlisted: r.waitlistedAt !== null,
    attended: r.attended,
  }));
}

/** Members to tell about a change: everyone who said Hadir (seated or waiting) or Mungkin. */
export async function rsvpRecipients(db: DbOrTx, sessionId: number): Promise<Pick<Member, 'id' | 'telegramId'>[]> {
  return db
    .select({ id: members.id, telegramId: members.telegramId })
    .from(sessionRsvps)
    .innerJoin(members, eq(members.id, sessionRsvps.memberId))
    .where(and(eq(sessionRsvps.sessionId, sessionId), inArray(sessionRsvps.answer, ['yes', 'maybe'])))
    .orderBy(asc(members.id));
}

export async function findRsvp(db: DbOrTx, sessionId: number, memberId: number): Promise<SessionRsvp | undefined> {
  const [rsvp] = await db
    .select()
    .from(sessionRsvps)
    .where(and(eq(sessionRsvps.sessionId, sessionId), eq(sessionRsvps.memberId, memberId)));
  return rsvp;
}

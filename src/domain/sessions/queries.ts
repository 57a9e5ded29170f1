import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  ideas,
  members,
  sessionAgenda,
  sessionPosts,
  sessionRsvps,
  sessions,
  type Member,
  type RsvpAnswer,
  type Session,
  type SessionPost,
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

/** A json column as the driver hands it over (parsed already, or text). */
const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** The session's counts by answer, as one json column of a query over `sessions`. */
const countsColumn = sql<unknown>`(select json_build_object(
    'yes', count(*) filter (where r.answer = 'yes' and r.waitlisted_at is null),
    'maybe', count(*) filter (where r.answer = 'maybe'),
    'no', count(*) filter (where r.answer = 'no'),
    'waitlist', count(*) filter (where r.answer = 'yes' and r.waitlisted_at is not null))
  from session_rsvps r where r.session_id = ${sessions.id})`;

/** The session's agenda in order (as agendaIdeas), as one json column of a query over `sessions`. */
const ideasColumn = sql<unknown>`(select coalesce(json_agg(json_build_object('id', i.id, 'name', i.name, 'expansion', i.expansion, 'stage', i.stage)
    order by a.created_at, i.id), '[]'::json)
  from session_agenda a join ideas i on i.id = a.idea_id where a.session_id = ${sessions.id} and i.deleted_at is null)`;

function viewOf(row: { session: Session; counts: unknown; ideas: unknown }): SessionView {
  const c = fromJson<Record<keyof RsvpCounts, number | string>>(row.counts);
  const counts: RsvpCounts = { yes: Number(c.yes), maybe: Number(c.maybe), no: Number(c.no), waitlist: Number(c.waitlist) };
  return { session: row.session, counts, ideas: fromJson<AgendaIdea[]>(row.ideas).map((i) => ({ ...i, id: Number(i.id) })) };
}

/** Everything an announcement or a detail view shows, in one statement. */
export async function sessionView(db: DbOrTx, id: number): Promise<SessionView | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return undefined;
  const [row] = await db.select({ session: sessions, counts: countsColumn, ideas: ideasColumn }).from(sessions).where(eq(sessions.id, id));
  return row ? viewOf(row) : undefined;
}

/** The seats taken ("Hadir" not waiting) of each of `ids`, in one statement; sessions without any are left out. */
export async function seatedCounts(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: sessionRsvps.sessionId, n: sql<number>`count(*)::int` })
    .from(sessionRsvps)
    .where(and(inArray(sessionRsvps.sessionId, ids), eq(sessionRsvps.answer, 'yes'), isNull(sessionRsvps.waitlistedAt)))
    .groupBy(sessionRsvps.sessionId);
  return new Map(rows.map((r) => [r.sessionId, Number(r.n)]));
}

/** A posted announcement with what it should show now, in one statement (the refresh job's read). */
export async function postView(db: DbOrTx, postId: number): Promise<{ post: SessionPost; view: SessionView } | undefined> {
  const [row] = await db
    .select({ post: sessionPosts, session: sessions, counts: countsColumn, ideas: ideasColumn })
    .from(sessionPosts)
    .innerJoin(sessions, eq(sessions.id, sessionPosts.sessionId))
    .where(eq(sessionPosts.id, postId));
  return row ? { post: row.post, view: viewOf(row) } : undefined;
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

import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideaAwards, ideas, sessionRsvps, sessions, type AwardLevel, type Competition, type Stage } from '../../db/schema/index.js';
import { yearRange } from '../ideas/list.js';
import { implementedStages } from './rules.js';

/** The lists of the yearly report (`/rekap Y laporan`), beside the recap's counts. */
export interface ImplementedInnovation {
  id: number;
  name: string;
  expansion: string | null;
  agencyName: string;
  stage: Stage;
  pitchedAt: Date;
  trialStartedOn: string | null;
  implementedOn: string;
}

export interface YearResult {
  ideaId: number;
  ideaName: string;
  agencyName: string;
  level: AwardLevel;
  competition: Competition;
  result: string;
}

/** Sessions not cancelled that have started by now (held, with or without minutes). */
export interface SessionHeld {
  id: number;
  title: string;
  startsAt: Date;
  place: string;
  /** Confirmed present by a coordinator (`/kehadiran`). */
  attended: number;
  /** Answered Hadir (for sessions whose attendance was not confirmed). */
  registered: number;
}

export interface ReportLists {
  implemented: ImplementedInnovation[];
  results: YearResult[];
  sessions: SessionHeld[];
}

/** Same rule as the recap: implemented or replicated now, implementation began in the year, active agency. */
export async function loadReportLists(db: DbOrTx, year: number, timeZone: string, now: Date): Promise<ReportLists> {
  return { implemented: await loadImplemented(db, year), results: await loadYearResults(db, year), sessions: await loadSessionsHeld(db, year, timeZone, now) };
}

export async function loadImplemented(db: DbOrTx, year: number): Promise<ImplementedInnovation[]> {
  const rows = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      expansion: ideas.expansion,
      agencyName: agencies.name,
      stage: ideas.stage,
      pitchedAt: ideas.createdAt,
      trialStartedOn: ideas.trialStartedOn,
      implementedOn: ideas.implementedOn,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(
      and(
        isNull(ideas.deletedAt),
        eq(agencies.active, true),
        inArray(ideas.stage, [...implementedStages]),
        gte(ideas.implementedOn, `${year}-01-01`),
        lte(ideas.implementedOn, `${year}-12-31`),
      ),
    )
    .orderBy(asc(ideas.implementedOn), asc(ideas.id));
  return rows.map((r) => ({ ...r, implementedOn: r.implementedOn! }));
}

/** Results recorded for competitions of the year, national first. */
export async function loadYearResults(db: DbOrTx, year: number): Promise<YearResult[]> {
  return db
    .select({
      ideaId: ideas.id,
      ideaName: ideas.name,
      agencyName: agencies.name,
      level: ideaAwards.level,
      competition: ideaAwards.competition,
      result: ideaAwards.result,
    })
    .from(ideaAwards)
    .innerJoin(ideas, eq(ideas.id, ideaAwards.ideaId))
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(isNull(ideas.deletedAt), eq(agencies.active, true), eq(ideaAwards.year, year)))
    .orderBy(sql`case ${ideaAwards.level} when 'nasional' then 0 when 'provinsi' then 1 else 2 end`, asc(ideas.name), asc(ideaAwards.id));
}

export async function loadSessionsHeld(db: DbOrTx, year: number, timeZone: string, now: Date): Promise<SessionHeld[]> {
  const held = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      place: sessions.place,
      attended: sql<number>`count(${sessionRsvps.memberId}) filter (where ${sessionRsvps.attended})::int`,
      registered: sql<number>`count(${sessionRsvps.memberId}) filter (where ${sessionRsvps.answer} = 'yes' and ${sessionRsvps.waitlistedAt} is null)::int`,
    })
    .from(sessions)
    .leftJoin(sessionRsvps, eq(sessionRsvps.sessionId, sessions.id))
    .where(and(ne(sessions.status, 'cancelled'), lte(sessions.startsAt, now), yearRange(sql`${sessions.startsAt}`, year, timeZone)))
    .groupBy(sessions.id)
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return held.map((s) => ({ ...s, attended: Number(s.attended), registered: Number(s.registered) }));
}

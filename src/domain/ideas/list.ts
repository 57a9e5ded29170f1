import { and, asc, desc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import { agencies, ideas, stages, type Stage } from '../../db/schema/index.js';

/** What one line of a list (of ideas or of search results) shows. */
export const listColumns = {
  id: ideas.id,
  name: ideas.name,
  stage: ideas.stage,
  agencyShort: agencies.shortName,
  supportCount: ideas.supportCount,
  commentCount: ideas.commentCount,
};

export const LIST_PAGE_SIZE = 10;

export interface IdeaFilters {
  stage?: Stage | undefined;
  agencyId?: number | undefined;
  year?: number | undefined;
  /** Only the viewer's own ideas. */
  mine?: boolean | undefined;
}

/**
 * Filters travel in callback data, so they are short: `s2.a15.y2026.m` (stage index, agency id,
 * year, mine) or `-` for none.
 */
export function encodeFilters(f: IdeaFilters): string {
  const parts: string[] = [];
  if (f.stage) parts.push(`s${stages.indexOf(f.stage)}`);
  if (f.agencyId) parts.push(`a${f.agencyId}`);
  if (f.year) parts.push(`y${f.year}`);
  if (f.mine) parts.push('m');
  return parts.length ? parts.join('.') : '-';
}

export function decodeFilters(text: string): IdeaFilters | undefined {
  if (text === '-') return {};
  const f: IdeaFilters = {};
  for (const part of text.split('.')) {
    if (part === 'm') {
      f.mine = true;
      continue;
    }
    const match = /^([say])(\d{1,9})$/.exec(part);
    if (!match) return undefined;
    const n = Number(match[2]);
    if (match[1] === 's') {
      const stage = stages[n];
      if (!stage) return undefined;
      f.stage = stage;
    } else if (match[1] === 'a') {
      if (n < 1) return undefined;
      f.agencyId = n;
    } else {
      if (n < 1900 || n > 2200) return undefined;
      f.year = n;
    }
  }
  return f;
}

export function hasFilters(f: IdeaFilters): boolean {
  return Boolean(f.stage || f.agencyId || f.year || f.mine);
}

export interface ListRow {
  id: number;
  name: string;
  stage: Stage;
  agencyShort: string;
  supportCount: number;
  commentCount: number;
}

export interface ListPage {
  rows: ListRow[];
  hasPrev: boolean;
  hasNext: boolean;
  /** All ideas matching the filters (not only this page's), counted up to COUNT_CAP. */
  total: { count: number; more: boolean };
}

/** `next`: ideas older than the cursor id; `prev`: newer ones. Ids only grow, so pages stay put while new ideas arrive. */
export interface ListCursor {
  dir: 'next' | 'prev';
  id: number;
}

/** Start (inclusive) and end (exclusive) of a calendar year in the forum's time zone. */
export function yearRange(column: SQL | typeof ideas.createdAt, year: number, timeZone: string): SQL {
  return sql`${column} >= (make_timestamp(${year}::int, 1, 1, 0, 0, 0) at time zone ${timeZone}) and ${column} < (make_timestamp(${year + 1}::int, 1, 1, 0, 0, 0) at time zone ${timeZone})`;
}

function conditions(filters: IdeaFilters, viewerId: number | undefined, timeZone: string): SQL[] {
  const where: SQL[] = [isNull(ideas.deletedAt)];
  if (filters.stage) where.push(eq(ideas.stage, filters.stage));
  if (filters.agencyId) where.push(eq(ideas.agencyId, filters.agencyId));
  if (filters.year) where.push(yearRange(ideas.createdAt, filters.year, timeZone));
  // "Mine" without a known viewer matches nothing rather than everything.
  if (filters.mine) where.push(eq(ideas.ownerId, viewerId ?? -1));
  return where;
}

/**
 * One page, newest first, by keyset on the id (an indexed query), and the capped count of all
 * matching ideas in the same statement (an uncorrelated sub-select, run once): a page costs one
 * round trip. Only a page with no rows at all (an empty list, or a cursor past the last idea)
 * needs a second statement for the count.
 */
export async function listIdeas(
  db: DbOrTx,
  req: { filters: IdeaFilters; viewerId?: number | undefined; cursor?: ListCursor | undefined; timeZone: string; pageSize?: number },
): Promise<ListPage> {
  const size = req.pageSize ?? LIST_PAGE_SIZE;
  const matching = conditions(req.filters, req.viewerId, req.timeZone);
  const where = [...matching];
  const prev = req.cursor?.dir === 'prev';
  if (req.cursor) where.push(prev ? gt(ideas.id, req.cursor.id) : lt(ideas.id, req.cursor.id));
  const rows = await db
    .select({ ...listColumns, total: sql<number>`(${cappedCount(matching, COUNT_CAP)})`.mapWith(Number) })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(...where))
    .orderBy(prev ? asc(ideas.id) : desc(ideas.id))
    .limit(size + 1);
  const more = rows.length > size;
  const page = rows.slice(0, size).map(({ total: _total, ...row }) => row);
  if (prev) page.reverse();
  const counted = rows[0]?.total;
  return {
    rows: page,
    hasPrev: prev ? more : req.cursor !== undefined,
    hasNext: prev ? true : more,
    total: counted === undefined ? await countIdeas(db, req.filters, req.viewerId, req.timeZone) : capped(counted, COUNT_CAP),
  };
}

/**
 * Counting stops here; beyond it the list says "10000+". An exact count of 100,000 ideas is a scan
 * on every page shown, and nobody pages through ten thousand ideas.
 */
export const COUNT_CAP = 10_000;

export async function countIdeas(
  db: DbOrTx,
  filters: IdeaFilters,
  viewerId: number | undefined,
  timeZone: string,
  cap = COUNT_CAP,
): Promise<{ count: number; more: boolean }> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select ${cappedCount(conditions(filters, viewerId, timeZone), cap)} as n`));
  return capped(Number(row?.n ?? 0), cap);
}

/** `select count(*)` of the ideas matching, stopping at cap + 1 (so "more than cap" can be told). */
function cappedCount(where: SQL[], cap: number): SQL {
  return sql`(select count(*)::int from (select 1 from ${ideas} where ${and(...where)} limit ${cap + 1}) matching)`;
}

function capped(n: number, cap: number): { count: number; more: boolean } {
  return { count: Math.min(n, cap), more: n > cap };
}

/** Years that have ideas (for the year picker), newest first. */
export async function ideaYears(db: DbOrTx, timeZone: string): Promise<number[]> {
  const year = sql<number>`extract(year from ${ideas.createdAt} at time zone ${timeZone})::int`;
  // Grouped and ordered by position: the expression's bound time zone would not match twice.
  const rows = await db.select({ year }).from(ideas).where(isNull(ideas.deletedAt)).groupBy(sql`1`).orderBy(sql`1 desc`).limit(12);
  return rows.map((r) => Number(r.year));
}

/** Agencies that have ideas (for the agency picker), by short name. */
export async function agenciesWithIdeas(db: DbOrTx, limit = 40): Promise<{ id: number; shortName: string }[]> {
  return db
    .selectDistinct({ id: agencies.id, shortName: agencies.shortName })
    .from(agencies)
    .innerJoin(ideas, and(eq(ideas.agencyId, agencies.id), isNull(ideas.deletedAt)))
    .orderBy(asc(agencies.shortName))
    .limit(limit);
}

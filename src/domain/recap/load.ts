import { and, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaAwards, ideas } from '../../db/schema/index.js';
import { listActiveAgencies } from '../agencies.js';
import { readDataVersion, type VersionedTable } from '../data-versions.js';
import { buildRecap, implementedStages, progressStages, YEARS_SHOWN, type ProgressStage, type Recap } from './rules.js';

/** Everything the recap reads; a write to any of them (committed, by anyone) makes it recompute. */
const RECAP_INPUTS: readonly VersionedTable[] = ['ideas', 'idea_awards', 'agencies'];
/** Recaps kept per database handle: a few years × time zones are asked for in practice. */
const MAX_MEMOISED = 16;

interface Memo {
  version: string;
  recap: Promise<Recap>;
}
// Keyed by the handle (not global): tests open many databases in one process, and a transaction's
// handle sees its own uncommitted writes, which must not be served to anyone else.
const memos = new WeakMap<DbOrTx, Map<string, Memo>>();

/**
 * The recap of a year, memoised while its inputs are unchanged: one small read of the data version
 * (cache.data_versions, bumped by triggers in the writing transaction, so correct across instances
 * and for writes that bypass the bot), and the four grouped queries only after a change. Concurrent
 * callers at the same version share one computation. The result is frozen: it is shared.
 */
export async function loadRecap(db: DbOrTx, year: number, timeZone: string): Promise<Recap> {
  const version = await readDataVersion(db, RECAP_INPUTS);
  let byKey = memos.get(db);
  if (!byKey) memos.set(db, (byKey = new Map()));
  const key = `${year}|${timeZone}`;
  const hit = byKey.get(key);
  if (hit && hit.version === version) return hit.recap;
  const memo: Memo = { version, recap: computeRecap(db, year, timeZone).then(deepFreeze) };
  byKey.delete(key);
  byKey.set(key, memo);
  if (byKey.size > MAX_MEMOISED) byKey.delete(byKey.keys().next().value!);
  // A failed computation is not kept: the next call tries again.
  memo.recap.catch(() => {
    if (byKey.get(key) === memo) byKey.delete(key);
  });
  return memo.recap;
}

/**
 * The recap from the database: the rules of rules.ts as grouped queries (four, whatever the number
 * of ideas), limited to the years the recap shows.
 */
async function computeRecap(db: DbOrTx, year: number, timeZone: string): Promise<Recap> {
  const from = year - YEARS_SHOWN + 1;
  const active = await listActiveAgencies(db);
  const pitchYear = sql<number>`extract(year from ${ideas.createdAt} at time zone ${timeZone})::int`;
  const pitched = await db
    .select({ agencyId: ideas.agencyId, year: pitchYear, count: sql<number>`count(*)::int` })
    .from(ideas)
    .where(and(isNull(ideas.deletedAt), sql`${ideas.createdAt} >= (make_timestamp(${from}::int, 1, 1, 0, 0, 0) at time zone ${timeZone})`, yearRangeEnd(year, timeZone)))
    // By position: the year expression carries a parameter, which PostgreSQL cannot match again.
    .groupBy(sql`1`, sql`2`);
  const implYear = sql<number>`extract(year from ${ideas.implementedOn})::int`;
  const implemented = await db
    .select({ agencyId: ideas.agencyId, year: implYear, count: sql<number>`count(*)::int` })
    .from(ideas)
    .where(
      and(
        isNull(ideas.deletedAt),
        inArray(ideas.stage, [...implementedStages]),
        isNotNull(ideas.implementedOn),
        gte(ideas.implementedOn, `${from}-01-01`),
        lte(ideas.implementedOn, `${year}-12-31`),
      ),
    )
    .groupBy(sql`1`, sql`2`);
  const results = await db
    .select({ agencyId: ideas.agencyId, year: ideaAwards.year, count: sql<number>`count(*)::int` })
    .from(ideaAwards)
    .innerJoin(ideas, eq(ideas.id, ideaAwards.ideaId))
    .where(and(isNull(ideas.deletedAt), gte(ideaAwards.year, from), lte(ideaAwards.year, year)))
    .groupBy(ideas.agencyId, ideaAwards.year);
  const progress = await db
    .select({ agencyId: ideas.agencyId, stage: ideas.stage, count: sql<number>`count(*)::int` })
    .from(ideas)
    .where(and(isNull(ideas.deletedAt), inArray(ideas.stage, [...progressStages])))
    .groupBy(ideas.agencyId, ideas.stage);
  const num = <T extends { count: number }>(rows: T[]) => rows.map((r) => ({ ...r, count: Number(r.count) }));
  const yearly = <T extends { year: number; count: number }>(rows: T[]) => num(rows).map((r) => ({ ...r, year: Number(r.year) }));
  return buildRecap(year, active, {
    pitched: yearly(pitched),
    implemented: yearly(implemented),
    results: yearly(results),
    progress: num(progress).map((r) => ({ ...r, stage: r.stage as ProgressStage })),
  });
}

function yearRangeEnd(year: number, timeZone: string) {
  return sql`${ideas.createdAt} < (make_timestamp(${year + 1}::int, 1, 1, 0, 0, 0) at time zone ${timeZone})`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaAwards, ideas } from '../../db/schema/index.js';
import { listActiveAgencies } from '../agencies.js';
import { readDataVersion, type VersionedTable } from '../data-versions.js';
import { buildRecap, isImplemented, isInProgress, YEARS_SHOWN, type ProgressStage, type Recap } from './rules.js';

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
 * and for writes that bypass the bot), and the counting queries only after a change. Concurrent
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
 * The recap from the database: the rules of rules.ts as two grouped queries whatever the number of
 * ideas. Every live idea is counted once, from ideas_recap_idx alone, by agency, stage, pitch year and
 * implementation year (as buckets of the years shown, 0 before them), and the rules are applied to
 * these few hundred groups here; competition results are a join of their own.
 */
async function computeRecap(db: DbOrTx, year: number, timeZone: string): Promise<Recap> {
  const from = year - YEARS_SHOWN + 1;
  const bounds = Array.from({ length: YEARS_SHOWN + 1 }, (_, i) => from + i);
  const active = await listActiveAgencies(db);
  // Year starts in the forum's time zone, computed once (a sub-select), compared per row by
  // width_bucket: a time zone conversion per idea was most of the cost of the count.
  const pitchStarts = sql.join(bounds.map((y) => sql`make_timestamp(${y}::int, 1, 1, 0, 0, 0) at time zone ${timeZone}`), sql`, `);
  const groups = await db
    .select({
      agencyId: ideas.agencyId,
      stage: ideas.stage,
      pitchBucket: sql<number>`width_bucket(${ideas.createdAt}, (select array[${pitchStarts}]))`,
      implementedBucket: sql<number | null>`width_bucket(${ideas.implementedOn}, ${`{${bounds.map((y) => `${y}-01-01`).join(',')}}`}::date[])`,
      count: sql<number>`count(*)::int`,
    })
    .from(ideas)
    .where(isNull(ideas.deletedAt))
    // By position: the bucket expressions carry parameters, which PostgreSQL cannot match again.
    .groupBy(sql`1`, sql`2`, sql`3`, sql`4`);
  const results = await db
    .select({ agencyId: ideas.agencyId, year: ideaAwards.year, count: sql<number>`count(*)::int` })
    .from(ideaAwards)
    .innerJoin(ideas, eq(ideas.id, ideaAwards.ideaId))
    .where(and(isNull(ideas.deletedAt), gte(ideaAwards.year, from), lte(ideaAwards.year, year)))
    .groupBy(ideas.agencyId, ideaAwards.year);

  const pitched = new Tally<number>();
  const implemented = new Tally<number>();
  const progress = new Tally<ProgressStage>();
  // Bucket b (1 … YEARS_SHOWN) is the year from + b − 1; 0 is before, YEARS_SHOWN + 1 after.
  const yearOf = (bucket: number | null) => (bucket !== null && bucket >= 1 && bucket <= YEARS_SHOWN ? from + Number(bucket) - 1 : undefined);
  for (const g of groups) {
    const count = Number(g.count);
    const pitchYear = yearOf(Number(g.pitchBucket));
    if (pitchYear !== undefined) pitched.add(g.agencyId, pitchYear, count);
    const implementedYear = isImplemented(g.stage) ? yearOf(g.implementedBucket === null ? null : Number(g.implementedBucket)) : undefined;
    if (implementedYear !== undefined) implemented.add(g.agencyId, implementedYear, count);
    if (isInProgress(g.stage)) progress.add(g.agencyId, g.stage, count);
  }
  return buildRecap(year, active, {
    pitched: pitched.rows().map(([agencyId, y, count]) => ({ agencyId, year: y, count })),
    implemented: implemented.rows().map(([agencyId, y, count]) => ({ agencyId, year: y, count })),
    results: results.map((r) => ({ agencyId: r.agencyId, year: Number(r.year), count: Number(r.count) })),
    progress: progress.rows().map(([agencyId, stage, count]) => ({ agencyId, stage, count })),
  });
}

/** Counts summed per agency and key. */
class Tally<K extends string | number> {
  private readonly counts = new Map<string, [number, K, number]>();
  add(agencyId: number, key: K, count: number): void {
    const id = `${agencyId}:${key}`;
    const entry = this.counts.get(id);
    if (entry) entry[2] += count;
    else this.counts.set(id, [agencyId, key, count]);
  }
  rows(): [number, K, number][] {
    return [...this.counts.values()];
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

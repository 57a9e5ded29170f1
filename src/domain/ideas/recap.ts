import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaAwards, ideas, stages, type Stage } from '../../db/schema/index.js';
import { listActiveAgencies } from '../agencies.js';
import { yearRange } from './list.js';

/**
 * One Agency One Innovation (Satu Perangkat Daerah Satu Inovasi): every active agency should have
 * at least one innovation implemented each year.
 *
 * For a year Y (WITA):
 *  - `byStage` counts the agency's ideas pitched in Y, by the stage they are in now;
 *  - `implemented` counts its ideas whose implementation started in Y and that are still
 *    implemented (or replicated) — an innovation dropped since does not meet the target;
 *  - `awards` counts competition results recorded for Y.
 * Agencies that have not met the target come first, then those that have, each by short name (as shown).
 */
export type StageCounts = Record<Stage, number>;

export interface AgencyRecap {
  agencyId: number;
  name: string;
  shortName: string;
  byStage: StageCounts;
  /** Ideas pitched in the year. */
  total: number;
  implemented: number;
  awards: number;
  met: boolean;
}

export interface Recap {
  year: number;
  agencies: AgencyRecap[];
  totals: {
    byStage: StageCounts;
    total: number;
    implemented: number;
    awards: number;
    agencies: number;
    agenciesMet: number;
  };
}

export interface RecapInput {
  year: number;
  agencies: { id: number; name: string; shortName: string }[];
  stageCounts: { agencyId: number; stage: Stage; count: number }[];
  implemented: { agencyId: number; count: number }[];
  awards: { agencyId: number; count: number }[];
}

export const emptyStageCounts = (): StageCounts => Object.fromEntries(stages.map((s) => [s, 0])) as StageCounts;

/** The arithmetic, apart from the database. Rows for agencies not in the list (inactive) are left out. */
export function buildRecap(input: RecapInput): Recap {
  const byAgency = new Map<number, AgencyRecap>();
  for (const a of input.agencies) {
    byAgency.set(a.id, { agencyId: a.id, name: a.name, shortName: a.shortName, byStage: emptyStageCounts(), total: 0, implemented: 0, awards: 0, met: false });
  }
  for (const row of input.stageCounts) {
    const entry = byAgency.get(row.agencyId);
    if (!entry) continue;
    entry.byStage[row.stage] += row.count;
    entry.total += row.count;
  }
  for (const row of input.implemented) {
    const entry = byAgency.get(row.agencyId);
    if (entry) entry.implemented += row.count;
  }
  for (const row of input.awards) {
    const entry = byAgency.get(row.agencyId);
    if (entry) entry.awards += row.count;
  }
  const list = [...byAgency.values()];
  for (const entry of list) entry.met = entry.implemented > 0;
  list.sort((a, b) => Number(a.met) - Number(b.met) || a.shortName.localeCompare(b.shortName, 'id'));
  const totals = { byStage: emptyStageCounts(), total: 0, implemented: 0, awards: 0, agencies: list.length, agenciesMet: 0 };
  for (const entry of list) {
    for (const s of stages) totals.byStage[s] += entry.byStage[s];
    totals.total += entry.total;
    totals.implemented += entry.implemented;
    totals.awards += entry.awards;
    if (entry.met) totals.agenciesMet++;
  }
  return { year: input.year, agencies: list, totals };
}

/** Four grouped queries, whatever the number of ideas. */
export async function loadRecap(db: DbOrTx, year: number, timeZone: string): Promise<Recap> {
  const active = await listActiveAgencies(db);
  const stageCounts = await db
    .select({ agencyId: ideas.agencyId, stage: ideas.stage, count: sql<number>`count(*)::int` })
    .from(ideas)
    .where(and(isNull(ideas.deletedAt), yearRange(ideas.createdAt, year, timeZone)))
    .groupBy(ideas.agencyId, ideas.stage);
  const implemented = await db
    .select({ agencyId: ideas.agencyId, count: sql<number>`count(*)::int` })
    .from(ideas)
    .where(
      and(
        isNull(ideas.deletedAt),
        inArray(ideas.stage, ['implemented', 'replicated']),
        gte(ideas.implementedOn, `${year}-01-01`),
        lte(ideas.implementedOn, `${year}-12-31`),
      ),
    )
    .groupBy(ideas.agencyId);
  const awards = await db
    .select({ agencyId: ideas.agencyId, count: sql<number>`count(*)::int` })
    .from(ideaAwards)
    .innerJoin(ideas, eq(ideas.id, ideaAwards.ideaId))
    .where(and(isNull(ideas.deletedAt), eq(ideaAwards.year, year)))
    .groupBy(ideas.agencyId);
  const num = <T extends { count: number }>(rows: T[]) => rows.map((r) => ({ ...r, count: Number(r.count) }));
  return buildRecap({ year, agencies: active, stageCounts: num(stageCounts), implemented: num(implemented), awards: num(awards) });
}

import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideas, members } from '../../db/schema/index.js';
import { coveredIndicators } from './items.js';
import type { Indicator, IndicatorSet } from './indicators.js';

export interface RecapIdea {
  id: number;
  name: string;
  ownerName: string;
  ownerUsername: string | null;
  done: number;
  missingMandatory: Indicator[];
}

export interface EvidenceRecap {
  year: number;
  total: number;
  agencies: Array<{ name: string; shortName: string; ideas: RecapIdea[] }>;
  /** Indicators most often without evidence, most missed first. */
  commonMissing: Array<{ indicator: Indicator; missing: number }>;
  /** Ideas missing mandatory evidence or below half, least complete first: the people to chase. */
  chase: Array<RecapIdea & { agencyShortName: string }>;
  ideaCount: number;
}

/** Completeness of every implemented (or replicated) innovation's evidence for a year's list, by agency. */
export async function loadEvidenceRecap(db: DbOrTx, set: IndicatorSet): Promise<EvidenceRecap> {
  const rows = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      agencyName: agencies.name,
      agencyShort: agencies.shortName,
      ownerName: sql<string>`coalesce(${members.fullName}, ${members.firstName})`,
      ownerUsername: members.username,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(and(isNull(ideas.deletedAt), inArray(ideas.stage, ['implemented', 'replicated'])))
    .orderBy(asc(agencies.name), asc(ideas.id));
  const covered = await coveredIndicators(db, rows.map((r) => r.id), set);
  const missingCount = new Map<string, number>();
  const byAgency = new Map<string, { name: string; shortName: string; ideas: RecapIdea[] }>();
  const chase: EvidenceRecap['chase'] = [];
  for (const r of rows) {
    const have = covered.get(r.id) ?? new Set<string>();
    for (const ind of set.indicators) if (!have.has(ind.code)) missingCount.set(ind.code, (missingCount.get(ind.code) ?? 0) + 1);
    const idea: RecapIdea = {
      id: r.id,
      name: r.name,
      ownerName: r.ownerName,
      ownerUsername: r.ownerUsername,
      done: set.indicators.filter((i) => have.has(i.code)).length,
      missingMandatory: set.indicators.filter((i) => i.mandatory && !have.has(i.code)),
    };
    let group = byAgency.get(r.agencyName);
    if (!group) byAgency.set(r.agencyName, (group = { name: r.agencyName, shortName: r.agencyShort, ideas: [] }));
    group.ideas.push(idea);
    if (idea.missingMandatory.length > 0 || idea.done * 2 < set.indicators.length) chase.push({ ...idea, agencyShortName: r.agencyShort });
  }
  const commonMissing = set.indicators
    .map((indicator) => ({ indicator, missing: missingCount.get(indicator.code) ?? 0 }))
    .filter((m) => m.missing > 0)
    .sort((a, b) => b.missing - a.missing || a.indicator.number - b.indicator.number);
  chase.sort((a, b) => a.done - b.done || a.id - b.id);
  return { year: set.year, total: set.indicators.length, agencies: [...byAgency.values()], commonMissing, chase, ideaCount: rows.length };
}

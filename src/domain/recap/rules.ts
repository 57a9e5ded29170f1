import type { Stage } from '../../db/schema/index.js';

/**
 * The counting rules of the One Agency One Innovation recap, in one place. For a year Y (WITA):
 *
 *  - **pitched in Y**: ideas whose pitch (creation) falls in Y, whatever their stage now;
 *  - **implementation began in Y**: ideas that are Diterapkan or Direplikasi *now* and whose
 *    implementation date (`implementedOn`: set when the idea enters Diterapkan or Direplikasi,
 *    editable by coordinators) falls in Y. Only these decide whether a PD met the target in Y;
 *  - **competition results in Y**: results recorded for competitions of year Y;
 *  - **in progress now**: ideas at Usulan, Dibahas, Inisiatif or Uji coba today, whatever year they
 *    were pitched. A PD that has not met the target and has an idea in Uji coba is "close".
 *
 * What the transitions mean:
 *  - pitched in 2026, implemented in 2027: a 2026 pitch and a 2027 implementation (two headings);
 *  - implemented, then archived: dropped — it counts in no year while archived; reopened, it goes
 *    back to Diterapkan with its date and counts again in the year implementation began;
 *  - replicated: still the same innovation, counted in the year its implementation began;
 *  - moved back (from Diterapkan or Direplikasi to an earlier stage): implementation stopped; the
 *    date is cleared (the move stays in the history) and, when the idea is implemented again,
 *    implementation begins anew on that day.
 *
 * `loadRecap` runs these rules as grouped SQL; `countIdeas` runs them on plain facts (tests, exports),
 * and the two must agree.
 */
export const progressStages = ['pitched', 'discussed', 'initiative', 'trial'] as const satisfies readonly Stage[];
export type ProgressStage = (typeof progressStages)[number];
export const implementedStages = ['implemented', 'replicated'] as const satisfies readonly Stage[];

/** How many past years the yearly view shows before Y (Y−4 … Y). */
export const YEARS_SHOWN = 5;

export interface IdeaFacts {
  agencyId: number;
  stage: Stage;
  /** The pitch's date in the forum's time zone, `YYYY-MM-DD`. */
  pitchedOn: string;
  implementedOn: string | null;
}

const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

export const isInProgress = (stage: Stage): stage is ProgressStage => (progressStages as readonly Stage[]).includes(stage);
export const isImplemented = (stage: Stage): boolean => (implementedStages as readonly Stage[]).includes(stage);

/** The year the idea was pitched. */
export const pitchYear = (idea: Pick<IdeaFacts, 'pitchedOn'>): number => yearOf(idea.pitchedOn);

/** The year implementation began, if the idea counts as an implemented innovation now. */
export function implementationYear(idea: Pick<IdeaFacts, 'stage' | 'implementedOn'>): number | undefined {
  return isImplemented(idea.stage) && idea.implementedOn ? yearOf(idea.implementedOn) : undefined;
}

/** Stage moves that stop an implementation (and clear its date): back to a stage before Diterapkan. */
export function stopsImplementation(from: Stage, to: Stage): boolean {
  return isImplemented(from) && isInProgress(to);
}

export type ProgressCounts = Record<ProgressStage, number>;
export const emptyProgress = (): ProgressCounts => ({ pitched: 0, discussed: 0, initiative: 0, trial: 0 });

export interface AgencyRef {
  id: number;
  name: string;
  shortName: string;
}

export interface YearCount {
  agencyId: number;
  year: number;
  count: number;
}

/** What the recap is computed from: three yearly tables and today's stages, per agency. */
export interface RecapCounts {
  pitched: YearCount[];
  implemented: YearCount[];
  results: YearCount[];
  progress: { agencyId: number; stage: ProgressStage; count: number }[];
}

/** The rules above applied to plain facts (every idea not deleted; results by year of competition). */
export function countIdeas(ideas: readonly IdeaFacts[], results: readonly { agencyId: number; year: number }[]): RecapCounts {
  const tally = (rows: { agencyId: number; year: number }[]): YearCount[] => {
    const map = new Map<string, YearCount>();
    for (const r of rows) {
      const key = `${r.agencyId}:${r.year}`;
      const entry = map.get(key) ?? { agencyId: r.agencyId, year: r.year, count: 0 };
      entry.count++;
      map.set(key, entry);
    }
    return [...map.values()];
  };
  const progress = new Map<string, { agencyId: number; stage: ProgressStage; count: number }>();
  for (const idea of ideas) {
    if (!isInProgress(idea.stage)) continue;
    const key = `${idea.agencyId}:${idea.stage}`;
    const entry = progress.get(key) ?? { agencyId: idea.agencyId, stage: idea.stage, count: 0 };
    entry.count++;
    progress.set(key, entry);
  }
  return {
    pitched: tally(ideas.map((i) => ({ agencyId: i.agencyId, year: pitchYear(i) }))),
    implemented: tally(ideas.flatMap((i) => (implementationYear(i) === undefined ? [] : [{ agencyId: i.agencyId, year: implementationYear(i)! }]))),
    results: tally([...results]),
    progress: [...progress.values()],
  };
}

export interface AgencyRecap {
  agencyId: number;
  name: string;
  shortName: string;
  /** Ideas pitched in Y. */
  pitched: number;
  /** Ideas in progress now (any year), by stage. */
  inProgress: ProgressCounts;
  inProgressTotal: number;
  /** Innovations whose implementation began in Y. */
  implemented: number;
  /** Competition results of Y. */
  results: number;
  /** The target: at least one innovation implemented in Y. */
  met: boolean;
  /** Not met, with an idea in trial now. */
  close: boolean;
}

export interface YearSummary {
  year: number;
  pitched: number;
  implemented: number;
  results: number;
  agenciesMet: number;
}

export interface Recap {
  year: number;
  /** By short name. */
  agencies: AgencyRecap[];
  totals: {
    pitched: number;
    inProgress: ProgressCounts;
    inProgressTotal: number;
    implemented: number;
    results: number;
    agencies: number;
    agenciesMet: number;
    agenciesClose: number;
  };
  /** Agencies that met the target in Y−1 (among today's active agencies). */
  previousMet: number;
  /** Y−4 … Y, oldest first; leading years without anything are left out (Y−1 and Y always shown). */
  years: YearSummary[];
}

/** The arithmetic, apart from the database. Counts of agencies not in the list (inactive) are left out. */
export function buildRecap(year: number, agencies: readonly AgencyRef[], counts: RecapCounts): Recap {
  const active = new Set(agencies.map((a) => a.id));
  const sum = (rows: YearCount[], agencyId: number, y: number) =>
    rows.reduce((n, r) => (r.agencyId === agencyId && r.year === y ? n + r.count : n), 0);
  const list: AgencyRecap[] = agencies.map((a) => {
    const inProgress = emptyProgress();
    for (const row of counts.progress) if (row.agencyId === a.id) inProgress[row.stage] += row.count;
    const implemented = sum(counts.implemented, a.id, year);
    return {
      agencyId: a.id,
      name: a.name,
      shortName: a.shortName,
      pitched: sum(counts.pitched, a.id, year),
      inProgress,
      inProgressTotal: progressStages.reduce((n, s) => n + inProgress[s], 0),
      implemented,
      results: sum(counts.results, a.id, year),
      met: implemented > 0,
      close: implemented === 0 && inProgress.trial > 0,
    };
  });
  list.sort((a, b) => a.shortName.localeCompare(b.shortName, 'id'));
  const totals = { pitched: 0, inProgress: emptyProgress(), inProgressTotal: 0, implemented: 0, results: 0, agencies: list.length, agenciesMet: 0, agenciesClose: 0 };
  for (const a of list) {
    totals.pitched += a.pitched;
    for (const s of progressStages) totals.inProgress[s] += a.inProgress[s];
    totals.inProgressTotal += a.inProgressTotal;
    totals.implemented += a.implemented;
    totals.results += a.results;
    if (a.met) totals.agenciesMet++;
    if (a.close) totals.agenciesClose++;
  }
  const yearTotal = (rows: YearCount[], y: number) => rows.reduce((n, r) => (active.has(r.agencyId) && r.year === y ? n + r.count : n), 0);
  const metIn = (y: number) => new Set(counts.implemented.filter((r) => active.has(r.agencyId) && r.year === y && r.count > 0).map((r) => r.agencyId)).size;
  let years: YearSummary[] = [];
  for (let y = year - YEARS_SHOWN + 1; y <= year; y++) {
    years.push({ year: y, pitched: yearTotal(counts.pitched, y), implemented: yearTotal(counts.implemented, y), results: yearTotal(counts.results, y), agenciesMet: metIn(y) });
  }
  const first = years.findIndex((y) => y.pitched + y.implemented + y.results > 0);
  years = years.slice(Math.min(first === -1 ? YEARS_SHOWN - 2 : first, YEARS_SHOWN - 2));
  return { year, agencies: list, totals, previousMet: metIn(year - 1), years };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The IGA (Indeks Inovasi Daerah) indicators an innovation needs evidence for are data: one JSON
 * file per year in ./indicators/ (`iga-<year>.json`). The ministry changes them by letter each
 * year, so next year's list is a new file; details not confirmed by the rules are marked
 * `"reported": true`. The reporting season (its dates drive the weekly digest) is in the same file.
 */

export const indicatorsDir = fileURLToPath(new URL('./indicators/', import.meta.url));

const localized = z.object({ id: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

const indicator = z
  .object({
    number: z.number().int().positive(),
    /** Stable code stored with each piece of evidence: never change it once used. */
    code: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'codes are lower-case letters, digits and dashes'),
    name: localized,
    weight: z.number().min(0).max(100),
    mandatory: z.boolean(),
    levels: z.object({ id: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }).strict(),
    evidence: localized,
    reported: z.boolean().default(false),
  })
  .strict();

export const indicatorSetSchema = z
  .object({
    $comment: z.string().optional(),
    year: z.number().int().min(2018).max(2100),
    title: localized,
    reported: z.boolean().default(false),
    season: z.object({ opens: day, closes: day, reported: z.boolean().default(false) }).strict(),
    /** When the weekly digest goes out during the season: ISO weekday (1 = Monday) and WITA time. */
    digest: z.object({ weekday: z.number().int().min(1).max(7), time: z.string().regex(/^\d{2}:\d{2}$/) }).strict(),
    indicators: z.array(indicator).min(1).max(60),
  })
  .strict()
  .superRefine((s, ctx) => {
    const codes = new Set<string>();
    for (const i of s.indicators) {
      if (codes.has(i.code)) ctx.addIssue({ code: 'custom', message: `indicator code ${i.code} is used twice` });
      codes.add(i.code);
      if (i.levels.id.length !== i.levels.en.length) ctx.addIssue({ code: 'custom', message: `indicator ${i.code}: levels differ in length between id and en` });
    }
    if (s.season.opens > s.season.closes) ctx.addIssue({ code: 'custom', message: 'the season closes before it opens' });
  });

export type IndicatorSet = z.infer<typeof indicatorSetSchema>;
export type Indicator = IndicatorSet['indicators'][number];

/** Reads and checks one file; throws with the file name and zod's reasons. */
export function parseIndicatorSet(text: string, name: string): IndicatorSet {
  const parsed = indicatorSetSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

let cache: IndicatorSet[] | undefined;

/** Every committed year, oldest first. */
export function allIndicatorSets(): IndicatorSet[] {
  if (!cache) {
    const files = readdirSync(indicatorsDir).filter((f) => /^iga-\d{4}\.json$/.test(f));
    cache = files.map((f) => parseIndicatorSet(readFileSync(join(indicatorsDir, f), 'utf8'), f)).sort((a, b) => a.year - b.year);
    if (cache.length === 0) throw new Error(`no IGA indicator files in ${indicatorsDir}`);
  }
  return cache;
}

/** The list for a year: that year's file, or else the newest one before it (or the oldest there is). */
export function indicatorSetFor(year: number): IndicatorSet {
  const sets = allIndicatorSets();
  let chosen = sets[0]!;
  for (const s of sets) if (s.year <= year) chosen = s;
  return chosen;
}

/** The year of the newest committed list (the idea card counts against it). */
export function newestIndicatorYear(): number {
  return allIndicatorSets().at(-1)!.year;
}

export function findIndicator(set: IndicatorSet, code: string): Indicator | undefined {
  return set.indicators.find((i) => i.code === code);
}

/** True when `localDay` (YYYY-MM-DD in WITA) is inside the set's reporting season. */
export function inSeason(set: IndicatorSet, localDay: string): boolean {
  return localDay >= set.season.opens && localDay <= set.season.closes;
}

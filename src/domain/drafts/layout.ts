import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import type { Language } from '../../db/schema/index.js';

/**
 * Proposal layouts are data: one JSON file per competition and year in ./layouts/. Adding next
 * year's layout is adding a file; this schema is what every committed file must satisfy.
 */

export const layoutsDir = fileURLToPath(new URL('./layouts/', import.meta.url));

/** Which gathered data a section draws on (documentation for editors, hints for the model, facts for the generic writer). */
export const feeds = [
  'idea',
  'idea.name',
  'idea.problem',
  'idea.solution',
  'idea.beneficiaries',
  'idea.form',
  'idea.digital',
  'agency',
  'history',
  'supporters',
  'comments',
  'minutes',
  'awards',
] as const;
export type Feed = (typeof feeds)[number];

/** Built-in template writers a section may name; a section without one gets the generic writer. */
export const writers = [
  'summary',
  'background',
  'novelty',
  'implementation',
  'significance',
  'replicated',
  'replicationPotential',
  'resources',
  'sustainability',
] as const;
export type WriterName = (typeof writers)[number];

export const headerKeys = ['title', 'agency', 'startedOn', 'group', 'category', 'previousFinalist', 'videoUrl', 'sdgs'] as const;
export type HeaderKey = (typeof headerKeys)[number];

const localized = z.object({ id: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type Localized = z.infer<typeof localized>;

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/, 'keys are camelCase letters and digits, 2–40 characters');
const maxWords = z.number().int().min(10).max(5000);

const part = z
  .object({
    key,
    label: localized,
    maxWords,
    guidance: localized,
    feeds: z.array(z.enum(feeds)).default([]),
    writer: z.enum(writers).optional(),
    /** The word limit comes from a reported copy of the form, not the official guide: keep it editable. */
    reported: z.boolean().optional(),
  })
  .strict();

const section = z
  .object({
    number: z.number().int().positive(),
    key,
    title: localized,
    maxWords: maxWords.optional(),
    weight: z.number().min(0).max(100),
    guidance: localized,
    feeds: z.array(z.enum(feeds)).default([]),
    writer: z.enum(writers).optional(),
    parts: z.array(part).min(2).optional(),
    /** The word limit and weight were reported (a training deck, a provincial copy), not confirmed. */
    reported: z.boolean().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.maxWords === undefined) === (s.parts === undefined)) {
      ctx.addIssue({ code: 'custom', message: `section ${s.key}: give either maxWords or parts, not both or neither` });
    }
    if (s.parts && s.writer) ctx.addIssue({ code: 'custom', message: `section ${s.key}: a section with parts names writers on its parts` });
    if (s.parts && new Set(s.parts.map((p) => p.key)).size !== s.parts.length) {
      ctx.addIssue({ code: 'custom', message: `section ${s.key}: part keys must be unique` });
    }
  });

export const layoutSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/, 'ids are lowercase letters, digits and dashes'),
    competition: z.string().trim().min(2),
    year: z.number().int().min(2000).max(2100),
    group: z.string().trim().min(1),
    title: localized,
    note: localized.optional(),
    /** Why this layout is used, shown in every draft's header (e.g. "the newest known"). */
    status: localized.optional(),
    rules: z.object({ minYearsImplemented: z.number().min(0).max(10).optional() }).strict().default({}),
    header: z.array(z.object({ key: z.enum(headerKeys), label: localized }).strict()).default([]),
    sections: z.array(section).min(1),
  })
  .strict()
  .superRefine((l, ctx) => {
    l.sections.forEach((s, i) => {
      if (s.number !== i + 1) ctx.addIssue({ code: 'custom', message: `sections must be numbered 1, 2, 3… in order (${s.key} is ${s.number})` });
    });
    if (new Set(l.sections.map((s) => s.key)).size !== l.sections.length) ctx.addIssue({ code: 'custom', message: 'section keys must be unique' });
    const weights = l.sections.reduce((sum, s) => sum + s.weight, 0);
    if (Math.abs(weights - 100) > 0.001) ctx.addIssue({ code: 'custom', message: `section weights must add up to 100 (they add up to ${weights})` });
  });

export type Layout = z.infer<typeof layoutSchema>;
export type LayoutSection = Layout['sections'][number];

/** One text field of a draft: a section, or one part of a section with parts. */
export interface LayoutField {
  /** `summary`, or `adaptability.replicated` for a part. */
  key: string;
  section: LayoutSection;
  part?: NonNullable<LayoutSection['parts']>[number];
  maxWords: number;
  guidance: Localized;
  feeds: Feed[];
  writer: WriterName | undefined;
}

export function layoutFields(layout: Layout): LayoutField[] {
  return layout.sections.flatMap((section): LayoutField[] =>
    section.parts
      ? section.parts.map((part) => ({
          key: `${section.key}.${part.key}`,
          section,
          part,
          maxWords: part.maxWords,
          guidance: part.guidance,
          feeds: part.feeds,
          writer: part.writer,
        }))
      : [{ key: section.key, section, maxWords: section.maxWords!, guidance: section.guidance, feeds: section.feeds, writer: section.writer }],
  );
}

export function sectionMaxWords(section: LayoutSection): number {
  return section.parts ? section.parts.reduce((sum, p) => sum + p.maxWords, 0) : section.maxWords!;
}

export function fieldsOf(layout: Layout, section: LayoutSection): LayoutField[] {
  return layoutFields(layout).filter((f) => f.section.key === section.key);
}

export function localize(text: Localized, lang: Language): string {
  return text[lang];
}

export class LayoutError extends Error {
  override name = 'LayoutError';
}

/** Parses one layout file's text; errors name the file and every problem in it. */
export function parseLayout(fileName: string, text: string): Layout {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new LayoutError(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const result = layoutSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(layout)'}: ${i.message}`);
    throw new LayoutError(`${fileName}: ${problems.join('; ')}`);
  }
  if (`${result.data.id}.json` !== fileName) throw new LayoutError(`${fileName}: the file must be named after its id (${result.data.id}.json)`);
  return result.data;
}

/** Reads and validates every layout file in `dir`, newest year first. */
export function readLayouts(dir = layoutsDir): Layout[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const layouts = files.map((f) => parseLayout(f, readFileSync(join(dir, f), 'utf8')));
  if (layouts.length === 0) throw new LayoutError(`no proposal layouts in ${dir}`);
  return layouts.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
}

let cached: Layout[] | undefined;

/**
 * The committed layouts plus, when PROPOSAL_LAYOUTS_DIR names a folder, the layout files kept there
 * (e.g. the district's own round form, outside the code). Read once per process; ids must not repeat.
 */
export function allLayouts(): Layout[] {
  if (cached) return cached;
  const extraDir = process.env.PROPOSAL_LAYOUTS_DIR?.trim();
  const layouts = [...readLayouts(), ...(extraDir ? readLayouts(extraDir) : [])];
  const seen = new Set<string>();
  for (const l of layouts) {
    if (seen.has(l.id)) throw new LayoutError(`layout ${l.id} is defined twice (${layoutsDir} and ${extraDir})`);
    seen.add(l.id);
  }
  cached = layouts.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  return cached;
}

export function findLayout(id: string | undefined | null): Layout | undefined {
  return id ? allLayouts().find((l) => l.id === id) : undefined;
}

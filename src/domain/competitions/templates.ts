import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roundKinds, type CandidateStep, type RoundStage } from '../../db/schema/index.js';
import { findLayout } from '../drafts/layout.js';

/**
 * Round templates for the coming year, as data (templates.json): the timetables DOMAIN.md reports,
 * moved to the requested year. Every date from a template is marked "reported" until edited.
 */
const localized = z.object({ id: z.string().min(1), en: z.string().min(1) }).strict();
const template = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{1,30}$/),
    name: z.string().min(2),
    kind: z.enum(roundKinds),
    level: z.enum(['kabupaten', 'provinsi', 'nasional']),
    layoutId: z.string().min(1),
    passingGrade: z.number().min(0).max(100).nullable(),
    stages: z.array(z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/), label: localized, monthDay: z.string().regex(/^\d\d-\d\d$/) }).strict()).min(1),
    steps: z.array(z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{1,20}$/), label: localized, award: z.boolean().optional() }).strict()).min(2),
  })
  .strict();
const file = z.object({ note: z.string(), templates: z.array(template).min(1) }).strict();

export type RoundTemplate = z.infer<typeof template>;

let cached: RoundTemplate[] | undefined;

export function roundTemplates(): RoundTemplate[] {
  if (!cached) {
    const parsed = file.parse(JSON.parse(readFileSync(new URL('./templates.json', import.meta.url), 'utf8')));
    for (const t of parsed.templates) {
      if (!findLayout(t.layoutId)) throw new Error(`round template ${t.id}: unknown layout ${t.layoutId}`);
      if (!t.stages.some((s) => s.key === 'registration_close')) throw new Error(`round template ${t.id}: no registration_close stage`);
    }
    cached = parsed.templates;
  }
  return cached;
}

export function findTemplate(id: string): RoundTemplate | undefined {
  return roundTemplates().find((t) => t.id === id.toLowerCase());
}

export interface RoundDraft {
  name: string;
  kind: RoundTemplate['kind'];
  year: number;
  level: RoundTemplate['level'];
  layoutId: string;
  templateId: string;
  stages: RoundStage[];
  steps: CandidateStep[];
  passingGrade: number | null;
}

/** A round for `year` from a template: the template's month-days in that year, all marked reported. */
export function roundFromTemplate(t: RoundTemplate, year: number): RoundDraft {
  return {
    name: `${t.name} ${year}`,
    kind: t.kind,
    year,
    level: t.level,
    layoutId: t.layoutId,
    templateId: t.id,
    stages: t.stages.map((s) => ({ key: s.key, label: s.label, date: `${year}-${s.monthDay}`, reported: true })),
    steps: t.steps.map((s) => ({ key: s.key, label: s.label, ...(s.award ? { award: true } : {}) })),
    passingGrade: t.passingGrade,
  };
}

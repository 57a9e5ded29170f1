import type { Language, Stage } from '../../../db/schema/index.js';
import { firstReached, type DraftSources } from '../sources.js';
import { awardText } from '../../ideas/awards.js';
import { tidy, truncateWords } from '../words.js';
import { phrasesEn } from './phrases-en.js';
import { phrasesId, type Phrases } from './phrases-id.js';

/** What every writer gets: the data, the language's phrasebook, and how to write dates. */
export interface WriterInput {
  s: DraftSources;
  lang: Language;
  p: Phrases;
  tz: string;
  now: Date;
}

export function phrasesFor(lang: Language): Phrases {
  return lang === 'en' ? phrasesEn : phrasesId;
}

/** `3 Desember 2026` for an instant, in the forum's time zone. */
export function longDate(w: WriterInput, date: Date): string {
  return new Intl.DateTimeFormat(w.p.locale, { timeZone: w.tz, day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** `3 Desember 2026` for a calendar date stored as `YYYY-MM-DD`. */
export function longDay(w: WriterInput, day: string): string {
  return new Intl.DateTimeFormat(w.p.locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

/** `Getar Dilan (Gerakan Tanam Sayur di Lahan Pekarangan)`: the expansion is always shown beside the acronym. */
export function fullName(s: DraftSources): string {
  const expansion = tidy(s.idea.expansion);
  return expansion ? `${tidy(s.idea.name)} (${expansion})` : tidy(s.idea.name);
}

export function shortName(s: DraftSources): string {
  return tidy(s.idea.name);
}

export function listing(items: string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** The date a stage started: the recorded date (coordinators correct these) or the first move into it. */
export function stageDate(w: WriterInput, stage: Extract<Stage, 'trial' | 'implemented'>): string | undefined {
  const recorded = stage === 'trial' ? w.s.idea.trialStartedOn : w.s.idea.implementedOn;
  if (recorded) return longDay(w, recorded);
  const at = firstReached(w.s, stage);
  return at ? longDate(w, at) : undefined;
}

/** The instant implementation started, for the minimum-age rule. */
export function implementedSince(s: DraftSources): Date | undefined {
  if (s.idea.implementedOn) return new Date(`${s.idea.implementedOn}T00:00:00Z`);
  return firstReached(s, 'implemented');
}

const reachedImplementation: Stage[] = ['implemented', 'replicated'];

export function isImplemented(s: DraftSources): boolean {
  return reachedImplementation.includes(s.idea.stage) || s.idea.implementedOn !== null || (s.idea.stage === 'archived' && firstReached(s, 'implemented') !== undefined);
}

export function isReplicated(s: DraftSources): boolean {
  return s.idea.stage === 'replicated' || firstReached(s, 'replicated') !== undefined;
}

export function kindOf(w: WriterInput): string | undefined {
  const { form, digital } = w.s.idea;
  if (form === null && digital === null) return undefined;
  return w.p.kind({
    ...(form ? { form: w.p.form[form] } : {}),
    ...(digital !== null ? { digital: w.p.digital[digital ? 'true' : 'false'] } : {}),
  });
}

export interface SupportStats {
  people: number;
  agencies: number;
  /** Short names of supporting agencies other than the idea's own, in order of first support. */
  others: string[];
  all: string[];
}

export function supportStats(s: DraftSources): SupportStats {
  const all: string[] = [];
  const others: string[] = [];
  const ids = new Set<number>();
  for (const sup of s.supporters) {
    if (sup.agencyId === null || !sup.agency) continue;
    if (!ids.has(sup.agencyId)) {
      ids.add(sup.agencyId);
      all.push(sup.agency);
      if (sup.agencyId !== s.agency.id) others.push(sup.agency);
    }
  }
  return { people: s.supporters.length, agencies: ids.size, others, all };
}

/** A short, tidy quotation of user text (comments, minutes). */
export function quote(text: string, maxWords = 40): string {
  return truncateWords(tidy(text).replace(/[“”]/g, '"'), maxWords);
}

/** The most substantial comments: they carry the most context; ties go to the newest. */
export function substantialComments(s: DraftSources, n: number, skip: ReadonlySet<string> = new Set()): DraftSources['comments'] {
  return [...s.comments]
    .filter((c) => tidy(c.text).split(' ').length >= 6 && !skip.has(c.text))
    .sort((a, b) => tidy(b.text).length - tidy(a.text).length || b.at.getTime() - a.at.getTime())
    .slice(0, n);
}

/** Each award once, as entered, with its level: "TOP 30 KIPP Sulsel 2026 (tingkat provinsi)". */
export function awardList(w: WriterInput, awards: DraftSources['awards'] = w.s.awards): string | undefined {
  if (awards.length === 0) return undefined;
  return listing(
    awards.map((a) => w.p.award({ text: awardText(a), level: w.p.level[a.level] })),
    w.p.and,
  );
}

import type { DraftMeta, DraftSections, Language } from '../../../db/schema/index.js';
import { layoutFields, type Layout, type LayoutField } from '../layout.js';
import type { DraftSources } from '../sources.js';
import { countAllWords, todo, truncateWords } from '../words.js';
import { finalistAwards } from '../../ideas/awards.js';
import { awardList, fullName, implementedSince, isImplemented, longDate, phrasesFor, stageDate, type WriterInput } from './facts.js';
import { genericWriter, templateWriters, type Para } from './writers.js';

export interface WriteOptions {
  lang: Language;
  /** The forum's time zone, for dates. */
  tz: string;
  now: Date;
}

function input(sources: DraftSources, options: WriteOptions): WriterInput {
  return { s: sources, lang: options.lang, p: phrasesFor(options.lang), tz: options.tz, now: options.now };
}

/**
 * Fits paragraphs into a word limit (notes included, so the draft never starts over the limit):
 * notes are kept whole, facts are taken in order and the first one that does not fit is cut at
 * a sentence (or word) boundary; what follows it is left out, since order is priority.
 */
export function fitParagraphs(paragraphs: Para[], maxWords: number): string {
  const notes = paragraphs.flat().filter((p) => p.todo);
  let noteWords = notes.reduce((n, p) => n + countAllWords(p.text), 0);
  const dropped = new Set<object>();
  // Pathological limits: drop trailing notes rather than exceed the limit.
  for (let i = notes.length - 1; i >= 0 && noteWords > maxWords; i--) {
    dropped.add(notes[i]!);
    noteWords -= countAllWords(notes[i]!.text);
  }
  let budget = maxWords - noteWords;
  let full = false;
  const out: string[] = [];
  for (const para of paragraphs) {
    const kept: string[] = [];
    for (const piece of para) {
      if (dropped.has(piece)) continue;
      if (piece.todo) {
        kept.push(piece.text);
        continue;
      }
      if (full) continue;
      const n = countAllWords(piece.text);
      if (n <= budget) {
        kept.push(piece.text);
        budget -= n;
      } else {
        if (budget >= 8) kept.push(truncateWords(piece.text, budget));
        full = true;
      }
    }
    if (kept.length) out.push(tidyPunctuation(kept.join(' ')));
  }
  return out.join('\n\n');
}

/** "S.P.." → "S.P.": names and user text often end with a full stop the phrase adds again. */
function tidyPunctuation(text: string): string {
  return text.replace(/(?<!\.)([.!?])\.(?=\s|$)/g, '$1').replace(/ +([,.;:])/g, '$1');
}

export function writeField(sources: DraftSources, field: LayoutField, options: WriteOptions): string {
  const w = input(sources, options);
  const writer = field.writer ? templateWriters[field.writer] : undefined;
  const paragraphs = writer ? writer(w) : genericWriter(w, field);
  return fitParagraphs(paragraphs, field.maxWords);
}

/** The deterministic draft: every field of the layout, in order, within its word limit. */
export function writeTemplateDraft(sources: DraftSources, layout: Layout, options: WriteOptions): DraftSections {
  const sections: DraftSections = {};
  for (const field of layoutFields(layout)) sections[field.key] = writeField(sources, field, options);
  return sections;
}

/** Header data and warnings: always computed from the data, never asked of a model. */
export function draftMeta(sources: DraftSources, layout: Layout, options: WriteOptions): DraftMeta {
  const w = input(sources, options);
  const { p, lang } = w;
  const header = layout.header.map(({ key }) => {
    switch (key) {
      case 'title':
        return { key, value: fullName(sources) };
      case 'agency':
        return { key, value: sources.agency.name };
      case 'startedOn':
        return { key, value: (isImplemented(sources) && stageDate(w, 'implemented')) || todo(lang, p.todo.startedOn) };
      case 'group':
        return { key, value: layout.group };
      case 'category':
        return { key, value: todo(lang, p.todo.category) };
      case 'previousFinalist': {
        const finals = awardList(w, finalistAwards(sources.awards, layout.competition));
        return { key, value: finals ? p.finalist(finals) : p.notFinalist };
      }
      case 'videoUrl':
        return { key, value: todo(lang, p.todo.video) };
      case 'sdgs':
        return { key, value: todo(lang, p.todo.sdgs) };
    }
  });
  const warnings: string[] = [];
  const years = layout.rules.minYearsImplemented;
  if (years !== undefined) {
    const since = implementedSince(sources);
    if (!since || !isImplemented(sources)) warnings.push(p.warnNotImplemented(years));
    else {
      const eligible = new Date(since);
      eligible.setUTCFullYear(eligible.getUTCFullYear() + Math.floor(years));
      eligible.setUTCMonth(eligible.getUTCMonth() + Math.round((years % 1) * 12));
      if (eligible > options.now) warnings.push(p.warnTooYoung({ years, since: stageDate(w, 'implemented')!, eligible: longDate(w, eligible) }));
    }
  }
  return { header, warnings };
}


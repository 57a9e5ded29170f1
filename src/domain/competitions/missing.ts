import type { Draft, Idea, Language } from '../../db/schema/index.js';
import { fromLocal, parseIsoDate } from '../dates/zoned.js';
import { layoutFields, localize, type Layout } from '../drafts/layout.js';
import { countWords, hasTodo } from '../drafts/words.js';

/** What a candidate still lacks before the deadline, as the deadline reminder lists it. */
export type MissingItem =
  | { kind: 'no_draft' }
  | { kind: 'todo'; sections: string[] }
  | { kind: 'too_long'; sections: { title: string; words: number; max: number }[] }
  | { kind: 'no_implementation_date'; years: number }
  | { kind: 'too_young'; years: number; since: string };

export function missingItems(input: {
  idea: Pick<Idea, 'implementedOn'>;
  draft: Pick<Draft, 'sections'> | undefined;
  layout: Layout;
  deadline: Date;
  lang: Language;
  timeZone: string;
}): MissingItem[] {
  const { idea, draft, layout, deadline, lang } = input;
  const out: MissingItem[] = [];
  if (!draft) out.push({ kind: 'no_draft' });
  else {
    const fields = layoutFields(layout);
    const title = (f: (typeof fields)[number]) => (f.part ? `${localize(f.section.title, lang)} (${localize(f.part.label, lang)})` : localize(f.section.title, lang));
    const todo = fields.filter((f) => hasTodo(draft.sections[f.key] ?? '') || !(draft.sections[f.key] ?? '').trim());
    if (todo.length) out.push({ kind: 'todo', sections: todo.map(title) });
    const long = fields
      .map((f) => ({ title: title(f), words: countWords(draft.sections[f.key] ?? ''), max: f.maxWords }))
      .filter((f) => f.words > f.max);
    if (long.length) out.push({ kind: 'too_long', sections: long });
  }
  const years = layout.rules.minYearsImplemented;
  if (years) {
    const since = idea.implementedOn ? parseIsoDate(idea.implementedOn) : undefined;
    if (!since) out.push({ kind: 'no_implementation_date', years });
    else {
      const oldEnough = fromLocal({ year: since.year + Math.floor(years), month: since.month, day: since.day, hour: 0, minute: 0 }, input.timeZone);
      if (oldEnough.getTime() > deadline.getTime()) out.push({ kind: 'too_young', years, since: idea.implementedOn! });
    }
  }
  return out;
}

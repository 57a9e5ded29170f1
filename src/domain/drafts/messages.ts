import type { DraftMeta, DraftSections, Language } from '../../db/schema/index.js';
import { escapeHtml, html, joinHtml, raw, type Html, type Translate } from '../../i18n/index.js';
import { fieldsOf, sectionMaxWords, type Layout, type LayoutSection } from './layout.js';
import { countWords, sentences, splitTodos } from './words.js';

/**
 * The draft as Telegram messages: a header message, then one message per section with its word
 * count against the limit. A section that does not fit in one message continues in the next,
 * split between paragraphs (or sentences), never inside a word or a tag.
 */

/** Room under Telegram's 4096 characters; HTML length over-counts, so the real text is shorter still. */
export const MESSAGE_BUDGET = 4000;

export interface RenderableDraft {
  ideaName: string;
  version: number;
  sections: DraftSections;
  meta: DraftMeta;
}

/** Draft text as HTML: escaped, notes for the innovator in italics. */
export function draftTextHtml(text: string): string {
  return splitTodos(text)
    .map((seg) => (seg.todo ? `<i>${escapeHtml(seg.text)}</i>` : escapeHtml(seg.text)))
    .join('');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** Splits a paragraph that alone exceeds the budget: by sentences, and a monster sentence by words. */
function pieces(paragraph: string, budget: number): string[] {
  if (draftTextHtml(paragraph).length <= budget) return [paragraph];
  const out: string[] = [];
  let current = '';
  const push = (s: string) => {
    const next = current ? `${current} ${s}` : s;
    if (draftTextHtml(next).length <= budget) current = next;
    else {
      if (current) out.push(current);
      current = s;
    }
  };
  for (const s of sentences(paragraph)) {
    if (draftTextHtml(s).length <= budget) push(s);
    else for (const word of s.split(/\s+/)) push(word);
  }
  if (current) out.push(current);
  return out;
}

interface Block {
  html: string;
  /** A part's heading: never left alone at the end of a message. */
  heading?: boolean;
}

function pack(head: Html, continued: Html, blocks: Block[], budget: number): Html[] {
  const messages: Html[] = [];
  let current: Block[] = [];
  let prefix = head.toString();
  const render = (bs: Block[]) => [prefix, ...bs.map((b) => b.html)].join('\n\n');
  for (const block of blocks) {
    if (render([...current, block]).length <= budget) {
      current.push(block);
      continue;
    }
    const carried = current.at(-1)?.heading ? [current.pop()!] : [];
    messages.push(raw(render(current)));
    prefix = continued.toString();
    current = [...carried, block];
  }
  messages.push(raw(render(current)));
  return messages;
}

export function sectionMessages(t: Translate, layout: Layout, lang: Language, section: LayoutSection, sections: DraftSections, budget = MESSAGE_BUDGET): Html[] {
  const fields = fieldsOf(layout, section);
  const words = fields.reduce((n, f) => n + countWords(sections[f.key] ?? ''), 0);
  const max = sectionMaxWords(section);
  const over = (w: number, m: number) => (w > m ? t('drafts.section.over') : '');
  const head = html`${t('drafts.section.head', { number: section.number, title: section.title[lang], words, max })}${over(words, max)}`;
  const continued = t('drafts.section.continued', { number: section.number, title: section.title[lang] });
  // A paragraph must fit after a (continuation) header and a part heading carried along with it.
  const partHeads = fields.map((f) => (f.part ? f.part.label[lang].length + 80 : 0));
  const room = budget - Math.max(head.toString().length, continued.toString().length) - Math.max(0, ...partHeads) - 8;
  const blocks: Block[] = [];
  for (const field of fields) {
    const text = sections[field.key] ?? '';
    if (field.part) {
      const w = countWords(text);
      const partHead = html`${t('drafts.part.head', { label: field.part.label[lang], words: w, max: field.maxWords })}${over(w, field.maxWords)}`;
      blocks.push({ html: partHead.toString(), heading: true });
    }
    for (const p of paragraphs(text)) for (const piece of pieces(p, room)) blocks.push({ html: draftTextHtml(piece) });
  }
  return pack(head, continued, blocks, budget);
}

export function headerMessage(t: Translate, layout: Layout, lang: Language, draft: RenderableDraft, source: Html): Html {
  const labels = new Map(layout.header.map((h) => [h.key as string, h.label[lang]]));
  const lines: Html[] = [t('drafts.header.title', { name: draft.ideaName, version: draft.version }), html`${layout.title[lang]} · ${source}`];
  if (layout.status) lines.push(html`<i>${layout.status[lang]}</i>`);
  if (draft.meta.header.length) {
    lines.push(raw(''), t('drafts.header.data'));
    for (const h of draft.meta.header) lines.push(t('drafts.header.line', { label: labels.get(h.key) ?? h.key, value: raw(draftTextHtml(h.value)) }));
  }
  if (draft.meta.warnings.length) {
    lines.push(raw(''));
    for (const w of draft.meta.warnings) lines.push(t('drafts.header.warning', { text: w }));
  }
  lines.push(raw(''), t('drafts.header.howTo'));
  return joinHtml(lines, '\n');
}

/** Every message of a draft, in order: the header, then each section (maybe in several parts). */
export function draftMessages(t: Translate, layout: Layout, lang: Language, draft: RenderableDraft, source: Html, budget = MESSAGE_BUDGET): Html[] {
  return [headerMessage(t, layout, lang, draft, source), ...layout.sections.flatMap((s) => sectionMessages(t, layout, lang, s, draft.sections, budget))];
}

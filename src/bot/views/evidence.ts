import { Markup } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Language } from '../../db/schema/index.js';
import { formatDate, formatDateTime, formatShortDate } from '../../i18n/format.js';
import { html, joinHtml, type Html, type Translate } from '../../i18n/index.js';
import { ALLOWED_EXTENSIONS, MAX_FILE_BYTES } from '../../domain/evidence/files.js';
import type { Indicator, IndicatorSet } from '../../domain/evidence/indicators.js';
import type { EvidenceIdea, EvidenceView } from '../../domain/evidence/items.js';
import type { EvidenceRecap } from '../../domain/evidence/recap.js';
import type { ZipLabels } from '../../domain/evidence/zip.js';
import { callbackData } from '../callback-data.js';

/** Rendering shared by the /bukti feature and the evidence jobs (which have no update context). */
export interface RenderContext {
  t: Translate;
  lang: Language;
  timeZone: string;
}

export const MAX_MB = MAX_FILE_BYTES / (1024 * 1024);
export const TYPES_TEXT = ALLOWED_EXTENSIONS.join(', ');

/** `820 KB`, `1,4 MB` in the member's language. */
export function formatBytes(n: number, lang: Language): string {
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / (1024 * 1024))} MB`;
}

export const ideaTitle = (idea: Pick<EvidenceIdea, 'name' | 'expansion'>): string => (idea.expansion ? `${idea.name} (${idea.expansion})` : idea.name);

export function overview(v: RenderContext, set: IndicatorSet, idea: EvidenceIdea, covered: Set<string>): { text: Html; keyboard: { reply_markup: InlineKeyboardMarkup } } {
  const done = set.indicators.filter((i) => covered.has(i.code)).length;
  const text = v.t('evidence.overview', { id: idea.id, name: ideaTitle(idea), title: set.title[v.lang], done, total: set.indicators.length });
  const rows = set.indicators.map((i) => [
    Markup.button.callback(`${covered.has(i.code) ? '✅' : '⬜'} ${i.number}. ${i.name[v.lang]}${i.mandatory ? ' ❗' : ''}`, callbackData('ev', 'i', idea.id, i.code)),
  ]);
  rows.push([Markup.button.callback(v.t('evidence.button.zip').toString(), callbackData('ev', 'z', idea.id))]);
  return { text, keyboard: Markup.inlineKeyboard(rows) };
}

export function indicatorView(
  v: RenderContext,
  idea: EvidenceIdea,
  ind: Indicator,
  items: EvidenceView[],
  canRemove: boolean,
): { text: Html; keyboard: { reply_markup: InlineKeyboardMarkup } } {
  const { t } = v;
  const parts: Html[] = [
    t('evidence.indicator.title', { number: ind.number, name: ind.name[v.lang], mandatory: ind.mandatory }),
    t('evidence.indicator.evidence', { text: ind.evidence[v.lang] }),
    t('evidence.indicator.levels', { text: ind.levels[v.lang].map((l, i) => `${i + 1}) ${l}`).join('; ') }),
    html``,
  ];
  if (items.length === 0) parts.push(t('evidence.indicator.none'));
  else {
    parts.push(t('evidence.indicator.items'));
    items.forEach((e, i) => {
      const common = { n: i + 1, by: e.addedByName, date: formatShortDate(e.createdAt, v.lang, v.timeZone), caption: e.caption ?? '' };
      parts.push(
        e.kind === 'link'
          ? t('evidence.indicator.link', { ...common, url: e.url ?? '' })
          : t('evidence.indicator.file', { ...common, name: e.fileName ?? '', size: formatBytes(e.size ?? 0, v.lang) }),
      );
    });
  }
  parts.push(html``, t('evidence.indicator.ask', { maxMb: MAX_MB }));
  const rows = canRemove ? items.map((e, i) => [Markup.button.callback(t('evidence.button.remove', { n: i + 1 }).toString(), callbackData('ev', 'rm', e.id))]) : [];
  rows.push([Markup.button.callback(t('evidence.button.back').toString(), callbackData('ev', 'o', idea.id))]);
  return { text: joinHtml(parts, '\n'), keyboard: Markup.inlineKeyboard(rows) };
}

const RECAP_IDEAS = 60;
const RECAP_CHASE = 15;

export function renderRecap(v: RenderContext, set: IndicatorSet, recap: EvidenceRecap): Html {
  const { t } = v;
  const title = set.title[v.lang];
  if (recap.ideaCount === 0) return t('evidence.recap.empty', { title });
  const lines: Html[] = [t('evidence.recap.title', { title, count: recap.ideaCount })];
  let shown = 0;
  for (const a of recap.agencies) {
    if (shown >= RECAP_IDEAS) break;
    lines.push(t('evidence.recap.agency', { name: a.name }));
    for (const i of a.ideas) {
      if (shown++ >= RECAP_IDEAS) break;
      lines.push(t('evidence.recap.idea', { id: i.id, name: i.name, done: i.done, total: recap.total, missing: i.missingMandatory.map((m) => m.name[v.lang]).join(', ') }));
    }
  }
  if (recap.ideaCount > RECAP_IDEAS) lines.push(t('evidence.recap.more', { count: recap.ideaCount - RECAP_IDEAS }));
  if (recap.commonMissing.length) {
    lines.push(t('evidence.recap.common'));
    for (const m of recap.commonMissing.slice(0, 5)) lines.push(t('evidence.recap.commonLine', { number: m.indicator.number, name: m.indicator.name[v.lang], missing: m.missing }));
  }
  if (recap.chase.length) {
    lines.push(t('evidence.recap.chase'));
    for (const c of recap.chase.slice(0, RECAP_CHASE)) {
      lines.push(t('evidence.recap.chaseLine', { name: c.ownerName, handle: c.ownerUsername ? `@${c.ownerUsername}` : '', id: c.id, idea: c.name, agency: c.agencyShortName, done: c.done, total: recap.total }));
    }
    if (recap.chase.length > RECAP_CHASE) lines.push(t('evidence.recap.more', { count: recap.chase.length - RECAP_CHASE }));
  }
  return joinHtml(lines, '\n');
}

export function digestHead(v: RenderContext, set: IndicatorSet): Html {
  return v.t('evidence.digest.head', { closes: formatDate(new Date(`${set.season.closes}T12:00:00Z`), v.lang, 'UTC') });
}

export function zipLabels(v: RenderContext): ZipLabels {
  const { t } = v;
  const s = (k: Parameters<Translate>[0]) => (t as (k: string) => Html)(k).toString();
  return {
    indexFile: s('evidence.zip.indexFile'),
    linksFile: s('evidence.zip.linksFile'),
    sheet: s('evidence.zip.sheet'),
    columns: {
      number: s('evidence.zip.col.number'),
      indicator: s('evidence.zip.col.indicator'),
      mandatory: s('evidence.zip.col.mandatory'),
      path: s('evidence.zip.col.path'),
      original: s('evidence.zip.col.original'),
      caption: s('evidence.zip.col.caption'),
      type: s('evidence.zip.col.type'),
      size: s('evidence.zip.col.size'),
      by: s('evidence.zip.col.by'),
      at: s('evidence.zip.col.at'),
      sha256: s('evidence.zip.col.sha256'),
    },
    yes: s('evidence.zip.yes'),
    no: s('evidence.zip.no'),
    link: s('evidence.zip.link'),
    formatDate: (d) => formatDateTime(d, v.lang, v.timeZone),
  };
}

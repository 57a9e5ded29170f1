import type { IdeaForm, Language, Stage } from '../../db/schema/index.js';
import { awardText } from '../../domain/ideas/awards.js';
import { clip } from '../../domain/ideas/fields.js';
import type { IdeaCardData } from '../../domain/ideas/card.js';
import type { ListRow } from '../../domain/ideas/list.js';
import { mainPath } from '../../domain/ideas/stages.js';
import { formatDateTime, formatShortDate } from '../../i18n/format.js';
import { html, joinHtml, type Html, type Translate } from '../../i18n/index.js';

/** Rendering of ideas shared by the features and the outbox job (which has no update context). */
export interface ViewContext {
  t: Translate;
  lang: Language;
  timeZone: string;
  /** The bot's clock (a coaching date already past is not shown as the next one). */
  now?: Date;
}

export function stageLabel(t: Translate, stage: Stage): string {
  return t(`ideas.stage.${stage}`).toString();
}

export function formLabel(t: Translate, form: IdeaForm): string {
  return t(`ideas.form.${form}`).toString();
}

export function digitalLabel(t: Translate, digital: boolean): string {
  return t(digital ? 'ideas.digital.yes' : 'ideas.digital.no').toString();
}

/** `Usulan ▸ Dibahas ▸ [Inisiatif] ▸ Uji coba ▸ Diterapkan`; replicated is added once reached. */
export function progressLine(t: Translate, stage: Stage): Html {
  if (stage === 'archived') return html`[<b>${stageLabel(t, 'archived')}</b>]`;
  const steps = stage === 'replicated' ? [...mainPath, 'replicated' as const] : mainPath;
  return joinHtml(
    steps.map((s) => (s === stage ? html`[<b>${stageLabel(t, s)}</b>]` : html`${stageLabel(t, s)}`)),
    ' ▸ ',
  );
}

/** A calendar date (`YYYY-MM-DD`, no time zone) in the member's language. */
export function formatDay(day: string, lang: Language): string {
  return formatShortDate(new Date(`${day}T00:00:00Z`), lang, 'UTC');
}

/**
 * How much of each long text a card shows, tried in turn until the card fits one message (it
 * is edited in place, so it must never be split); the full text is one command away.
 */
const CARD_CLIPS = [600, 350, 200, 100] as const;
const CARD_LIMIT = 3800;
const CARD_AWARDS = 5;
/** IGA evidence matters from the initiative stage on (IGA scores inisiatif, uji coba and penerapan). */
const EVIDENCE_STAGES = new Set<Stage>(['initiative', 'trial', 'implemented', 'replicated']);

/** The idea card, always short enough for one Telegram message. */
export function renderCard(v: ViewContext, data: IdeaCardData): Html {
  let card = renderCardWith(v, data, CARD_CLIPS[0]);
  for (const size of CARD_CLIPS.slice(1)) {
    if (card.toString().length <= CARD_LIMIT) break;
    card = renderCardWith(v, data, size);
  }
  return card;
}

function renderCardWith(v: ViewContext, data: IdeaCardData, textClip: number): Html {
  const { t } = v;
  const { idea } = data;
  const blocks: Html[] = [];
  const head: Html[] = [t('ideas.card.title', { id: idea.id, name: idea.name })];
  if (idea.expansion) head.push(t('ideas.card.expansion', { text: idea.expansion }));
  head.push(t('ideas.card.agency', { agency: data.agency.name }));
  head.push(t('ideas.card.owner', { owner: data.owner.name }));
  head.push(t('ideas.card.stage', { line: progressLine(t, idea.stage) }));
  if (idea.stage === 'archived' && idea.archivedReason) head.push(t('ideas.card.archived', { reason: idea.archivedReason }));
  blocks.push(joinHtml(head, '\n'));

  let clipped = false;
  const section = (label: string, text: string | null): Html | undefined => {
    if (!text) return undefined;
    const shown = clip(text, textClip);
    if (shown !== text) clipped = true;
    return t('ideas.card.section', { label, text: shown });
  };
  const sections = [
    section(t('ideas.field.summary').toString(), idea.summary),
    section(t('ideas.field.problem').toString(), idea.problem),
    section(t('ideas.field.solution').toString(), idea.solution),
    section(t('ideas.field.beneficiaries').toString(), idea.beneficiaries),
  ].filter((s): s is Html => s !== undefined);
  const kind = [idea.form ? formLabel(t, idea.form) : undefined, idea.digital != null ? digitalLabel(t, idea.digital) : undefined].filter(Boolean);
  if (kind.length) sections.push(t('ideas.card.section', { label: t('ideas.field.form').toString(), text: kind.join(' · ') }));
  if (sections.length) blocks.push(joinHtml(sections, '\n'));

  const dates: Html[] = [];
  if (idea.trialStartedOn) dates.push(t('ideas.card.dates', { label: t('ideas.field.trialStartedOn').toString(), date: formatDay(idea.trialStartedOn, v.lang) }));
  if (idea.implementedOn) dates.push(t('ideas.card.dates', { label: t('ideas.field.implementedOn').toString(), date: formatDay(idea.implementedOn, v.lang) }));
  const counts = t('ideas.card.counts', { supports: idea.supportCount, comments: idea.commentCount });
  const evidence = data.evidence && (EVIDENCE_STAGES.has(idea.stage) || data.evidence.done > 0) ? [t('evidence.card.line', data.evidence)] : [];
  blocks.push(joinHtml([...dates, counts, ...evidence], '\n'));
  const coaching = coachingLines(v, data);
  if (coaching.length) blocks.push(joinHtml(coaching, '\n'));

  if (data.awards.length) {
    const lines = data.awards.slice(0, CARD_AWARDS).map((a) =>
      t('ideas.card.award', { level: t(`ideas.awardLevel.${a.level}`).toString(), result: clip(awardText(a), Math.min(textClip, 300)) }),
    );
    if (data.awards.length > CARD_AWARDS) lines.push(html`…`);
    blocks.push(joinHtml([t('ideas.card.awards'), ...lines], '\n'));
  }

  if (data.history.length) {
    const someone = t('ideas.card.someone').toString();
    const lines = data.history.map((e) => {
      const date = formatShortDate(e.at, v.lang, v.timeZone);
      const actor = e.actorName ?? someone;
      const line = e.coaching
        ? t('coaching.card.history', { date, actor })
        : e.from === null
        ? t('ideas.card.history.created', { date, actor })
        : t('ideas.card.history.moved', { date, from: stageLabel(t, e.from), to: stageLabel(t, e.to), actor });
      return e.note ? html`${line}${t('ideas.card.history.note', { note: clip(e.note, Math.min(textClip, 200)) })}` : line;
    });
    blocks.push(joinHtml([t('ideas.card.history'), ...lines], '\n'));
  }

  const footer: Html[] = [];
  if (!idea.problem || !idea.solution) footer.push(t('ideas.card.incomplete', { id: idea.id }));
  if (clipped) footer.push(t('ideas.card.clipped', { id: idea.id }));
  if (footer.length) blocks.push(joinHtml(footer, '\n'));
  return joinHtml(blocks, '\n\n');
}

/** Coaches, the last coaching date and the next one (nothing for an idea without coaching). */
function coachingLines(v: ViewContext, data: IdeaCardData): Html[] {
  const { t } = v;
  const { coaches, lastNoteAt, nextAt } = data.coaching;
  const lines: Html[] = [];
  if (coaches.length) lines.push(t('coaching.card.coaches', { names: coaches.join(', ') }));
  if (lastNoteAt) lines.push(t('coaching.card.last', { date: formatShortDate(lastNoteAt, v.lang, v.timeZone) }));
  if (nextAt && nextAt.getTime() > (v.now ?? new Date()).getTime()) lines.push(t('coaching.card.next', { when: formatDateTime(nextAt, v.lang, v.timeZone) }));
  return lines;
}

/** Every text field in full (may be long: the sender splits it into several messages). */
export function renderFullText(v: ViewContext, data: IdeaCardData): Html {
  const { t } = v;
  const { idea } = data;
  const parts: Html[] = [t('ideas.card.full.title', { id: idea.id, name: idea.name })];
  const fields = [
    ['expansion', idea.expansion],
    ['summary', idea.summary],
    ['problem', idea.problem],
    ['solution', idea.solution],
    ['beneficiaries', idea.beneficiaries],
  ] as const;
  for (const [field, text] of fields) {
    if (text) parts.push(t('ideas.card.section', { label: t(`ideas.field.${field}`).toString(), text }));
  }
  return joinHtml(parts, '\n\n');
}

/** One line of a list or search result. */
export function renderListRow(t: Translate, row: ListRow): Html {
  return t('ideas.list.item', { id: row.id, name: row.name, agency: row.agencyShort, stage: stageLabel(t, row.stage), supports: row.supportCount });
}

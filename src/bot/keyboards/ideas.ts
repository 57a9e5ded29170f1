import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { ideaForms, stages, type Language, type Stage } from '../../db/schema/index.js';
import { pitchFields, type IdeaField } from '../../domain/ideas/fields.js';
import { encodeFilters, type IdeaFilters } from '../../domain/ideas/list.js';
import type { Translate } from '../../i18n/index.js';
import { callbackData } from '../callback-data.js';
import { label } from './label.js';

/**
 * Callback data of the idea pipeline (all ≤ 64 bytes, stages by index):
 *   idea:sup:<id>  idea:cmt:<id>  idea:show:<id>  idea:next:<id>:<from>:<to>  idea:mv:<id>:<from>:<to>
 *   idea:arc:<id>:<from>  idea:del:<id>:y|n  ied:<id>:<field>
 *   ipf:skip  ipf:form:<form>  ipf:dig:1|0  ipf:ag:<agencyId>  ipf:send  ipf:edit:<field>  ipf:cancel
 *   ipq:send:<telegramId>  ipq:cancel:<telegramId>
 *   il:p:<page>:<n|p><cursor>:<filters>  il:f:<filters>  il:k:<s|a|y>:<filters>
 *   sr:<f|t>:<page>:<query>
 * `draft:new:<id>` belongs to the proposal-drafts feature; `coach:note:<id>` to coaching.
 */
export const stageIndex = (stage: Stage): number => stages.indexOf(stage);
export const stageAt = (index: string | number | undefined): Stage | undefined => stages[Number(index)];

type Button = InlineKeyboardButton.CallbackButton;
const button = (text: string | { toString(): string }, ...data: (string | number)[]): Button =>
  Markup.button.callback(label(text), callbackData(...data));

export interface NextMove {
  from: Stage;
  to: Stage;
  reopen: boolean;
}

/**
 * The card's buttons. 📝 only when the card is drawn for someone who may draft (see canDraft), 📒 for
 * coaches; `supported` is the viewer's own 👍 state on a card drawn for them (private chat), unknown on a
 * shared card.
 */
export function cardKeyboard(t: Translate, ideaId: number, next?: NextMove, extra: { coachNote?: boolean; draft?: boolean; supported?: boolean | undefined } = {}) {
  const support = extra.supported ? t('ideas.card.btn.supported') : t('ideas.card.btn.support');
  const rows: Button[][] = [[button(support, 'idea', 'sup', ideaId), button(t('ideas.card.btn.comment'), 'idea', 'cmt', ideaId)]];
  if (next) {
    const label = next.reopen
      ? t('ideas.card.btn.reopen', { stage: t(`ideas.stage.${next.to}`).toString() })
      : t('ideas.card.btn.next', { stage: t(`ideas.stage.${next.to}`).toString() });
    rows.push([button(label, 'idea', 'next', ideaId, stageIndex(next.from), stageIndex(next.to))]);
  }
  if (extra.draft) rows.push([button(t('ideas.card.btn.draft'), 'draft', 'new', ideaId)]);
  if (extra.coachNote) rows.push([button(t('coaching.note.btn.write'), 'coach', 'note', ideaId)]);
  return Markup.inlineKeyboard(rows);
}

export function stageChooser(t: Translate, ideaId: number, from: Stage, targets: readonly Stage[]) {
  const moves = targets.filter((s) => s !== 'archived').map((to) => button(t(`ideas.stage.${to}`), 'idea', 'mv', ideaId, stageIndex(from), stageIndex(to)));
  const rows: Button[][] = [];
  for (let i = 0; i < moves.length; i += 2) rows.push(moves.slice(i, i + 2));
  if (targets.includes('archived')) rows.push([button(t('ideas.stage.btn.archive'), 'idea', 'arc', ideaId, stageIndex(from))]);
  return Markup.inlineKeyboard(rows);
}

/** `#12` buttons, five a row, that open the idea's card. */
export function openButtons(t: Translate, ids: readonly number[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < ids.length; i += 5) rows.push(ids.slice(i, i + 5).map((id) => button(t('ideas.card.btn.open', { id }), 'idea', 'show', id)));
  return rows;
}

export function restoreButton(t: Translate, ideaId: number) {
  return Markup.inlineKeyboard([[button(t('ideas.restore.btn'), 'idea', 'undel', ideaId)]]);
}

export function withdrawConfirm(t: Translate, ideaId: number) {
  return Markup.inlineKeyboard([[button(t('ideas.support.btn.withdraw'), 'idea', 'unsup', ideaId, 'y'), button(t('ideas.support.btn.keep'), 'idea', 'unsup', ideaId, 'n')]]);
}

export function deleteConfirm(t: Translate, ideaId: number) {
  return Markup.inlineKeyboard([[button(t('ideas.delete.btn.yes'), 'idea', 'del', ideaId, 'y'), button(t('ideas.delete.btn.no'), 'idea', 'del', ideaId, 'n')]]);
}

// ---------------------------------------------------------------- list

export interface ListNav {
  page: number;
  firstId?: number | undefined;
  lastId?: number | undefined;
  hasPrev: boolean;
  hasNext: boolean;
}

export function listKeyboard(t: Translate, ids: readonly number[], filters: IdeaFilters, nav: ListNav) {
  const f = encodeFilters(filters);
  const rows = openButtons(t, ids);
  const move: Button[] = [];
  if (nav.hasPrev && nav.firstId !== undefined) move.push(button(t('pager.prev'), 'il', 'p', Math.max(1, nav.page - 1), `p${nav.firstId}`, f));
  if (nav.hasNext && nav.lastId !== undefined) move.push(button(t('pager.next'), 'il', 'p', nav.page + 1, `n${nav.lastId}`, f));
  if (move.length) rows.push(move);
  rows.push([button(t('ideas.list.btn.stage'), 'il', 'k', 's', f), button(t('ideas.list.btn.agency'), 'il', 'k', 'a', f), button(t('ideas.list.btn.year'), 'il', 'k', 'y', f)]);
  const mine = filters.mine
    ? button(t('ideas.list.btn.everyone'), 'il', 'f', encodeFilters({ ...filters, mine: false }))
    : button(t('ideas.list.btn.mine'), 'il', 'f', encodeFilters({ ...filters, mine: true }));
  const second = [mine];
  if (filters.stage || filters.agencyId || filters.year || filters.mine) second.push(button(t('ideas.list.btn.clear'), 'il', 'f', '-'));
  rows.push(second);
  return Markup.inlineKeyboard(rows);
}

/** Options for one filter; every option goes back to page 1 with that filter set (or removed). */
export function filterPicker(t: Translate, kind: 's' | 'a' | 'y', filters: IdeaFilters, options: { label: string; value: number }[]) {
  const set = (value: number | undefined): IdeaFilters =>
    kind === 's'
      ? { ...filters, stage: value === undefined ? undefined : stages[value] }
      : kind === 'a'
        ? { ...filters, agencyId: value }
        : { ...filters, year: value };
  const choices = options.map((o) => button(o.label, 'il', 'f', encodeFilters(set(o.value))));
  const rows: Button[][] = [];
  const perRow = kind === 's' ? 2 : 3;
  for (let i = 0; i < choices.length; i += perRow) rows.push(choices.slice(i, i + perRow));
  rows.push([button(t('ideas.list.btn.any'), 'il', 'f', encodeFilters(set(undefined))), button(t('ideas.list.btn.back'), 'il', 'f', encodeFilters(filters))]);
  return Markup.inlineKeyboard(rows);
}

// ---------------------------------------------------------------- search

/** The query rides in the callback data, cut (on a character boundary) to what fits in 64 bytes. */
export function searchData(mode: 'f' | 'a' | 't' | 'w', page: number, query: string): string {
  const prefix = `sr:${mode}:${page}:`;
  let q = query;
  while (Buffer.byteLength(prefix + q, 'utf8') > 64) q = [...q].slice(0, -1).join('');
  return callbackData(prefix + q.trimEnd());
}

export function searchKeyboard(t: Translate, ids: readonly number[], mode: 'f' | 'a' | 't' | 'w', page: number, query: string, hasNext: boolean) {
  const rows = openButtons(t, ids);
  const move: Button[] = [];
  if (page > 1) move.push(Markup.button.callback(t('pager.prev').toString(), searchData(mode, page - 1, query)));
  if (hasNext) move.push(Markup.button.callback(t('pager.next').toString(), searchData(mode, page + 1, query)));
  if (move.length) rows.push(move);
  return Markup.inlineKeyboard(rows);
}

// ---------------------------------------------------------------- pitch and edit forms

export function choiceKeyboard(t: Translate, field: IdeaField, extra: { skip?: boolean; clear?: boolean; agency?: { id: number; shortName: string } }) {
  const rows: Button[][] = [];
  if (field === 'form') rows.push(...ideaForms.map((f) => [button(t(`ideas.form.${f}`), 'ipf', 'form', f)]));
  if (field === 'digital') rows.push([button(t('ideas.digital.yes'), 'ipf', 'dig', 1), button(t('ideas.digital.no'), 'ipf', 'dig', 0)]);
  if (field === 'agency' && extra.agency) rows.push([button(t('ideas.pitch.btn.myAgency', { agency: extra.agency.shortName }), 'ipf', 'ag', extra.agency.id)]);
  if (extra.skip) rows.push([button(t('ideas.pitch.btn.skip'), 'ipf', 'skip')]);
  if (extra.clear) rows.push([button(t('ideas.pitch.btn.clear'), 'ipf', 'skip')]);
  return rows.length ? Markup.inlineKeyboard(rows) : undefined;
}

export function agencyChoices(agencies: readonly { id: number; shortName: string }[]) {
  const rows: Button[][] = [];
  for (let i = 0; i < agencies.length; i += 2) rows.push(agencies.slice(i, i + 2).map((a) => button(a.shortName, 'ipf', 'ag', a.id)));
  return Markup.inlineKeyboard(rows);
}

export function previewKeyboard(t: Translate, lang: Language, similar: boolean) {
  const edits = pitchFields.map((f) => button(t('ideas.pitch.btn.edit', { field: t(`ideas.field.${f}`).toString().toLocaleLowerCase(lang) }), 'ipf', 'edit', f));
  const rows: Button[][] = [[button(t(similar ? 'ideas.pitch.btn.sendAnyway' : 'ideas.pitch.btn.send'), 'ipf', 'send')]];
  for (let i = 0; i < edits.length; i += 2) rows.push(edits.slice(i, i + 2));
  rows.push([button(t('ideas.pitch.btn.cancel'), 'ipf', 'cancel')]);
  return Markup.inlineKeyboard(rows);
}

/** Carries the pitcher's Telegram id: in a group, only they may answer. */
export function quickConfirmKeyboard(t: Translate, telegramId: number) {
  return Markup.inlineKeyboard([[button(t('ideas.pitch.btn.sendAnyway'), 'ipq', 'send', telegramId), button(t('ideas.pitch.btn.cancel'), 'ipq', 'cancel', telegramId)]]);
}

export function editMenu(t: Translate, ideaId: number, fields: readonly IdeaField[]) {
  const buttons = fields.map((f) => button(t(`ideas.field.${f}`), 'ied', ideaId, f));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return Markup.inlineKeyboard(rows);
}

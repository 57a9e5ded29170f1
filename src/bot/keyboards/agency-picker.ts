import { Markup } from 'telegraf';
import type { Agency } from '../../db/schema/index.js';
import type { Translate } from '../../i18n/index.js';
import { callbackData } from '../callback-data.js';

export const AGENCY_PAGE_SIZE = 10;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / AGENCY_PAGE_SIZE));
}

/** Two buttons a row by short name, with Prev/Next under them when there are several pages. */
export function agencyPicker(all: readonly Agency[], page: number, t: Translate) {
  const pages = pageCount(all.length);
  const current = Math.min(Math.max(1, page), pages);
  const slice = all.slice((current - 1) * AGENCY_PAGE_SIZE, current * AGENCY_PAGE_SIZE);
  return { keyboard: agencyButtons(slice, t, current, pages), page: current, pages };
}

export function agencyButtons(slice: readonly Agency[], t: Translate, page = 1, pages = 1) {
  const rows = [];
  for (let i = 0; i < slice.length; i += 2) {
    rows.push(slice.slice(i, i + 2).map((a) => Markup.button.callback(a.shortName, callbackData('ag', 'pick', a.id))));
  }
  const nav = [];
  if (page > 1) nav.push(Markup.button.callback(t('pager.prev').toString(), callbackData('ag', 'page', page - 1)));
  if (page < pages) nav.push(Markup.button.callback(t('pager.next').toString(), callbackData('ag', 'page', page + 1)));
  if (nav.length) rows.push(nav);
  return Markup.inlineKeyboard(rows);
}

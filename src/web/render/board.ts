import type { Stage } from '../../db/schema/index.js';
import type { Board } from '../../domain/dashboard/board.js';
import { formatNumber } from '../../i18n/format.js';
import { html, joinHtml, raw, type Html } from '../../i18n/index.js';
import { layout, type PageContext } from './layout.js';

const DAY_MS = 24 * 3600_000;

export interface BoardView {
  board: Board;
  filters: { year?: number | undefined; agencyId?: number | undefined; stage?: Stage | undefined; query?: string | undefined };
  years: number[];
  agencies: { id: number; shortName: string }[];
  stages: readonly Stage[];
  now: Date;
  /** A message about the search input (too short, too long). */
  notice?: Html | undefined;
}

function option(value: string | number, label: string | Html, selected: boolean): Html {
  return html`<option value="${String(value)}"${selected ? raw(' selected') : ''}>${label}</option>`;
}

export function renderBoard(ctx: PageContext, v: BoardView): string {
  const { t, lang } = ctx;
  const f = v.filters;
  const filters = html`<form class="filters" method="get" action="/dasbor" role="search">
  <label>${t('dashboard.board.search')} <input type="search" name="q" value="${f.query ?? ''}" maxlength="100" placeholder="${t('dashboard.board.searchPlaceholder')}"></label>
  <label>${t('dashboard.board.year')} <select name="tahun">${option('', t('dashboard.board.all'), !f.year)}${v.years.map((y) => option(y, String(y), f.year === y))}</select></label>
  <label>${t('dashboard.board.agency')} <select name="pd">${option('', t('dashboard.board.all'), !f.agencyId)}${v.agencies.map((a) => option(a.id, a.shortName, f.agencyId === a.id))}</select></label>
  <label>${t('dashboard.board.stage')} <select name="tahap">${option('', t('dashboard.board.all'), !f.stage)}${v.stages.map((s) => option(s, t(`ideas.stage.${s}`), f.stage === s))}</select></label>
  <button type="submit">${t('dashboard.board.apply')}</button> <a class="reset" href="/dasbor">${t('dashboard.board.reset')}</a>
</form>`;
  const search = v.board.search
    ? html`<p class="notice" id="search-result">${t('dashboard.board.searchResult', { n: v.board.search.total, query: f.query ?? '' })}${v.board.search.mode === 'trigram' ? html` ${t('dashboard.board.searchTypo')}` : v.board.search.mode === 'words' ? html` ${t('dashboard.board.searchTypoText')}` : ''}</p>`
    : '';
  const columns = v.board.columns.map((col) => {
    const cards = col.cards.map((c) => {
      const days = Math.max(0, Math.floor((v.now.getTime() - c.stageSince.getTime()) / DAY_MS));
      return html`<li class="card" data-idea="${c.id}"><a href="/dasbor/ide/${c.id}"><strong class="name">${c.name}</strong>${c.expansion ? html` <span class="expansion">(${c.expansion})</span>` : ''}</a>
<span class="meta"><span class="card-agency">${c.agencyShort}</span> · <span class="supports">${t('dashboard.board.supports', { n: c.supportCount })}</span> · <span class="days">${t('dashboard.board.days', { n: days })}</span></span></li>`;
    });
    const count = `${formatNumber(col.count, lang)}${col.more ? '+' : ''}`;
    return html`<section class="column" data-stage="${col.stage}" aria-labelledby="col-${col.stage}">
<h2 id="col-${col.stage}">${t(`ideas.stage.${col.stage}`)} <span class="count" data-count="${count}">${col.cards.length < col.count || col.more ? t('dashboard.board.count', { shown: col.cards.length, count }) : count}</span></h2>
${cards.length ? html`<ol class="cards">${cards}</ol>` : html`<p class="empty">${t('dashboard.board.empty')}</p>`}
</section>`;
  });
  const body = html`<h1>${t('dashboard.board.title')}</h1>
${filters}
${v.notice ? html`<p class="notice warn">${v.notice}</p>` : ''}${search}
<div class="board">${joinHtml(columns, '\n')}</div>`;
  return layout(ctx, { title: t('dashboard.board.title'), section: 'board', body });
}

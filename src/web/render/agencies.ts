import type { AgencyPage } from '../../domain/dashboard/agencies-page.js';
import { progressStages, type Recap } from '../../domain/recap/rules.js';
import { html, raw } from '../../i18n/index.js';
import { bar, layout, type PageContext } from './layout.js';

/**
 * The One Agency One Innovation scoreboard for a year, counted by the recap's rules (src/domain/recap):
 * a PD meets the target with an innovation whose implementation began in the year. `#chart-agencies`
 * shows the recap's own chart, drawn by the same definition as the photo /rekap sends.
 */
export function renderScoreboard(ctx: PageContext, recap: Recap, years: number[], coordinator: boolean): string {
  const { t } = ctx;
  const max = Math.max(1, ...recap.agencies.map((a) => a.inProgressTotal + a.implemented));
  const yearLinks = years.map((y) => html`<a href="/dasbor/pd?tahun=${y}"${y === recap.year ? raw(' aria-current="page"') : ''}>${y}</a>`);
  const rows = recap.agencies.map((a) => {
    const byStage = progressStages.filter((s) => a.inProgress[s] > 0).map((s) => html`${t(`ideas.stage.${s}`)} ${a.inProgress[s]}`);
    return html`<li class="agency ${a.met ? 'met' : 'not-met'}" data-agency="${a.agencyId}">
<div class="agency-head"><a href="/dasbor/pd/${a.agencyId}"><b>${a.shortName}</b></a> <span class="badge">${a.met ? t('dashboard.agencies.met') : t('dashboard.agencies.notMet')}</span></div>
<div class="agency-name">${a.name}</div>
${bar(a.inProgressTotal + a.implemented, max, `${a.shortName}: ${a.inProgressTotal + a.implemented}`)}
<div class="meta">${t('dashboard.agencies.line', { pitched: a.pitched, inProgress: a.inProgressTotal, implemented: a.implemented, results: a.results, year: recap.year })}${byStage.length ? html`<br>${byStage.map((s, i) => html`${i ? ' · ' : ''}${s}`)}` : ''}</div>
</li>`;
  });
  const body = html`<h1>${t('dashboard.agencies.title', { year: recap.year })}</h1>
<nav class="years" aria-label="${t('dashboard.board.year')}">${yearLinks}</nav>
<p class="summary" id="agencies-summary">${t('dashboard.agencies.summary', { met: recap.totals.agenciesMet, total: recap.totals.agencies })}</p>
${coordinator ? html`<p><a class="export" href="/dasbor/ekspor/pd.csv?tahun=${recap.year}" download>${t('dashboard.agencies.export')}</a></p>` : ''}
<figure id="chart-agencies"><img src="/dasbor/pd/grafik.svg?tahun=${recap.year}" alt="${t('dashboard.agencies.chartAlt', { year: recap.year })}"></figure>
<ol class="agencies">${rows}</ol>`;
  return layout(ctx, { title: t('dashboard.nav.agencies'), section: 'agencies', body });
}

export function renderAgency(ctx: PageContext, page: AgencyPage): string {
  const { t } = ctx;
  const list = page.ideas.length
    ? html`<ol class="agency-ideas">${page.ideas.map(
        (i) => html`<li data-idea="${i.id}"><a href="/dasbor/ide/${i.id}"><b>${i.name}</b></a>${i.expansion ? html` (${i.expansion})` : ''} — <span class="stage" data-stage="${i.stage}">${t(`ideas.stage.${i.stage}`)}</span>${
          i.awards.length ? html`<ul class="awards">${i.awards.map((a) => html`<li>${a.competition === 'other' ? '' : a.competition} ${a.year} · ${t(`ideas.awardLevel.${a.level}`)} — ${a.result}</li>`)}</ul>` : ''
        }</li>`,
      )}</ol>`
    : html`<p class="empty">${t('dashboard.agencies.noIdeas')}</p>`;
  const body = html`<h1>${page.agency.shortName}</h1>
<p class="agency-name">${page.agency.name}${page.agency.active ? '' : html` · ${t('dashboard.agencies.inactive')}`}</p>
<section><h2>${t('dashboard.agencies.ideas')}</h2>${list}</section>`;
  return layout(ctx, { title: page.agency.shortName, section: 'agencies', body });
}

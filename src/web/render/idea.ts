import type { IdeaPage } from '../../domain/dashboard/idea-page.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { html, type Html } from '../../i18n/index.js';
import { layout, type PageContext } from './layout.js';

/** `2026-12-03` (a date column) as `Kamis, 3 Desember 2026`. */
function localDate(ctx: PageContext, value: string): string {
  return formatDate(new Date(`${value}T12:00:00Z`), ctx.lang, 'UTC');
}

function paragraphs(text: string): Html {
  return html`${text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}`;
}

export function renderIdea(ctx: PageContext, page: IdeaPage, tz: string): string {
  const { t, lang } = ctx;
  const { idea, agency, owner } = page;
  const field = (label: Html, value: Html | string | null | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : '');
  const fields = html`<dl class="fields">
${field(t('dashboard.idea.stage'), html`<span class="stage" data-stage="${idea.stage}">${t(`ideas.stage.${idea.stage}`)}</span>`)}
${field(t('dashboard.idea.agency'), html`<a href="/dasbor/pd/${idea.agencyId}">${agency.name} (${agency.shortName})</a>`)}
${field(t('dashboard.idea.owner'), owner.name)}
${field(t('dashboard.idea.pitchedAt'), formatDateTime(idea.createdAt, lang, tz))}
${field(t('dashboard.idea.form'), idea.form ? t(`ideas.form.${idea.form}`) : null)}
${field(t('dashboard.idea.kind'), idea.digital === null ? null : t(idea.digital ? 'ideas.digital.yes' : 'ideas.digital.no'))}
${field(t('dashboard.idea.trialStartedOn'), idea.trialStartedOn ? localDate(ctx, idea.trialStartedOn) : null)}
${field(t('dashboard.idea.implementedOn'), idea.implementedOn ? localDate(ctx, idea.implementedOn) : null)}
${field(t('dashboard.idea.archivedReason'), idea.archivedReason)}
</dl>`;
  const texts = (['summary', 'problem', 'solution', 'beneficiaries'] as const)
    .filter((k) => idea[k])
    .map((k) => html`<section class="text"><h2>${t(`dashboard.idea.${k}`)}</h2>${paragraphs(idea[k]!)}</section>`);
  const history = page.history.length
    ? html`<ol class="history">${page.history.map(
        (h) =>
          html`<li><time datetime="${h.at.toISOString()}">${formatDateTime(h.at, lang, tz)}</time> — ${h.from ? html`${t(`ideas.stage.${h.from}`)} → ` : ''}<strong>${t(`ideas.stage.${h.to}`)}</strong>${h.actorName ? html` ${t('dashboard.idea.by', { name: h.actorName })}` : ''}${h.note ? html`<br><q>${h.note}</q>` : ''}</li>`,
      )}</ol>`
    : html`<p class="empty">${t('dashboard.idea.noHistory')}</p>`;
  const supporters = page.supporters.length
    ? html`<ul class="names">${page.supporters.map((s) => html`<li>${s.name}</li>`)}</ul>`
    : html`<p class="empty">${t('dashboard.idea.noSupporters')}</p>`;
  const comments = page.comments.length
    ? html`<ol class="comments">${page.comments.map((c) => html`<li><b>${c.authorName}</b> <time datetime="${c.at.toISOString()}">${formatDateTime(c.at, lang, tz)}</time><br>${c.text}</li>`)}</ol>`
    : html`<p class="empty">${t('dashboard.idea.noComments')}</p>`;
  const awards = page.awards.length
    ? html`<ul class="awards">${page.awards.map((a) => html`<li><b>${a.competition === 'other' ? '' : a.competition} ${a.year}</b> · ${t(`ideas.awardLevel.${a.level}`)} — ${a.result}</li>`)}</ul>`
    : html`<p class="empty">${t('dashboard.idea.noAwards')}</p>`;
  const drafts =
    page.drafts === undefined
      ? ''
      : html`<section id="drafts"><h2>${t('dashboard.idea.drafts')}</h2>${
          page.drafts.length
            ? html`<ul class="drafts">${page.drafts.map(
                (d) => html`<li>${t('dashboard.idea.draftLine', { version: d.version, at: formatDateTime(d.createdAt, lang, tz) })} · <a href="/dasbor/ide/${idea.id}/draf/${d.version}" download>${t('dashboard.idea.download')}</a></li>`,
              )}</ul>`
            : html`<p class="empty">${t('dashboard.idea.noDrafts')}</p>`
        }</section>`;
  const body = html`<article class="idea" data-idea="${idea.id}">
<h1><span class="number">#${idea.id}</span> ${idea.name}</h1>
${idea.expansion ? html`<p class="expansion">${idea.expansion}</p>` : ''}
${fields}
${texts}
<section id="history"><h2>${t('dashboard.idea.history')}</h2>${history}</section>
<section id="supports"><h2>${t('dashboard.idea.supporters', { n: idea.supportCount })}</h2>${supporters}</section>
<section id="comments"><h2>${t('dashboard.idea.comments', { n: idea.commentCount })}</h2>${comments}</section>
<section id="awards"><h2>${t('dashboard.idea.awards')}</h2>${awards}</section>
${drafts}
<p class="hint">${t('dashboard.idea.readOnly')}</p>
</article>`;
  return layout(ctx, { title: idea.name, section: 'board', body });
}

import type { SessionEntry, SessionsPage } from '../../domain/dashboard/sessions-page.js';
import { formatDateTime } from '../../i18n/format.js';
import { html, type Html } from '../../i18n/index.js';
import { layout, type PageContext } from './layout.js';

function entry(ctx: PageContext, e: SessionEntry, tz: string, past: boolean): Html {
  const { t, lang } = ctx;
  const s = e.session;
  const agenda = e.agenda.length
    ? html`<p><b>${t('dashboard.sessions.agenda')}:</b> ${e.agenda.map((i, n) => html`${n ? ', ' : ''}<a href="/dasbor/ide/${i.id}">${i.name}</a>`)}</p>`
    : '';
  const minutes = past && s.status !== 'cancelled'
    ? html`<details><summary>${t('dashboard.sessions.minutes')}</summary>${s.minutes ? html`<p class="minutes">${s.minutes}</p>` : html`<p class="empty">${t('dashboard.sessions.noMinutes')}</p>`}</details>`
    : '';
  const attendees = e.attendees
    ? html`<details class="coordinator"><summary>${t('dashboard.sessions.attendees')} (${e.attendees.length})</summary><ul class="names">${e.attendees.map((n) => html`<li>${n}</li>`)}</ul></details>`
    : '';
  return html`<li class="session" data-session="${s.id}">
<h3>${s.title}</h3>
<p class="when"><time datetime="${s.startsAt.toISOString()}">${formatDateTime(s.startsAt, lang, tz)}</time> · ${t('dashboard.sessions.place')}: ${s.place}</p>
${s.status === 'cancelled' ? html`<p class="cancelled">${t('dashboard.sessions.cancelled', { reason: s.cancelReason ?? '' })}</p>` : ''}
<p class="rsvp">${t('dashboard.sessions.rsvp', e.counts)}${past ? html` · ${t('dashboard.sessions.attended', { n: e.attended })}` : ''}</p>
${agenda}${minutes}${attendees}
</li>`;
}

export function renderSessions(ctx: PageContext, page: SessionsPage, tz: string): string {
  const { t } = ctx;
  const list = (entries: SessionEntry[], past: boolean) =>
    entries.length ? html`<ol class="sessions">${entries.map((e) => entry(ctx, e, tz, past))}</ol>` : html`<p class="empty">${t('dashboard.sessions.none')}</p>`;
  const body = html`<h1>${t('dashboard.sessions.title')}</h1>
<section id="upcoming"><h2>${t('dashboard.sessions.upcoming')}</h2>${list(page.upcoming, false)}</section>
<section id="past"><h2>${t('dashboard.sessions.past')}</h2>${list(page.past, true)}</section>`;
  return layout(ctx, { title: t('dashboard.sessions.title'), section: 'sessions', body });
}

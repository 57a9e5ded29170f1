import type { Language, Member } from '../../db/schema/index.js';
import { displayName } from '../../domain/members.js';
import { html, raw, translator, type Html, type Translate } from '../../i18n/index.js';

export type Section = 'board' | 'agencies' | 'sessions' | 'none';

export interface PageContext {
  lang: Language;
  t: Translate;
  viewer: Member | undefined;
  /** Version string appended to asset URLs so a deploy reloads them. */
  assetVersion: string;
}

export function pageContext(lang: Language, viewer: Member | undefined, assetVersion: string): PageContext {
  return { lang, t: translator(lang), viewer, assetVersion };
}

/** The whole document: head with the one stylesheet and the one script (no inline code: the CSP forbids it). */
export function layout(ctx: PageContext, opts: { title: string | Html; section: Section; body: Html; auth?: 'none' }): string {
  const { t, viewer } = ctx;
  const nav = viewer
    ? html`<nav class="top" aria-label="${t('dashboard.title')}">
  <a class="brand" href="/dasbor">☕ Warkop Indah</a>
  <a href="/dasbor"${opts.section === 'board' ? raw(' aria-current="page"') : ''}>${t('dashboard.nav.board')}</a>
  <a href="/dasbor/pd"${opts.section === 'agencies' ? raw(' aria-current="page"') : ''}>${t('dashboard.nav.agencies')}</a>
  <a href="/dasbor/sesi"${opts.section === 'sessions' ? raw(' aria-current="page"') : ''}>${t('dashboard.nav.sessions')}</a>
  <form class="signout" method="post" action="/dasbor/keluar"><span class="who">${t('dashboard.signedInAs', { name: displayName(viewer) })}</span> <button type="submit">${t('dashboard.nav.signOut')}</button></form>
</nav>`
    : html`<nav class="top"><span class="brand">☕ Warkop Indah</span></nav>`;
  const doc = html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${opts.title} · ${t('dashboard.title')}</title>
<link rel="stylesheet" href="/dasbor/app.css?v=${ctx.assetVersion}">
<script src="/dasbor/app.js?v=${ctx.assetVersion}" defer></script>
</head>
<body data-auth="${opts.auth ?? (viewer ? 'member' : 'none')}">
${nav}
<main>
${opts.body}
</main>
</body>
</html>
`;
  return doc.toString();
}

/** A page that only says something (sign-in needed, not found, refused). */
export function messagePage(ctx: PageContext, title: string | Html, message: string | Html, extra: Html = html``): string {
  return layout(ctx, { title, section: 'none', body: html`<section class="message"><h1>${title}</h1><p>${message}</p>${extra}</section>` });
}

/** A horizontal bar as SVG (attributes, not inline style: the CSP allows no inline styles). */
export function bar(value: number, max: number, label: string): Html {
  const width = max > 0 ? Math.round((value / max) * 1000) / 10 : 0;
  return html`<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${label}"><rect class="track" width="100" height="6"></rect><rect class="fill" width="${width}" height="6"></rect></svg>`;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { stringify } from 'csv-stringify/sync';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Language, Member } from '../db/schema/index.js';
import { agencyOptions, loadAgencyPage } from '../domain/dashboard/agencies-page.js';
import { endSession, memberForSession, redeemSignInLink, SESSION_TTL_MS } from '../domain/dashboard/auth.js';
import { BOARD_STAGES, boardYears, loadBoard } from '../domain/dashboard/board.js';
import { loadIdeaPage } from '../domain/dashboard/idea-page.js';
import { checkInitData } from '../domain/dashboard/init-data.js';
import { loadSessionsPage } from '../domain/dashboard/sessions-page.js';
import { loadRecap } from '../domain/recap/load.js';
import { recapChart } from '../charts/recap.js';
import { chartToSvg } from '../charts/render.js';
import { normaliseQuery } from '../domain/ideas/search.js';
import { parseStage } from '../domain/ideas/stages.js';
import { findMemberByTelegramId, languageFor } from '../domain/members.js';
import { hasRole, isRegistered } from '../domain/permissions.js';
import { activeLayout } from '../domain/drafts/active-layout.js';
import { canDraft, findDraftableIdea } from '../domain/drafts/access.js';
import { findLayout } from '../domain/drafts/layout.js';
import { findDraftVersion } from '../domain/drafts/versions.js';
import { yearIn } from '../i18n/format.js';
import { html } from '../i18n/index.js';
import { draftFile } from '../jobs/drafts-delivery.js';
import type { Logger } from '../logger.js';
import { renderAgency, renderScoreboard } from './render/agencies.js';
import { renderBoard } from './render/board.js';
import { renderIdea } from './render/idea.js';
import { messagePage, pageContext, type PageContext } from './render/layout.js';
import { renderSessions } from './render/sessions.js';

export const DASHBOARD_PATH = '/dasbor';
export const SESSION_COOKIE = 'wi_dasbor';
/** Mini Apps send Telegram's signed initData in this header on every request (see assets/app.js). */
export const INIT_DATA_HEADER = 'x-telegram-init-data';

export interface DashboardDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  /** The public address the dashboard is reached at (links, cookie's Secure flag), once known. */
  publicUrl: () => string | undefined;
}

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  // Telegram's web clients show Mini Apps in a frame; nobody else may.
  "frame-ancestors 'self' https://web.telegram.org",
].join('; ');

function asset(name: string): { body: string; version: string } {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
  return { body, version: createHash('sha256').update(body).digest('hex').slice(0, 10) };
}

type Env = { Variables: { viewer: Member | undefined; lang: Language; page: PageContext } };

/**
 * The read-only web dashboard under /dasbor: server-rendered pages, one stylesheet, one small
 * script. Who is asking comes from the session cookie (browser, after a one-time link from the bot)
 * or from Telegram's signed initData header (Mini App), checked on every request.
 */
export function createDashboard(deps: DashboardDeps): { app: Hono<Env>; listener: NodeListener } {
  const { config, database, clock, logger } = deps;
  const db = database.db;
  const tz = config.TZ_NAME;
  const token = config.TELEGRAM_BOT_TOKEN ?? '';
  const css = asset('app.css');
  const js = asset('app.js');
  const assetVersion = createHash('sha256').update(css.version + js.version).digest('hex').slice(0, 10);
  const app = new Hono<Env>().basePath(DASHBOARD_PATH);

  const secure = (c: Context) => deps.publicUrl()?.startsWith('https:') === true || c.req.header('x-forwarded-proto') === 'https';
  const fallbackLang = (c: Context): Language => {
    const accept = (c.req.header('accept-language') ?? '').toLowerCase();
    if (accept.startsWith('en')) return 'en';
    if (accept.startsWith('id') || accept.startsWith('in')) return 'id';
    return config.DEFAULT_LANGUAGE;
  };
  /**
   * Same-origin POSTs only (sign-in, sign-out): a page elsewhere cannot press them for the user.
   * Browsers say where a request comes from in Sec-Fetch-Site; older ones only in Origin (which the
   * pages' no-referrer policy turns into "null" for form posts, so Sec-Fetch-Site is asked first).
   */
  const sameOrigin = (c: Context): boolean => {
    const site = c.req.header('sec-fetch-site');
    if (site) return site === 'same-origin' || site === 'none';
    const origin = c.req.header('origin');
    if (!origin) return true;
    const own = new Set([new URL(c.req.url).origin]);
    const pub = deps.publicUrl();
    if (pub) own.add(new URL(pub).origin);
    return own.has(origin);
  };

  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cache-Control', 'private, no-store');
    // Responses differ by cookie and by the Mini App's header.
    c.header('Vary', 'Cookie, X-Telegram-Init-Data, Accept-Language');
    await next();
  });

  // The only bodies are the two small forms.
  app.use('*', bodyLimit({ maxSize: 4096, onError: (c) => c.text('too large', 413) }));

  app.get('/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(css.body, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get('/app.js', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(js.body, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });

  // The one-time link: a page whose form POSTs the token (link previews fetch with GET and must not spend it).
  app.get('/masuk/:token', (c) => {
    const page = pageContext(fallbackLang(c), undefined, assetVersion);
    const form = html`<form method="post" action="/dasbor/masuk" data-autosubmit><input type="hidden" name="token" value="${c.req.param('token')}"><button type="submit">${page.t('dashboard.auth.button')}</button></form>`;
    return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.auth.confirm'), form));
  });
  app.post('/masuk', async (c) => {
    const page = pageContext(fallbackLang(c), undefined, assetVersion);
    if (!sameOrigin(c)) return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.badRequest')), 403);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const result = await redeemSignInLink(db, typeof form.token === 'string' ? form.token : '', clock.now());
    if (!result.ok) {
      logger.info({ reason: result.reason }, 'dashboard sign-in refused');
      const key = result.reason === 'used' ? 'dashboard.auth.used' : result.reason === 'expired' ? 'dashboard.auth.expired' : result.reason === 'not_member' ? 'dashboard.auth.notMember' : 'dashboard.auth.invalid';
      return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t(key)), result.reason === 'not_member' ? 403 : 400);
    }
    setCookie(c, SESSION_COOKIE, result.sessionToken, { path: DASHBOARD_PATH, httpOnly: true, sameSite: 'Lax', secure: secure(c), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
    logger.info({ member: result.memberId }, 'dashboard sign-in');
    return c.redirect(DASHBOARD_PATH, 303);
  });
  app.post('/keluar', async (c) => {
    const page = pageContext(fallbackLang(c), undefined, assetVersion);
    if (!sameOrigin(c)) return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.badRequest')), 403);
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await endSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: DASHBOARD_PATH, secure: secure(c) });
    return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.auth.signedOut')));
  });

  // Everything below needs a registered member.
  app.use('*', async (c, next) => {
    const initData = c.req.header(INIT_DATA_HEADER);
    let viewer: Member | undefined;
    if (initData !== undefined) {
      const check = checkInitData(initData, token, clock.now());
      if (!check.ok) {
        logger.info({ reason: check.reason }, 'dashboard initData refused');
        const page = pageContext(fallbackLang(c), undefined, assetVersion);
        return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.auth.badInitData')), 401);
      }
      const member = await findMemberByTelegramId(db, check.user.id);
      if (!isRegistered(member)) {
        const page = pageContext(languageFor(member, check.user.languageCode, config.DEFAULT_LANGUAGE), undefined, assetVersion);
        return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.auth.notMember')), 403);
      }
      viewer = member;
    } else {
      viewer = await memberForSession(db, getCookie(c, SESSION_COOKIE), clock.now());
    }
    if (!viewer) {
      const page = pageContext(fallbackLang(c), undefined, assetVersion);
      return c.html(messagePage(page, page.t('dashboard.auth.title'), page.t('dashboard.auth.needed')), 401);
    }
    const lang = languageFor(viewer, undefined, config.DEFAULT_LANGUAGE);
    c.set('viewer', viewer);
    c.set('lang', lang);
    c.set('page', pageContext(lang, viewer, assetVersion));
    await next();
  });

  const notFound = (c: Context<Env>) => {
    const page = c.get('page');
    return c.html(messagePage(page, page.t('dashboard.notFound'), page.t('dashboard.notFound')), 404);
  };
  const idParam = (value: string | undefined): number | undefined => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
  /** A plausible year, or undefined (a typed-in 0000 must not reach the database's date functions). */
  const yearParam = (value: string | undefined): number | undefined => {
    const y = value && /^\d{4}$/.test(value) ? Number(value) : undefined;
    return y !== undefined && y >= 1900 && y <= 2200 ? y : undefined;
  };

  app.get('/', async (c) => {
    const page = c.get('page');
    const q = c.req.query();
    const year = yearParam(q.tahun);
    const agencyId = idParam(q.pd);
    const stage = q.tahap ? parseStage(q.tahap) : undefined;
    let query: string | undefined;
    let notice;
    if (q.q && q.q.trim()) {
      const n = normaliseQuery(q.q);
      if (n.ok) query = n.query;
      else notice = page.t(n.reason === 'too_short' ? 'dashboard.board.queryShort' : 'dashboard.board.queryLong');
    }
    const filters = { year, agencyId, stage: stage && BOARD_STAGES.includes(stage) ? stage : undefined, query };
    const board = await loadBoard(db, filters, tz);
    const years = await boardYears(db, tz);
    const agencies = await agencyOptions(db);
    return c.html(renderBoard(page, { board, filters, years, agencies, stages: BOARD_STAGES, now: clock.now(), notice }));
  });

  app.get('/ide/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const data = id ? await loadIdeaPage(db, id, c.get('viewer')!) : undefined;
    if (!data) return notFound(c);
    return c.html(renderIdea(c.get('page'), data, tz));
  });

  app.get('/ide/:id/draf/:version', async (c) => {
    const page = c.get('page');
    const id = idParam(c.req.param('id'));
    const version = idParam(c.req.param('version'));
    const idea = id ? await findDraftableIdea(db, id) : undefined;
    if (!idea || !version) return notFound(c);
    if (!(await canDraft(db, c.get('viewer'), idea))) return c.html(messagePage(page, page.t('dashboard.forbidden'), page.t('dashboard.draftForbidden')), 403);
    const draft = await findDraftVersion(db, idea.id, version);
    if (!draft) return notFound(c);
    const layout = findLayout(draft.layoutId) ?? (await activeLayout(db, config.PROPOSAL_LAYOUT)).layout;
    const file = await draftFile(draft, layout, idea.name, tz);
    return c.body(new Uint8Array(file.buffer), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  });

  app.get('/sesi', async (c) => {
    const viewer = c.get('viewer')!;
    const data = await loadSessionsPage(db, clock.now(), { coordinator: hasRole(viewer, 'coordinator') });
    return c.html(renderSessions(c.get('page'), data, tz));
  });

  const yearOf = (c: Context<Env>) => yearParam(c.req.query('tahun')) ?? yearIn(clock.now(), tz);
  app.get('/pd', async (c) => {
    const year = yearOf(c);
    const recap = await loadRecap(db, year, tz);
    const current = yearIn(clock.now(), tz);
    const years = [...new Set([current, year, ...(await boardYears(db, tz))])].sort((a, b) => b - a);
    return c.html(renderScoreboard(c.get('page'), recap, years, hasRole(c.get('viewer'), 'coordinator')));
  });
  // The recap's own chart (the same definition /rekap sends as a photo), as SVG for the browser.
  app.get('/pd/grafik.svg', async (c) => {
    const year = yearOf(c);
    const recap = await loadRecap(db, year, tz);
    const svg = await chartToSvg(recapChart(recap, c.get('page').lang, clock.now(), tz));
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, max-age=60' });
  });
  app.get('/pd/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const data = id ? await loadAgencyPage(db, id) : undefined;
    if (!data) return notFound(c);
    return c.html(renderAgency(c.get('page'), data));
  });

  // Exports are for coordinators.
  app.get('/ekspor/pd.csv', async (c) => {
    const page = c.get('page');
    if (!hasRole(c.get('viewer'), 'coordinator')) return c.html(messagePage(page, page.t('dashboard.forbidden'), page.t('dashboard.forbidden')), 403);
    const year = yearOf(c);
    const recap = await loadRecap(db, year, tz);
    const header = page.t('dashboard.agencies.csvHeader').toString().split(',');
    const csv = stringify([header, ...recap.agencies.map((a) => [a.name, a.shortName, a.pitched, a.inProgressTotal, a.implemented, a.results, a.met ? 1 : 0])]);
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="pd-${year}.csv"` });
  });

  app.notFound((c) => {
    const page = (c as Context<Env>).get('page') ?? pageContext(fallbackLang(c), undefined, assetVersion);
    return c.html(messagePage(page, page.t('dashboard.notFound'), page.t('dashboard.notFound')), 404);
  });
  app.onError((err, c) => {
    logger.error({ err: { type: err.name } }, 'dashboard request failed');
    return c.text('error', 500);
  });

  return { app, listener: getRequestListener(app.fetch) as NodeListener };
}

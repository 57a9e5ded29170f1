import { and, desc, eq, gte, isNull, lt } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideas, ideaStageEvents } from '../../src/db/schema/index.js';
import { BOARD_STAGES } from '../../src/domain/dashboard/board.js';
import { artefactPath, browserAvailability, launchChromium } from '../helpers/browser.js';
import { askLink, DASHBOARD_ENV, initDataFor, serverOrigin } from '../helpers/dashboard.js';
import { seedDashboard } from '../helpers/dashboard-data.js';
import { useHarness, type Harness, type TestUser } from '../helpers/harness.js';

const ADMIN_ID = 900_001;
const { skip } = browserAvailability();
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 900 };

/** True when the page is wider than the window (a horizontal scroll bar). */
async function overflows(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;
}

/** Opens the sign-in link as a person would: the page's script presses the button, the board follows. */
async function signInBrowser(h: Harness, browser: Browser, user: TestUser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  const { path } = await askLink(user);
  await page.goto(`${serverOrigin(h)}${path}`);
  await page.waitForURL(/\/dasbor$/);
  return { context, page, problems };
}

describe.skipIf(skip)('dashboard in a real browser (Chromium)', () => {
  const h = useHarness('pglite', { adminIds: [ADMIN_ID], env: DASHBOARD_ENV });
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchChromium());
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('signs in by link and shows every page as the database has it, on a desktop and on a 360 px phone', async () => {
    const { admin, petaBaper, past, upcoming } = await seedDashboard(h);
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const { context, page, problems } = await signInBrowser(h, browser, admin, viewport);

      // Board: each column holds the newest ideas of its stage, as in the database.
      await page.selectOption('select[name="tahun"]', '2026');
      await Promise.all([page.waitForURL(/tahun=2026/), page.click('form.filters button[type="submit"]')]);
      for (const stage of BOARD_STAGES) {
        // 2026 in WITA (UTC+8).
        const expected = await h.db
          .select({ name: ideas.name })
          .from(ideas)
          .where(and(eq(ideas.stage, stage), isNull(ideas.deletedAt), gte(ideas.createdAt, new Date('2025-12-31T16:00:00Z')), lt(ideas.createdAt, new Date('2026-12-31T16:00:00Z'))))
          .orderBy(desc(ideas.id));
        const inYear = expected.map((e) => e.name);
        const shown = await page.locator(`section.column[data-stage="${stage}"] li.card strong.name`).allTextContents();
        expect(shown, stage).toEqual(inYear);
      }
      expect(await page.locator('li.card').count()).toBeGreaterThanOrEqual(8);
      expect(await overflows(page), `${label} board`).toBe(false);
      await page.screenshot({ path: artefactPath(`board-${label}.png`), fullPage: true });

      // Search: the same search as /cari.
      await page.fill('input[name="q"]', 'pemetaan partisipatif');
      await page.selectOption('select[name="tahun"]', '');
      await Promise.all([page.waitForURL(/q=/), page.click('form.filters button[type="submit"]')]);
      expect(await page.locator('#search-result').textContent()).toContain('1 ide cocok');
      expect(await page.locator('li.card strong.name').allTextContents()).toEqual(['Peta Baper']);

      // Idea page: fields, the whole stage history, supports, comments (escaped), awards.
      await Promise.all([page.waitForURL(new RegExp(`/dasbor/ide/${petaBaper}$`)), page.click('li.card a')]);
      const events = await h.db.select().from(ideaStageEvents).where(eq(ideaStageEvents.ideaId, petaBaper));
      expect(await page.locator('ol.history > li').count()).toBe(events.length);
      expect(await page.locator('ol.history').textContent()).toContain('Dibahas di Warkop Indah September');
      expect(await page.locator('#supports h2').textContent()).toBe('Dukungan (1)');
      expect(await page.locator('#comments').textContent()).toContain('Bagus, libatkan kecamatan <Masamba> juga.');
      expect(await page.locator('#history time').first().textContent()).toBe('Selasa, 1 September 2026 · 10.00 WITA');
      expect(await overflows(page), `${label} idea`).toBe(false);
      await page.screenshot({ path: artefactPath(`idea-${label}.png`), fullPage: true });

      // Agencies: the 2026 scoreboard (the recap's numbers), an agency's page with its award.
      await page.goto(`${serverOrigin(h)}/dasbor/pd?tahun=2026`);
      expect(await page.locator('#agencies-summary').textContent()).toMatch(/^2 dari \d+ perangkat daerah/);
      expect(await page.locator('li.agency.met .agency-head b').allTextContents()).toEqual(['Dinkes', 'DKP']);
      expect(await page.locator('figure#chart-agencies').count()).toBe(1);
      // The recap's chart, drawn from the same definition as /rekap's photo, loads as an image.
      await page.waitForFunction("(() => { const img = document.querySelector('figure#chart-agencies img'); return img && img.complete; })()");
      expect(await page.evaluate("document.querySelector('figure#chart-agencies img').naturalWidth")).toBeGreaterThan(0);
      expect(await overflows(page), `${label} agencies`).toBe(false);
      await page.screenshot({ path: artefactPath(`agencies-${label}.png`), fullPage: true });
      await page.click('li.agency.met a:has-text("DKP")');
      await page.waitForURL(/\/dasbor\/pd\/\d+$/);
      expect(await page.locator('ol.agency-ideas').textContent()).toContain('JIPP 2026 · Provinsi — TOP 30');

      // Sessions: upcoming with answers and agenda, past with attendance, minutes and (coordinator) names.
      await page.click('nav.top a[href="/dasbor/sesi"]');
      await page.waitForURL(/\/dasbor\/sesi$/);
      const next = page.locator(`li.session[data-session="${upcoming}"]`);
      expect(await next.locator('.when').textContent()).toContain('Kamis, 3 Desember 2026 · 09.00 WITA');
      expect(await next.locator('.rsvp').textContent()).toBe('Hadir 1 · Mungkin 0 · Tidak 1');
      expect(await next.textContent()).toContain('Peta Baper');
      const done = page.locator(`li.session[data-session="${past}"]`);
      expect(await done.locator('.rsvp').textContent()).toContain('Tercatat hadir: 1');
      expect(await done.locator('details.coordinator').textContent()).toContain('Budi Santoso');
      expect(await overflows(page), `${label} sessions`).toBe(false);
      await page.screenshot({ path: artefactPath(`sessions-${label}.png`), fullPage: true });

      expect(problems, 'console errors (CSP violations show here)').toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('a member sees no coordinator data; signing out in the browser ends the session', async () => {
    const { budi, past } = await seedDashboard(h);
    const { context, page, problems } = await signInBrowser(h, browser, budi, PHONE);
    await page.goto(`${serverOrigin(h)}/dasbor/sesi`);
    expect(await page.locator(`li.session[data-session="${past}"] .rsvp`).textContent()).toContain('Tercatat hadir: 1');
    expect(await page.locator('details.coordinator').count()).toBe(0);
    await page.goto(`${serverOrigin(h)}/dasbor/pd?tahun=2026`);
    expect(await page.locator('a.export').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.click('nav.top button[type="submit"]');
    await page.waitForURL(/\/dasbor\/keluar$/);
    expect(await page.locator('main').textContent()).toContain('Anda telah keluar dari dasbor di peramban ini.');
    const after = await page.goto(`${serverOrigin(h)}/dasbor`);
    expect(after?.status()).toBe(401);
    await context.close();
  }, 120_000);

  it('as a Mini App: initData from the URL fragment is sent with every request, the theme applies, and forged data shows nothing', async () => {
    const { budi, petaBaper } = await seedDashboard(h);
    const context = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const page = await context.newPage();
    const initData = initDataFor(h, budi.user, h.clock.now());
    const theme = JSON.stringify({ bg_color: '#101820', text_color: '#fafafa', button_color: '#2a9d8f' });
    const fragment = new URLSearchParams({ tgWebAppData: initData, tgWebAppVersion: '8.0', tgWebAppThemeParams: theme }).toString();
    const sent: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/dasbor') && r.resourceType() === 'fetch') sent.push(r.headers()['x-telegram-init-data']);
    });
    await page.goto(`${serverOrigin(h)}/dasbor#${fragment}`);
    await page.locator('section.column[data-stage="initiative"] li.card').first().waitFor();
    expect(page.url()).toBe(`${serverOrigin(h)}/dasbor`); // the signed data left the address bar
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(16, 24, 32)');
    await page.click(`li.card[data-idea="${petaBaper}"] a`);
    await page.locator('article.idea').waitFor();
    expect(await page.locator('article.idea h1').textContent()).toContain('Peta Baper');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent)).toEqual(new Set([initData]));
    expect(await overflows(page)).toBe(false);
    await page.screenshot({ path: artefactPath('miniapp-phone.png'), fullPage: true });

    const forged = await context.newPage();
    const bad = new URLSearchParams({ tgWebAppData: initData.replace(/hash=[0-9a-f]{6}/, 'hash=000000') }).toString();
    await forged.goto(`${serverOrigin(h)}/dasbor#${bad}`);
    await forged.locator('main .message').waitFor();
    await forged.locator('main .message:has-text("tidak sah")').waitFor();
    expect(await forged.locator('li.card').count()).toBe(0);
    await context.close();
  }, 120_000);
});

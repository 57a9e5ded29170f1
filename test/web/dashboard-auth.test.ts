import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dashboardLinks, dashboardSessions, drafts, members } from '../../src/db/schema/index.js';
import { findLayout } from '../../src/domain/drafts/layout.js';
import { engines } from '../helpers/databases.js';
import { askLink, DASHBOARD_ENV, fetchPage, initDataFor, redeem, serverOrigin, signIn } from '../helpers/dashboard.js';
import { useHarness } from '../helpers/harness.js';
import { agencyId, memberOf, seedIdea } from '../helpers/ideas.js';

const ADMIN_ID = 900_001;

describe.each(engines)('dashboard sign-in and access (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID], env: DASHBOARD_ENV });

  async function member(name = 'Budi', agency = 'Dinas Kesehatan') {
    const user = h.user(name);
    await user.register(`${name} Santoso`, agency);
    return user;
  }

  it('a one-time link from /dasbor signs in once; the link page itself spends nothing', async () => {
    const budi = await member();
    const row = await memberOf(h, budi);
    await seedIdea(h, { name: 'Getar Dilan', ownerId: row.id, agencyId: row.agencyId!, at: h.clock.now() });

    const reply = await budi.ask('/dasbor');
    expect(reply.text).toContain('Tautan masuk dasbor Warkop Indah untuk Anda:');
    expect(reply.text).toContain('hanya dapat dipakai satu kali dan berlaku 10 menit');
    const { path } = await askLink(budi);
    // Only the hash is stored.
    const stored = await h.db.select().from(dashboardLinks);
    expect(stored.map((l) => l.tokenHash)).not.toContain(path.split('/').pop());

    // A link preview (GET) shows the confirmation form and does not use the link up.
    const preview = await fetchPage(h, path);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('action="/dasbor/masuk"');
    expect(preview.headers.get('set-cookie')).toBeNull();

    const { page, cookie } = await redeem(h, path);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/dasbor');
    const setCookie = page.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/dasbor/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; Secure when the dashboard's address is https

    const board = await fetchPage(h, '/dasbor', { cookie });
    expect(board.status).toBe(200);
    expect(board.text).toContain('Getar Dilan');
    expect(board.text).toContain('Masuk sebagai Budi Santoso');
    expect(board.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(board.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(board.headers.get('access-control-allow-origin')).toBeNull();
    expect(board.text).not.toMatch(/<script>|<style>| style="|onclick=/);
    // Fast on a slow connection: the page, its stylesheet and its script, nothing else.
    const css = await fetchPage(h, '/dasbor/app.css');
    const js = await fetchPage(h, '/dasbor/app.js');
    expect(css.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(board.text.length + css.text.length + js.text.length).toBeLessThan(50_000);

    // Bad input in the address changes nothing and breaks nothing.
    for (const path of ['/dasbor?tahun=0000&pd=abc&tahap=xyz', '/dasbor?q=a', '/dasbor/pd?tahun=0000', '/dasbor/ide/99999999999', '/dasbor/ide/abc']) {
      const page = await fetchPage(h, path, { cookie });
      expect(page.status, path).toBeLessThan(500);
    }
    expect((await fetchPage(h, '/dasbor?q=a', { cookie })).text).toContain('Kata kunci terlalu pendek');
    expect((await fetchPage(h, '/dasbor/ide/abc', { cookie })).status).toBe(404);

    // Used once: refused the second time, and no second session is made.
    const again = await redeem(h, path);
    expect(again.page.status).toBe(400);
    expect(again.page.text).toContain('sudah pernah dipakai');
    expect(again.cookie).toBeUndefined();
    expect(await h.db.select().from(dashboardSessions)).toHaveLength(1);
  });

  it('an expired or unknown link is refused', async () => {
    const budi = await member();
    const { path } = await askLink(budi);
    h.clock.advance(10 * 60_000 + 1000);
    const late = await redeem(h, path);
    expect(late.page.status).toBe(400);
    expect(late.page.text).toContain('sudah kedaluwarsa');
    expect(late.cookie).toBeUndefined();
    const unknown = await redeem(h, '/dasbor/masuk/' + 'A'.repeat(43));
    expect(unknown.page.status).toBe(400);
    expect(unknown.page.text).toContain('tidak dikenal');
    expect((await redeem(h, '/dasbor/masuk/short')).page.status).toBe(400);
    const huge = await fetchPage(h, '/dasbor/masuk', { method: 'POST', body: new URLSearchParams({ token: 'x'.repeat(10_000) }) });
    expect(huge.status).toBe(413);
  });

  it('without a session nothing is shown; a forged cookie is refused; /dasbor keluar ends every session', async () => {
    const budi = await member();
    for (const path of ['/dasbor', '/dasbor/sesi', '/dasbor/pd', '/dasbor/ide/1']) {
      const page = await fetchPage(h, path);
      expect(page.status, path).toBe(401);
      expect(page.text).toContain('kirim /dasbor kepada bot');
    }
    expect((await fetchPage(h, '/dasbor', { cookie: `wi_dasbor=${'x'.repeat(43)}` })).status).toBe(401);

    const first = await signIn(h, budi);
    const second = await signIn(h, budi);
    expect((await fetchPage(h, '/dasbor', { cookie: first })).status).toBe(200);
    const unused = await askLink(budi);
    const bye = await budi.ask('/dasbor keluar');
    expect(bye.text).toContain('Anda telah keluar dari dasbor di 2 peramban');
    expect((await fetchPage(h, '/dasbor', { cookie: first })).status).toBe(401);
    expect((await fetchPage(h, '/dasbor', { cookie: second })).status).toBe(401);
    expect((await redeem(h, unused.path)).page.status).toBe(400);
  });

  it('signing out in the browser ends that session only, and only from the dashboard itself', async () => {
    const budi = await member();
    const a = await signIn(h, budi);
    const b = await signIn(h, budi);
    const forged = await fetchPage(h, '/dasbor/keluar', { method: 'POST', cookie: a, origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await fetchPage(h, '/dasbor', { cookie: a })).status).toBe(200);
    const out = await fetchPage(h, '/dasbor/keluar', { method: 'POST', cookie: a });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/wi_dasbor=;/);
    expect((await fetchPage(h, '/dasbor', { cookie: a })).status).toBe(401);
    expect((await fetchPage(h, '/dasbor', { cookie: b })).status).toBe(200);
  });

  it('speaks English to a member who uses English', async () => {
    const john = h.user('John', { language_code: 'en' });
    await john.register('John Doe', 'Dinas Kesehatan');
    const reply = await john.ask('/dashboard');
    expect(reply.text).toContain('Your sign-in link for the Warkop Indah dashboard:');
    const cookie = await signIn(h, john);
    const board = await fetchPage(h, '/dasbor', { cookie });
    expect(board.text).toContain('<html lang="en">');
    expect(board.text).toContain('Idea board');
    expect(board.text).toContain('Signed in as John Doe');
    expect((await john.ask('/dashboard logout')).text).toContain('You are signed out of the dashboard in 1 browser(s).');
  });

  it.runIf(engine === 'postgres')('any instance serves a session or a link made by another (both live in the database)', async () => {
    const budi = await member();
    const cookie = await signIn(h, budi);
    const { path } = await askLink(budi);
    const second = await h.startInstance();
    const other = `http://127.0.0.1:${(second.server!.address() as AddressInfo).port}`;
    expect(other).not.toBe(serverOrigin(h));
    const board = await fetch(`${other}/dasbor`, { headers: { cookie } });
    expect(board.status).toBe(200);
    const token = path.split('/').pop()!;
    const signedIn = await fetch(`${other}/dasbor/masuk`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    expect(signedIn.status).toBe(303);
    // …and the link is spent for the first instance too.
    expect((await redeem(h, path)).page.status).toBe(400);
  });

  it('only registered members get a link', async () => {
    const tamu = h.user('Tamu');
    await tamu.send('/start');
    const reply = await tamu.ask('/dasbor');
    expect(reply.text).not.toContain('dasbor.test');
    expect(await h.db.select().from(dashboardLinks)).toHaveLength(0);
  });

  it('Mini App: signed initData is checked on every request; forged, expired and stranger initData are refused', async () => {
    const budi = await member();
    const now = h.clock.now();
    const good = initDataFor(h, budi.user, now);
    const ok = await fetchPage(h, '/dasbor/sesi', { initData: good });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Sesi mendatang');

    const forged = initDataFor(h, budi.user, now, '123456:another-bots-token-xxxxxxxx');
    expect((await fetchPage(h, '/dasbor', { initData: forged })).status).toBe(401);
    const tampered = good.replace(String(budi.id), String(ADMIN_ID));
    expect((await fetchPage(h, '/dasbor', { initData: tampered })).status).toBe(401);
    const old = initDataFor(h, budi.user, new Date(now.getTime() - 25 * 3600_000));
    const refused = await fetchPage(h, '/dasbor', { initData: old });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('tidak sah atau sudah terlalu lama');
    // A valid signature for someone who never registered.
    const stranger = initDataFor(h, { id: 777_777, first_name: 'Asing' }, now);
    expect((await fetchPage(h, '/dasbor', { initData: stranger })).status).toBe(403);
    // A bad header is not rescued by a good cookie: initData, when sent, must be valid.
    const cookie = await signIn(h, budi);
    expect((await fetchPage(h, '/dasbor', { initData: forged, cookie })).status).toBe(401);
  });

  it('coordinator data (exports) and other agencies’ drafts are refused to members', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    const budi = await member('Budi', 'Dinas Kesehatan');
    const owner = await memberOf(h, admin);
    const ideaId = await seedIdea(h, { name: 'Rompi KPK', ownerId: owner.id, agencyId: await agencyId(h, 'Organisasi'), at: h.clock.now() });
    const layout = findLayout('kipp-umum-2023')!;
    await h.db.insert(drafts).values({
      ideaId,
      version: 1,
      layoutId: layout.id,
      language: 'id',
      source: 'template',
      sections: { summary: 'Ringkasan Rompi KPK.' },
      meta: { header: [], warnings: [] },
      requestedBy: owner.id,
    });
    const budiCookie = await signIn(h, budi);
    const adminCookie = await signIn(h, admin);

    const csvByMember = await fetchPage(h, '/dasbor/ekspor/pd.csv?tahun=2026', { cookie: budiCookie });
    expect(csvByMember.status).toBe(403);
    expect(csvByMember.text).toContain('hanya untuk koordinator');
    const csv = await fetchPage(h, '/dasbor/ekspor/pd.csv?tahun=2026', { cookie: adminCookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('perangkat_daerah,singkatan,ide_diusulkan,ide_dalam_proses,inovasi_diterapkan,hasil_kompetisi,memenuhi_target');
    expect(csv.text).toMatch(/Organisasi,1,1,0,0,0/);
    expect((await fetchPage(h, '/dasbor/pd?tahun=2026', { cookie: budiCookie })).text).not.toContain('/dasbor/ekspor/');

    // Drafts: the idea's page hides them from a member of another agency, and the file is refused.
    const ideaForBudi = await fetchPage(h, `/dasbor/ide/${ideaId}`, { cookie: budiCookie });
    expect(ideaForBudi.status).toBe(200);
    expect(ideaForBudi.text).toContain('Rompi KPK');
    expect(ideaForBudi.text).not.toContain('Draf proposal');
    const fileForBudi = await fetchPage(h, `/dasbor/ide/${ideaId}/draf/1`, { cookie: budiCookie });
    expect(fileForBudi.status).toBe(403);
    const ideaForAdmin = await fetchPage(h, `/dasbor/ide/${ideaId}`, { cookie: adminCookie });
    expect(ideaForAdmin.text).toContain('Draf proposal');
    const file = await fetch(`${serverOrigin(h)}/dasbor/ide/${ideaId}/draf/1`, { headers: { cookie: adminCookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // A member who is demoted or whose registration is gone loses access at once (checked per request).
    await h.db.update(members).set({ registeredAt: null }).where(eq(members.telegramId, budi.id));
    expect((await fetchPage(h, '/dasbor', { cookie: budiCookie })).status).toBe(401);
  });
});

describe('dashboard address', () => {
  it('is DASHBOARD_URL, else the webhook’s origin, else unset (polling without it)', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const { dashboardBase } = await import('../../src/app.js');
    expect(dashboardBase(loadConfig({ DASHBOARD_URL: 'https://warkop.example.go.id/' }))).toBe('https://warkop.example.go.id');
    expect(dashboardBase(loadConfig({ WEBHOOK_URL: 'https://bot.example.go.id/telegram/webhook', WEBHOOK_SECRET: 'a-long-secret-123' }))).toBe('https://bot.example.go.id');
    expect(dashboardBase(loadConfig({}))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { ideaComments, ideas, members, sessionRsvps } from '../../src/db/schema/index.js';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';
import { addIdea, announcementIn, COORDINATOR_ID, setupForum } from '../helpers/sessions.js';

const ADMIN = COORDINATOR_ID;
const ENDED = new Date('2026-12-03T05:00:00Z');

describe.each(engines)('small holes (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN] });

  it('a /start rsvp_ link records nothing until the member presses a button', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    const asked = await budi.ask('/start rsvp_1_n');
    expect(asked.text).toContain('Belum ada yang dicatat');
    expect(await h.db.select().from(sessionRsvps)).toEqual([]);
    await budi.press('✅ Hadir', asked);
    expect((await h.db.select().from(sessionRsvps)).map((r) => r.answer)).toEqual(['yes']);
    expect((await budi.ask('/start rsvp_99_y')).text).toBe('Sesi tersebut tidak ditemukan.');
  });

  it('/peran refuses an ambiguous @username, and a username moves with its owner', async () => {
    const admin = h.user('Admin', { id: ADMIN });
    await admin.register('Admin Forum', 'Organisasi');
    const old = h.user('Lama', { username: 'dinkes_lutra' });
    await old.register('Pemilik Lama', 'Dinkes');
    // Two rows with one username, as happens when it changed hands while the first account was away.
    const [row] = await h.db.insert(members).values({ telegramId: 777_001, firstName: 'Baru', username: 'Dinkes_Lutra', fullName: 'Pemilik Baru', registeredAt: new Date() }).returning();
    expect((await admin.ask('/peran @dinkes_lutra koordinator')).text).toContain('lebih dari satu anggota');
    expect((await h.db.select().from(members).where(eq(members.role, 'coordinator')))).toEqual([]);
    // The new owner writes to the bot: the old row no longer claims the name.
    await h.db.delete(members).where(eq(members.id, row!.id));
    const fresh = h.user('Baru', { username: 'dinkes_lutra', id: 777_002 });
    await fresh.send('/start');
    const holders = await h.db.select({ telegramId: members.telegramId }).from(members).where(sql`lower(${members.username}) = 'dinkes_lutra'`);
    expect(holders.map((x) => x.telegramId)).toEqual([777_002]);
  });

  it('ADMIN_TELEGRAM_IDS is authoritative: listed ids stay admins, ids taken off it are members again', async () => {
    const admin = h.user('Admin', { id: ADMIN, username: 'admin_forum' });
    await admin.register('Admin Forum', 'Organisasi');
    const rina = h.user('Rina', { id: 990_777, username: 'rina_org' });
    await rina.register('Rina Koordinator', 'Organisasi');
    await h.restartWith({ ADMIN_TELEGRAM_IDS: [ADMIN, 990_777] });
    const role = async (id: number) => (await h.db.select({ role: members.role }).from(members).where(eq(members.telegramId, id)))[0]?.role;
    expect(await role(990_777)).toBe('admin');
    expect((await admin.ask('/peran @rina_org anggota')).text).toContain('ADMIN_TELEGRAM_IDS');
    expect(await role(990_777)).toBe('admin');
    await h.restartWith({ ADMIN_TELEGRAM_IDS: [ADMIN] });
    expect(await role(990_777)).toBe('member');
    await rina.send('/start');
    expect(await role(990_777)).toBe('member');
  });

  it('topic messages: only registered members comment, and a long one is refused with the reason, not cut', async () => {
    const { ana } = await setupForum(h);
    const forum = h.api.createGroup({ title: 'Forum Ide', type: 'supergroup', isForum: true });
    h.api.addBotToGroup(forum, ana.user);
    await h.settle();
    await ana.send('/forum_ide', { chat: forum });
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const [idea] = await h.db.select().from(ideas);
    const where = { chat: forum, threadId: idea!.topicThreadId! };
    const stranger = h.user('Tamu');
    const told = await stranger.send('Saya setuju', where);
    expect(told.map((m) => m.text)).toEqual([expect.stringContaining('anggota terdaftar')]);
    expect(await stranger.send('Masih setuju', where)).toEqual([]);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    const long = await budi.send('x'.repeat(2100), where);
    expect(long.map((m) => m.text)).toEqual([expect.stringContaining('2100')]);
    expect(await h.db.select().from(ideaComments)).toEqual([]);
    await budi.send('Bagus sekali', where);
    expect((await h.db.select().from(ideaComments)).map((c) => c.text)).toEqual(['Bagus sekali']);
  });

  it('button labels are plain text, shortened by whole characters', async () => {
    const { ana, plain } = await setupForum(h);
    const name = 'Sehat & Kuat <Desa> “Bersama” 🇮🇩 ' + 'panjang '.repeat(8);
    const id = await addIdea(h, name, 'Singkatan');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await ana.send(`/agenda 1 ${id}`);
    const budi = h.user('Budi');
    await budi.register('Budi & Co <Santoso>', 'Dinkes');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    h.clock.set(ENDED);
    await h.runJobs();
    const saved = await ana.ask('/notulen 1 Dibahas.');
    const attendance = await ana.ask('/kehadiran 1');
    const labels = [...saved.reply_markup!.inline_keyboard.flat(), ...(attendance.reply_markup?.inline_keyboard.flat() ?? [])].map((b) => b.text);
    expect(labels.some((l) => l.includes('Sehat & Kuat <Desa>'))).toBe(true);
    for (const l of labels) {
      expect(l).not.toMatch(/&(amp|lt|gt|quot);|&[a-z]*$/);
      expect(Array.from(l).length).toBeLessThanOrEqual(60);
      expect(l).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });
});

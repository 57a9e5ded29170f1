import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members } from '../../../src/db/schema/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness } from '../../helpers/harness.js';

const ADMIN_ID = 900_001;

describe.each(engines)('roles, help and language (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  it('lets a bootstrap admin make someone a coordinator, who is told', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const rina = h.user('Rina', { username: 'rina_dinkes' });
    await admin.send('/start');
    await rina.send('/start');
    const [reply] = await admin.send('/peran @rina_dinkes koordinator');
    expect(reply?.text).toContain('Peran Rina sekarang: koordinator');
    const [row] = await h.db.select().from(members).where(eq(members.telegramId, rina.id));
    expect(row?.role).toBe('coordinator');
    expect(h.api.lastBotMessage(rina.id)?.text).toContain('Peran Anda di Warkop Indah sekarang: koordinator');
  });

  it('refuses /peran from a non-admin and changes nothing', async () => {
    const rina = h.user('Rina', { username: 'rina' });
    const budi = h.user('Budi', { username: 'budi' });
    await budi.send('/start');
    const [reply] = await rina.send('/peran @budi admin');
    expect(reply?.text).toContain('hanya untuk admin');
    const [row] = await h.db.select().from(members).where(eq(members.telegramId, budi.id));
    expect(row?.role).toBe('member');
  });

  it('explains bad /peran input', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    expect((await admin.ask('/peran')).text).toContain('Cara pakai');
    expect((await admin.ask('/peran @nobody_here koordinator')).text).toContain('tidak ditemukan');
    expect((await admin.ask('/peran @nobody raja')).text).toContain('Peran “raja” tidak dikenal');
    expect((await admin.ask(`/peran ${ADMIN_ID} anggota`)).text).toContain('tidak dapat melepas peran admin');
  });

  it('lists only the commands the member may use', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const budi = h.user('Budi');
    const adminHelp = await admin.ask('/bantuan');
    const budiHelp = await budi.ask('/help');
    expect(adminHelp.text).toContain('/peran');
    expect(budiHelp.text).not.toContain('/peran');
    expect(budiHelp.text).toContain('/daftar');
    expect(budiHelp.text).toContain('belum terdaftar');
  });

  it('switches language with /bahasa and remembers it', async () => {
    const budi = h.user('Budi');
    const prompt = await budi.ask('/bahasa');
    const pressed = await budi.press('English', prompt);
    expect(pressed.message?.text).toBe('Language changed to English.');
    const help = await budi.ask('/help');
    expect(help.text).toContain('Warkop Indah commands');
    expect(help.text).toContain('/register');
  });

  it('follows Telegram language_code when no choice was made', async () => {
    const john = h.user('John', { language_code: 'en-US' });
    expect((await john.ask('/start')).text).toContain('Welcome to Warkop Indah, John!');
  });

  it('lists agencies and lets coordinators add one, refusing members', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const budi = h.user('Budi');
    const list = await budi.ask('/instansi');
    expect(list.text).toContain('Dinas Ketahanan Pangan (DKP)');
    expect((await budi.ask('/instansi tambah Badan Riset | Brida')).text).toContain('hanya untuk koordinator');
    expect((await admin.ask('/instansi tambah Badan Riset dan Inovasi Daerah | Brida')).text).toContain('ditambahkan');
    expect((await admin.ask('/instansi tambah Badan Riset dan Inovasi Daerah | Brida')).text).toContain('sudah ada');
    expect((await admin.ask('/instansi tambah X')).text).toContain('3–200');
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members } from '../../src/db/schema/index.js';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';

const ADMIN_ID = 900_011;

/** Issue #11: everyday texts a civil servant reads. */
describe.each(engines)('everyday texts (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  it('writes names as people write them, and never “S.E..”', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID, username: 'budi' });
    await admin.register('budi santoso, s.e.', 'Bagian Organisasi');
    const [row] = await h.db.select().from(members).where(eq(members.telegramId, admin.id));
    expect(row?.fullName).toBe('Budi Santoso, S.E.');
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinas Kesehatan');
    await ana.send('/usul Sapa Lansia — lansia yang tinggal sendiri tidak terpantau; pendamping desa menyapa mereka');
    await admin.send('/tahap 1 dibahas');
    await h.runJobs();
    const notice = h.api.botMessages(ana.id).find((m) => m.text?.includes('dipindahkan dari'));
    expect(notice?.text).toContain('oleh Budi Santoso, S.E.');
    expect(notice?.text).not.toContain('S.E..');
    // "Coordinators only" says who to ask.
    expect((await ana.ask('/penghargaan 1 provinsi TOP 30')).text).toBe(
      'Maaf, perintah ini hanya untuk koordinator Tim Pelaksana Warkop Indah. Silakan hubungi koordinator: Budi Santoso, S.E. (@budi).',
    );
  });

  it('tells a one-line pitch without a dash to use the dash', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinas Kesehatan');
    const long = `Posyandu Online ibu balita mendaftar posyandu lewat WhatsApp ${'dan kader mengingatkan jadwal imunisasi '.repeat(7)}`.trim();
    const reply = await ana.ask(`/usul ${long}`);
    expect(reply.text).toContain('Untuk usulan satu baris, pisahkan nama dan ringkasannya dengan tanda pisah “—”');
    expect(reply.text).not.toContain('Nama inovasi harus 3–120 karakter');
  });

  it('gives a group a short help, the private chat the full one with examples, and no /daftar once registered', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    const group = h.api.createGroup({ title: 'Forum Warkop Indah', type: 'supergroup' });
    h.api.addBotToGroup(group, admin.user);
    await h.settle();
    const inGroup = (await admin.ask('/bantuan', { chat: group })).text!;
    expect(inGroup).toContain('Perintah Warkop Indah (ringkas, untuk grup)');
    expect(inGroup).toContain('/usul — ');
    expect(inGroup).not.toContain('/peran');
    expect(inGroup).not.toContain('/siaran');
    expect(inGroup).toContain('percakapan pribadi');
    expect(inGroup.split('\n').length).toBeLessThanOrEqual(14);

    const full = (await admin.ask('/bantuan')).text!;
    expect(full).toContain('/peran');
    expect(full).not.toContain('/daftar —');
    expect(full).toContain('Contoh\n/usul Getar Dilan — ');
    expect(full).toContain('/sesi_baru Kamis depan 09.00 | Aula Bappelitbangda');
    const stranger = h.user('Budi');
    expect((await stranger.ask('/bantuan')).text).toContain('/daftar — ');
  });
});

describe.each(engines)('agency search (%s)', (engine) => {
  const h = useHarness(engine);

  it('finds an agency through a typo or a word people use for it', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    await ana.send('/daftar');
    await ana.send('Ana Lestari');
    const typo = await ana.ask('keshatan');
    expect(typo.reply_markup?.inline_keyboard.flat()[0]?.text).toBe('Dinkes');
    const alias = await ana.ask('puskesmas');
    expect(alias.reply_markup?.inline_keyboard.flat()[0]?.text).toBe('Dinkes');
    const hospital = await ana.ask('rumah sakit');
    expect(hospital.reply_markup?.inline_keyboard.flat()[0]?.text).toBe('RSUD Andi Djemma');
    // Nothing alike: said so (with the query), and nothing is offered as a match.
    expect((await ana.send('qwxzv')).map((m) => m.text).join('\n')).toContain('“qwxzv”');
  });
});

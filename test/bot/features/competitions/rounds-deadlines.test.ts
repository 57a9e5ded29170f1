import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { candidateMoves, ideaAwards, outbox } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { ideaOf, person } from '../../../helpers/competitions.js';
import { useHarness } from '../../../helpers/harness.js';
import { COORDINATOR_ID, privateTexts } from '../../../helpers/sessions.js';

describe.each(engines)('competition rounds, candidates and deadline reminders (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [COORDINATOR_ID] });

  async function setup() {
    const ana = h.user('Ana', { id: COORDINATOR_ID, username: 'ana' });
    await ana.register('Ana Lestari', 'Bappelitbangda');
    const budi = await person(h, 'Budi', 'Dinkes');
    const idea = await ideaOf(h, budi, 'Getar Dilan');
    return { ana, budi, idea };
  }

  const deadlineRows = () => h.db.select().from(outbox).where(eq(outbox.kind, 'competition.deadline')).orderBy(asc(outbox.id));

  it('creates a round from a template, lists it, and lets only coordinators create or edit', async () => {
    const { ana, budi } = await setup();
    expect((await budi.ask('/kompetisi_baru kipp 2027')).text).toContain('hanya untuk koordinator');
    expect((await ana.ask('/kompetisi_baru')).text).toContain('kipp — KIPP KemenPAN-RB');
    expect((await ana.ask('/kompetisi_baru lomba 2027')).text).toContain('Templat “lomba” tidak dikenal');
    expect((await ana.ask('/kompetisi_baru kipp 1999')).text).toContain('Tahun “1999” tidak valid');
    expect((await ana.ask('/kompetisi_baru kipp')).text).toContain('✅ Kompetisi K1 · KIPP KemenPAN-RB 2027 dibuat');

    const list = await budi.ask('/kompetisi');
    expect(list.text).toContain('K1 · KIPP KemenPAN-RB 2027 — batas pendaftaran Kamis, 3 Juni 2027 (perkiraan) · 0 kandidat');
    const show = await budi.ask('/kompetisi K1');
    expect(show.text).toContain('Pendaftaran ditutup: Kamis, 3 Juni 2027 (perkiraan) registration_close');
    expect(show.text).toContain('ambang kelulusan: 85');
    expect(show.text).not.toContain('/kompetisi 3 tanggal');

    expect((await budi.ask('/kompetisi 1 tanggal registration_close 20 Mei 2027')).text).toContain('hanya untuk koordinator');
    expect((await ana.ask('/kompetisi 9')).text).toContain('Kompetisi K9 tidak ditemukan');
    expect((await ana.ask('/kompetisi x1')).text).toContain('bukan nomor kompetisi');
    expect((await ana.ask('/kompetisi 1 tanggal pendaftaran 20 Mei 2027')).text).toContain('Tahap “pendaftaran” tidak ada');
    expect((await ana.ask('/kompetisi 1 tanggal top99 kapan-kapan')).text).toContain('tidak dapat dibaca');
    const saved = await ana.ask('/kompetisi 1 tanggal top99 15 Juli 2027');
    expect(saved.text).toBe('✅ Pengumuman TOP 99: Kamis, 15 Juli 2027 (perkiraan) → Kamis, 15 Juli 2027.');
    expect((await ana.ask('/kompetisi 1 ambang 90')).text).toContain('Ambang kelulusan: 90');
    expect((await ana.ask('/kompetisi 1 ambang seratus')).text).toContain('angka 0–100');
    expect((await ana.ask('/kompetisi 1')).text).toContain('Pengumuman TOP 99: Kamis, 15 Juli 2027 top99');

    const en = h.user('Emma', { language_code: 'en' });
    await en.send('/start');
    await en.register('Emma Putri', 'Dinkes');
    expect((await en.ask('/competitions')).text).toContain('K1 · KIPP KemenPAN-RB 2027 — registration closes Thursday, 3 June 2027 (reported)');
    expect((await en.ask('/new_competition iga')).text).toContain('only for coordinators');
  });

  it('registers candidates (coordinators, or owners with a coordinator approving), plans 14/7/2-day reminders, and plans again when the date moves', async () => {
    const { ana, budi, idea } = await setup();
    await ana.send('/kompetisi_baru kipp 2027');
    // Someone else's idea: refused. The owner asks; the coordinator approves with the button.
    const eka = await person(h, 'Eka', 'Disdukcapil');
    expect((await eka.ask(`/kandidat ${idea} K1`)).text).toContain('hanya dapat didaftarkan sebagai kandidat oleh pengusulnya');
    expect((await budi.ask(`/kandidat ${idea} K1`)).text).toBe('📨 Permintaan mendaftarkan Getar Dilan di K1 · KIPP KemenPAN-RB 2027 diteruskan kepada 1 koordinator. Anda akan diberi tahu setelah disetujui.');
    await h.runJobs();
    const request = h.api.botMessages(ana.id).at(-1)!;
    expect(request.text).toBe('📨 Budi Dinkes meminta ide #1 Getar Dilan (Dinkes) didaftarkan sebagai kandidat K1 · KIPP KemenPAN-RB 2027.');
    const budiOwn = h.api.botMessages(budi.id).at(-1)!;
    // A forged approval (the button is not on Budi's message) is refused by the press guard.
    expect(await budi.pressData(budiOwn, `cmp:ap:1:${idea}`)).toContain('sudah tidak berlaku');
    expect(await h.db.select().from(outbox).where(eq(outbox.kind, 'competition.deadline'))).toEqual([]);
    const approved = await ana.press('✅ Daftarkan', request);
    expect(approved.message!.text).toContain('terdaftar sebagai kandidat C1');
    await h.runJobs();
    expect(privateTexts(h, budi, 'sudah didaftarkan koordinator')).toEqual(['✅ Ide Getar Dilan sudah didaftarkan koordinator sebagai kandidat C1 di K1 · KIPP KemenPAN-RB 2027. Pengingat batas waktu akan dikirim kepada Anda.']);
    const second = await ideaOf(h, budi, 'Posyandu Digital');
    expect((await ana.ask('/kandidat')).text).toContain('Cara pakai: /kandidat 12 K3');
    expect((await ana.ask(`/kandidat 99 K1`)).text).toContain('tidak ditemukan');
    const reg = await ana.ask(`/kandidat ${second} K1`);
    expect(reg.text).toBe('✅ #2 Posyandu Digital terdaftar sebagai kandidat C2 di K1 · KIPP KemenPAN-RB 2027 (tahap: Persiapan). Pengingat batas waktu terjadwal: 3.');
    expect((await ana.ask(`/kandidat ${idea} K1`)).text).toContain('sudah menjadi kandidat C1');
    expect((await deadlineRows()).map((r) => [r.ref, r.dueAt.toISOString(), r.chatId])).toEqual([
      ['candidate:1', '2027-05-20T01:00:00.000Z', budi.id],
      ['candidate:1', '2027-05-27T01:00:00.000Z', budi.id],
      ['candidate:1', '2027-06-01T01:00:00.000Z', budi.id],
      ['candidate:2', '2027-05-20T01:00:00.000Z', budi.id],
      ['candidate:2', '2027-05-27T01:00:00.000Z', budi.id],
      ['candidate:2', '2027-06-01T01:00:00.000Z', budi.id],
    ]);

    const moved = await ana.ask('/kompetisi 1 tanggal registration_close 20 Mei 2027');
    expect(moved.text).toContain('Pendaftaran ditutup: Kamis, 3 Juni 2027 (perkiraan) → Kamis, 20 Mei 2027.');
    expect(moved.text).toContain('dijadwalkan ulang');
    const rows = await deadlineRows();
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'pending' && r.ref === 'candidate:1').map((r) => r.dueAt.toISOString())).toEqual(['2027-05-06T01:00:00.000Z', '2027-05-13T01:00:00.000Z', '2027-05-18T01:00:00.000Z']);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(6);

    expect((await ana.ask('/kompetisi 1 pengingat 10 0')).text).toContain('angka 1–90');
    expect((await ana.ask('/kompetisi 1 pengingat 3 10')).text).toContain('Pengingat dikirim 10, 3 hari sebelum batas');
    expect((await deadlineRows()).filter((r) => r.status === 'pending' && r.ref === 'candidate:2').map((r) => r.dueAt.toISOString())).toEqual(['2027-05-10T01:00:00.000Z', '2027-05-17T01:00:00.000Z']);
  });

  it("reminds the idea's active coaches as well as its owner", async () => {
    const { ana, budi, idea } = await setup();
    const citra = await person(h, 'Citra', 'Bappelitbangda');
    const dedi = await person(h, 'Dedi', 'DKP');
    await ana.send(`/pendamping ${idea} @citra`);
    await ana.send(`/pendamping ${idea} @dedi`);
    await ana.send(`/pendamping ${idea} hapus @dedi`);
    await ana.send('/kompetisi_baru kipp 2027');
    await ana.send(`/kandidat ${idea} K1`);
    h.clock.set(new Date('2027-05-20T03:00:00Z'));
    await h.runJobs();
    expect(privateTexts(h, budi, '⏰')).toHaveLength(1);
    const [toCoach] = privateTexts(h, citra, '⏰');
    expect(toCoach).toContain('pendaftaran ditutup 14 hari lagi');
    expect(privateTexts(h, dedi, '⏰')).toEqual([]);
  });

  it('reminds the owner with what is missing, survives restarts, and stops once the candidate moves on', async () => {
    const { ana, budi, idea } = await setup();
    await ana.send('/kompetisi_baru kipp 2027');
    await ana.send(`/kandidat ${idea} K1`);
    await h.restart();

    // Down from before the 14-day reminder until after it: it goes out late when the bot is back.
    await h.app.stop();
    h.clock.set(new Date('2027-05-20T03:00:00Z'));
    await h.startBot();
    await h.runJobs();
    const [first, ...more] = privateTexts(h, budi, '⏰');
    expect(more).toEqual([]);
    expect(first).toContain('⏰ K1 · KIPP KemenPAN-RB 2027: pendaftaran ditutup 14 hari lagi (Kamis, 3 Juni 2027).');
    expect(first).toContain('Kandidat C1: ide #1 Getar Dilan.');
    expect(first).toContain('Belum ada draf proposal. Susun dengan /draf 1');
    expect(first).toContain('Tanggal mulai penerapan belum diisi');

    // Down past both the 7-day and the 2-day reminder: only the later one goes out.
    await h.app.stop();
    h.clock.set(new Date('2027-06-01T02:00:00Z'));
    await h.startBot();
    await h.runJobs();
    const texts = privateTexts(h, budi, '⏰');
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('2 hari lagi');
    const rows = await deadlineRows();
    expect(rows.map((r) => [r.status, r.outcome])).toEqual([
      ['sent', null],
      ['skipped', 'superseded'],
      ['sent', null],
    ]);

    // Moving on cancels what is still pending; result steps record the award once.
    await ana.send('/kompetisi 1 tanggal registration_close 30 Juni 2027');
    expect((await deadlineRows()).filter((r) => r.status === 'pending')).toHaveLength(3);
    expect((await ana.ask('/tahap_kandidat C1')).text).toContain('• submitted — Dikirim\n• admin_passed — Lolos administrasi');
    const step = await ana.ask('/tahap_kandidat C1 dikirim');
    expect(step.text).toBe('✅ C1 Getar Dilan: Persiapan → Dikirim.');
    expect((await deadlineRows()).filter((r) => r.status === 'pending')).toHaveLength(0);
    expect((await budi.ask('/tahap_kandidat C1 top99')).text).toContain('hanya untuk koordinator');
    expect((await ana.ask('/tahap_kandidat C1 juara')).text).toContain('Tahap “juara” tidak ada');
    expect((await ana.ask('/tahap_kandidat C1 submitted')).text).toContain('sudah berada di tahap itu');
    const top = await ana.ask('/tahap_kandidat C1 top99');
    expect(top.text).toContain('🏆 Dicatat sebagai penghargaan ide: TOP 99 KIPP KemenPAN-RB 2027.');
    await ana.send('/tahap_kandidat C1 Lolos administrasi');
    await ana.send('/tahap_kandidat C1 TOP 99');
    const awards = await h.db.select().from(ideaAwards).where(eq(ideaAwards.ideaId, idea));
    expect(awards.map((a) => [a.level, a.competition, a.year, a.result])).toEqual([['nasional', 'KIPP', 2027, 'TOP 99 KIPP KemenPAN-RB 2027']]);
    const card = await budi.ask(`/ide ${idea}`);
    expect(card.text?.match(/TOP 99 KIPP KemenPAN-RB 2027/g)).toHaveLength(1);
    const moves = await h.db.select().from(candidateMoves).where(and(eq(candidateMoves.candidateId, 1)));
    expect(moves.map((m) => m.toStep)).toEqual(['preparing', 'submitted', 'top99', 'admin_passed', 'top99']);
  });
});

import { describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { outbox, sessions } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { announcementIn, setupForum } from '../../../helpers/sessions.js';

// The harness clock starts on Senin, 30 November 2026 · 09.00 WITA.
describe.each(engines)('scheduling sessions (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('creates a session from each supported date form, always in WITA', async () => {
    const { ana } = await setupForum(h);
    const forms: [string, string, string][] = [
      ['2026-12-03 09:00', 'Kamis, 3 Desember 2026 · 09.00 WITA', '2026-12-03T01:00:00.000Z'],
      ['3/12/2026 09.00', 'Kamis, 3 Desember 2026 · 09.00 WITA', '2026-12-03T01:00:00.000Z'],
      ['3 Des 2026 9:00', 'Kamis, 3 Desember 2026 · 09.00 WITA', '2026-12-03T01:00:00.000Z'],
      ['Kamis 09.00', 'Kamis, 3 Desember 2026 · 09.00 WITA', '2026-12-03T01:00:00.000Z'],
      ['besok 14:00', 'Selasa, 1 Desember 2026 · 14.00 WITA', '2026-12-01T06:00:00.000Z'],
      ['lusa 10.00', 'Rabu, 2 Desember 2026 · 10.00 WITA', '2026-12-02T02:00:00.000Z'],
    ];
    for (const [i, [input, shown]] of forms.entries()) {
      const reply = await ana.ask(`/sesi_baru ${input} | Aula Bappelitbangda | Bedah proposal KIPP`);
      expect(reply.text).toContain(`Sesi #${i + 1} dijadwalkan: ${shown}.`);
      expect(reply.text).toContain('Pengumuman dikirim ke 2 grup terhubung.');
    }
    const rows = await h.db.select().from(sessions).orderBy(asc(sessions.id));
    expect(rows.map((s) => s.startsAt.toISOString())).toEqual(forms.map(([, , iso]) => iso));
    expect(rows.every((s) => s.place === 'Aula Bappelitbangda' && s.title === 'Bedah proposal KIPP')).toBe(true);
  });

  it('refuses bad one-line input with a clear answer and creates nothing', async () => {
    const { ana } = await setupForum(h);
    const past = await ana.ask('/sesi_baru 1/11/2026 09.00 | Aula | Bedah proposal');
    expect(past.text).toContain('Waktu tersebut sudah lewat');
    expect(past.text).toContain('Kamis 09.00');
    const nonsense = await ana.ask('/sesi_baru kapan-kapan | Aula | Bedah proposal');
    expect(nonsense.text).toContain('tidak saya pahami');
    expect(nonsense.text).toContain('2026-12-03 09:00');
    const zero = await ana.ask('/sesi_baru Kamis 09.00 | Aula | Bedah proposal | kuota 0');
    expect(zero.text).toContain('Kuota harus lebih dari 0');
    const negative = await ana.ask('/sesi_baru Kamis 09.00 | Aula | Bedah proposal | kuota -3');
    expect(negative.text).toContain('Kuota harus lebih dari 0');
    const endless = await ana.ask('/sesi_baru Kamis 09.00 | Aula | Bedah proposal | mingguan');
    expect(endless.text).toContain('Sesi berulang memerlukan tanggal akhir');
    const short = await ana.ask('/sesi_baru Kamis 09.00 | Aula');
    expect(short.text).toContain('Ketik /sesi_baru untuk dipandu');
    expect(await h.db.select().from(sessions)).toHaveLength(0);
    expect(await h.db.select().from(outbox)).toHaveLength(0);
  });

  it('guides a coordinator step by step, refusing bad answers, and creates a weekly series', async () => {
    const { ana, plain } = await setupForum(h);
    expect((await ana.ask('/sesi_baru')).text).toContain('Ketik judul sesi');
    expect((await ana.ask('Ab')).text).toContain('Judul harus 3–200 karakter');
    expect((await ana.ask('Klinik inovasi pelayanan publik')).text).toContain('Kapan sesi dimulai?');
    expect((await ana.ask('kemarin sore')).text).toContain('tidak saya pahami');
    expect((await ana.ask('30/11/2026 08.00')).text).toContain('sudah lewat');
    expect((await ana.ask('Kamis 09.00')).text).toContain('Waktu: Kamis, 3 Desember 2026 · 09.00 WITA');
    // A restart in the middle loses nothing: the dialog lives in the database.
    await h.restart();
    expect((await ana.ask('https://meet.example.org/warkop')).text).toContain('agenda');
    expect((await ana.ask('Membahas rancangan inovasi <Getar Dilan> & tindak lanjut')).text).toContain('kuota');
    expect((await ana.ask('0')).text).toContain('Kuota harus lebih dari 0');
    expect((await ana.ask('-2')).text).toContain('Kuota harus lebih dari 0');
    const recurrence = await ana.ask('25');
    expect(recurrence.text).toContain('Apakah sesi ini berulang?');
    const until = await ana.press('Mingguan', recurrence);
    expect(until.replies.at(-1)?.text).toContain('Sampai tanggal berapa?');
    expect((await ana.ask('1/12/2026')).text).toContain('Tanggal akhir tidak boleh sebelum sesi pertama');
    const summary = await ana.ask('31/12/2026');
    expect(summary.text).toContain('Klinik inovasi pelayanan publik');
    expect(summary.text).toContain('👥 Kuota: 25 orang');
    expect(summary.text).toContain('🔁 Berulang setiap minggu sampai Kamis, 31 Desember 2026');
    expect(summary.html).toContain('&lt;Getar Dilan&gt; &amp; tindak lanjut');
    const saved = await ana.press('✅ Simpan dan umumkan', summary);
    expect(saved.message?.text).toContain('Sesi #1 dijadwalkan: Kamis, 3 Desember 2026 · 09.00 WITA.');
    expect(saved.message?.text).toContain('Seri berulang: 5 pertemuan (#1–#5)');

    const rows = await h.db.select().from(sessions).orderBy(asc(sessions.id));
    expect(rows.map((s) => s.startsAt.toISOString().slice(0, 10))).toEqual(['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31']);
    expect(rows.every((s) => s.seriesId === 1 && s.capacity === 25 && s.recurrence === 'weekly')).toBe(true);
    // One upcoming meeting at a time: only the first is announced now.
    const announcement = announcementIn(h, plain, 1);
    expect(announcement.text).toContain('🔁 Berulang setiap minggu sampai Kamis, 31 Desember 2026');
    expect(announcement.html).toContain('<a href="https://meet.example.org/warkop">Tautan rapat daring</a>');
    expect(h.api.botMessages(plain.id).some((m) => m.text?.includes('Sesi Warkop Indah #2'))).toBe(false);
    // The next is announced once the first has ended (3 Dec 11.00 WITA).
    h.clock.set(new Date('2026-12-03T03:00:30Z'));
    await h.runJobs();
    expect(announcementIn(h, plain, 2).text).toContain('Kamis, 10 Desember 2026 · 09.00 WITA');
  });

  it('lets the dialog be cancelled and refuses a stale confirmation', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/sesi_baru');
    await ana.send('Bedah proposal KIPP');
    await ana.send('besok 10.00');
    await ana.send('Aula');
    await ana.send('-');
    const recurrence = await ana.press('♾️ Tanpa batas');
    const summary = await ana.press('Tidak berulang', recurrence.replies.at(-1));
    const confirm = summary.replies.at(-1)!;
    expect(confirm.text).toContain('👥 Kuota: tanpa batas');
    const cancelled = await ana.press('❌ Batal', confirm);
    expect(cancelled.message?.text).toContain('sesi tidak jadi dibuat');
    const stale = await ana.pressData(confirm, 's:nw:ok');
    expect(stale).toContain('sudah tidak berlaku');
    expect(await h.db.select().from(sessions)).toHaveLength(0);
  });

  it('keeps coordinator commands to coordinators, and scheduling to the private chat', async () => {
    const { ana, plain } = await setupForum(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    for (const command of ['/sesi_baru', '/agenda 1 1', '/ubah_sesi 1 tempat Aula', '/batal_sesi 1 hujan', '/notulen 1 isi', '/grup', '/siaran']) {
      expect((await budi.ask(command)).text).toContain('hanya untuk koordinator');
    }
    expect((await budi.ask('/hubungkan', { chat: plain })).text).toContain('hanya untuk koordinator');
    expect((await ana.ask('/sesi_baru', { chat: plain })).text).toContain('hanya dapat digunakan di percakapan pribadi');
    expect((await ana.ask('/hubungkan')).text).toContain('hanya dapat digunakan di dalam grup');
  });

  it('answers unknown session numbers clearly', async () => {
    const { ana } = await setupForum(h);
    expect((await ana.ask('/sesi 99')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/sesi abc')).text).toContain('“abc” bukan nomor sesi');
    expect((await ana.ask('/kalender 99')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/ubah_sesi 99 waktu besok 10.00')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/batal_sesi 99 Aula dipakai')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/agenda 99 1')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/notulen 99 Catatan')).text).toContain('Sesi #99 tidak ditemukan');
    expect((await ana.ask('/sesi')).text).toContain('Belum ada sesi yang dijadwalkan');
  });

  it('unlinks a group and lists what is linked, with reachability', async () => {
    const { ana, forum, plain } = await setupForum(h);
    h.api.removeBotFromGroup(forum, ana.user);
    await h.settle();
    const list = await ana.ask('/grup');
    expect(list.text).toContain('Grup terhubung (2)');
    expect(list.text).toContain('⚠️ Forum Inovasi Luwu Utara · topik #');
    expect(list.text).toContain('tidak dapat dijangkau');
    expect(list.text).toContain('✅ Warkop Indah — dapat dijangkau');
    expect((await ana.ask('/putuskan', { chat: plain })).text).toContain('tidak lagi menerima pengumuman');
    expect((await ana.ask('/putuskan', { chat: plain })).text).toContain('belum terhubung');
    const reply = await ana.ask('/sesi_baru besok 10.00 | Aula | Bedah proposal');
    expect(reply.text).toContain('Belum ada grup terhubung');
  });

  it('speaks English to English speakers', async () => {
    const { ana } = await setupForum(h);
    const eve = h.user('Eve', { id: 900002, language_code: 'en' });
    await eve.send('/start');
    await ana.send('/peran 900002 koordinator');
    const reply = await eve.ask('/newsession 2026-12-03 09:00 | Aula | Proposal clinic');
    expect(reply.text).toContain('Session #1 scheduled: Thursday, 3 December 2026 · 09:00 WITA.');
  });
});

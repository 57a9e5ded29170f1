import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { members, sessionRsvps } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { addIdea, announcementIn, icsField, parseIcs, privateTexts, setupForum } from '../../../helpers/sessions.js';

describe.each(engines)('announcements and RSVP (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('announces to every linked group, in its topic, with details, a calendar file and RSVP buttons', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    await ana.send('/sesi_baru 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP | Telaah proposal <KIPP> 2027');
    for (const [chat, thread] of [[forum, topicId], [plain, undefined]] as const) {
      const post = announcementIn(h, chat, 1, thread);
      expect(post.message_thread_id).toBe(thread);
      expect(post.text).toContain('Bedah proposal KIPP');
      expect(post.text).toContain('🗓 Kamis, 3 Desember 2026 · 09.00 WITA');
      expect(post.text).toContain('📍 Aula Bappelitbangda');
      expect(post.html).toContain('Telaah proposal &lt;KIPP&gt; 2027');
      expect(post.text).toContain('✅ Hadir: 0 · 🤔 Mungkin: 0 · ❌ Tidak: 0');
      expect(post.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✅ Hadir', '🤔 Mungkin', '❌ Tidak']);
      const file = h.api.botMessages(chat.id, thread).find((m) => m.document?.file_name === 'warkop-indah-sesi-1.ics');
      expect(file?.reply_to_message_id).toBe(post.message_id);
      expect(icsField(file!.document!.content.toString('utf8'), 'DTSTART')).toBe('20261203T010000Z');
    }
    // Nothing leaked into the forum's General topic.
    expect(h.api.botMessages(forum.id).filter((m) => m.text?.includes('Sesi Warkop Indah #1') && m.message_thread_id !== topicId)).toHaveLength(0);
  });

  it('records answers, lets members change them, and coalesces count updates into throttled edits', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const budi = h.user('Budi');
    const citra = h.user('Citra');
    await budi.register('Budi Santoso', 'Dinkes');
    await citra.register('Citra Dewi', 'Disdukcapil');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const post = announcementIn(h, plain, 1);

    const first = await budi.press('✅ Hadir', post);
    expect(first.answer).toBe('Jawaban Anda untuk sesi #1: Hadir.');
    // The first press is shown at once, in every group.
    expect(first.message?.text).toContain('✅ Hadir: 1 · 🤔 Mungkin: 0 · ❌ Tidak: 0');
    expect(first.message?.edits).toBe(1);
    expect(announcementIn(h, forum, 1, topicId).text).toContain('✅ Hadir: 1');

    expect((await citra.press('🤔 Mungkin', post)).answer).toBe('Jawaban Anda untuk sesi #1: Mungkin.');
    expect((await budi.press('❌ Tidak', post)).answer).toBe('Jawaban Anda untuk sesi #1: Tidak hadir.');
    expect((await budi.press('❌ Tidak', post)).answer).toBe('Jawaban Anda tetap: Tidak hadir.');
    // Presses within the interval wait for one edit.
    expect(h.api.message(plain.id, post.message_id)?.edits).toBe(1);
    h.clock.advance(10_000);
    await h.runJobs();
    const updated = h.api.message(plain.id, post.message_id)!;
    expect(updated.edits).toBe(2);
    expect(updated.text).toContain('✅ Hadir: 0 · 🤔 Mungkin: 1 · ❌ Tidak: 1');
    expect(announcementIn(h, forum, 1, topicId).edits).toBe(2);

    const rows = await h.db.select().from(sessionRsvps);
    expect(rows.map((r) => r.answer).sort()).toEqual(['maybe', 'no']);
    const list = await budi.ask('/sesi');
    expect(list.text).toContain('#1 · 3 Des 2026 · 09.00');
    expect(list.text).toContain('Bedah proposal KIPP — Anda: Tidak hadir');
  });

  it('sends unregistered members to /daftar and keeps their answer', async () => {
    const { ana, plain } = await setupForum(h);
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const dedi = h.user('Dedi');
    await dedi.press('✅ Hadir', announcementIn(h, plain, 1));
    const answered = h.api.callbackAnswers.at(-1)!;
    expect(answered.text).toContain('Silakan daftar terlebih dahulu');
    expect(answered.url).toBe(`https://t.me/${h.api.bot.username}?start=rsvp_1_y`);
    expect(await h.db.select().from(sessionRsvps)).toHaveLength(0);

    const replies = await dedi.send('/start rsvp_1_y');
    expect(replies[0]?.text).toContain('Jawaban Anda untuk sesi #1 (Hadir) sudah kami simpan');
    expect(replies[1]?.text).toContain('nama lengkap');
    await dedi.send('Dedi Kurniawan');
    const [matches] = await dedi.send('Dinkes');
    await dedi.press('Dinkes', matches);
    await h.runJobs();
    expect(privateTexts(h, dedi, 'sudah dicatat: Hadir')).toHaveLength(1);
    const [member] = await h.db.select().from(members).where(eq(members.telegramId, dedi.id));
    const [rsvp] = await h.db.select().from(sessionRsvps).where(eq(sessionRsvps.memberId, member!.id));
    expect(rsvp?.answer).toBe('yes');
    h.clock.advance(10_000);
    await h.runJobs();
    expect(announcementIn(h, plain, 1).text).toContain('✅ Hadir: 1');
  });

  it('fills the capacity, keeps an ordered waitlist and promotes the first in line', async () => {
    const { ana, plain } = await setupForum(h);
    const people = ['Budi', 'Citra', 'Dedi', 'Eka'].map((n) => h.user(n));
    const agencies = ['Dinkes', 'Disdukcapil', 'Dinkes', 'Bappelitbangda'];
    for (const [i, p] of people.entries()) await p.register(`${p.user.first_name} Lestari`, agencies[i]);
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP | kuota 2');
    const post = announcementIn(h, plain, 1);
    const [budi, citra, dedi, eka] = people as [typeof people[0], typeof people[0], typeof people[0], typeof people[0]];
    expect((await budi.press('✅ Hadir', post)).answer).toContain('Hadir');
    expect((await citra.press('✅ Hadir', post)).answer).toContain('Hadir');
    expect((await dedi.press('✅ Hadir', post)).answer).toBe('Kuota sesi #1 penuh. Anda masuk daftar tunggu nomor 1; kami kabari bila ada kursi.');
    expect((await eka.press('✅ Hadir', post)).answer).toContain('daftar tunggu nomor 2');
    expect(h.api.callbackAnswers.at(-1)?.show_alert).toBe(true);

    const detail = await ana.ask('/sesi 1');
    expect(detail.text).toContain('👥 Kuota: 2/2 · daftar tunggu: 2');
    expect(detail.text).toContain('• Dinkes: Budi Lestari');
    expect(detail.text).toContain('• Disdukcapil: Citra Lestari');
    expect(detail.text).toMatch(/Daftar tunggu\n1\. Dedi Lestari \(Dinkes\)\n2\. Eka Lestari \(Bappelitbangda\)/);
    expect((await eka.ask('/sesi 1')).text).toContain('Jawaban Anda: Hadir (daftar tunggu no. 2)');
    // A member sees no names.
    expect((await eka.ask('/sesi 1')).text).not.toContain('Budi Lestari');

    await citra.press('❌ Tidak', post);
    await h.runJobs();
    expect(privateTexts(h, dedi, 'Ada kursi untuk Anda')).toHaveLength(1);
    expect(privateTexts(h, eka, 'Ada kursi untuk Anda')).toHaveLength(0);
    expect((await eka.ask('/sesi 1')).text).toContain('Jawaban Anda: Hadir (daftar tunggu no. 1)');
    h.clock.advance(10_000);
    await h.runJobs();
    expect(announcementIn(h, plain, 1).text).toContain('👥 Kuota: 2/2 · daftar tunggu: 1');

    // Raising the capacity seats the rest of the line.
    const raised = await ana.ask('/ubah_sesi 1 kuota 5');
    expect(raised.text).toContain('1 orang dari daftar tunggu mendapat kursi');
    await h.runJobs();
    expect(privateTexts(h, eka, 'Ada kursi untuk Anda')).toHaveLength(1);
    expect((await ana.ask('/ubah_sesi 1 kuota 0')).text).toContain('Kuota harus lebih dari 0');
  });

  it('tells attendees and groups about a change, and bumps the calendar SEQUENCE with the same UID', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    await ana.send('/sesi_baru Kamis 09.00 | Aula Bappelitbangda | Bedah proposal KIPP');
    await budi.press('🤔 Mungkin', announcementIn(h, plain, 1));

    const [before] = await budi.send('/kalender 1');
    const ics1 = before!.document!.content.toString('utf8');
    expect(before!.document!.file_name).toBe('warkop-indah-sesi-1.ics');
    const lines = parseIcs(ics1);
    expect(lines.find((l) => l.name === 'DTSTART')?.value).toBe('20261203T010000Z');
    expect(lines.find((l) => l.name === 'DTEND')?.value).toBe('20261203T030000Z');
    expect(lines.find((l) => l.name === 'X-WR-TIMEZONE')?.value).toBe('Asia/Makassar');
    expect(lines.find((l) => l.name === 'SUMMARY')?.value).toBe('Bedah proposal KIPP');
    expect(lines.find((l) => l.name === 'LOCATION')?.value).toBe('Aula Bappelitbangda');
    expect(lines.find((l) => l.name === 'SEQUENCE')?.value).toBe('0');
    expect(lines.find((l) => l.name === 'STATUS')?.value).toBe('CONFIRMED');
    const uid = icsField(ics1, 'UID');
    expect(uid).toMatch(/@warkop-indah$/);

    const changed = await ana.ask('/ubah_sesi 1 waktu Jumat 14.00');
    expect(changed.text).toContain('Sesi #1 diubah (waktu). 3 pemberitahuan dikirim');
    await h.runJobs();
    const notice = privateTexts(h, budi, 'Sesi #1 diubah')[0]!;
    expect(notice).toContain('waktu (sebelumnya: Kamis, 3 Desember 2026 · 09.00 WITA)');
    expect(notice).toContain('🗓 Jumat, 4 Desember 2026 · 14.00 WITA');
    const groupNotice = h.api.botMessages(forum.id, topicId).find((m) => m.text?.includes('Sesi #1 diubah'));
    expect(groupNotice?.reply_to_message_id).toBe(announcementIn(h, forum, 1, topicId).message_id);
    const groupIcs = h.api.botMessages(forum.id, topicId).filter((m) => m.document).at(-1)!;
    expect(icsField(groupIcs.document!.content.toString('utf8'), 'SEQUENCE')).toBe('1');
    expect(h.api.botMessages(plain.id).filter((m) => m.text?.includes('Sesi #1 diubah'))).toHaveLength(1);
    h.clock.advance(10_000);
    await h.runJobs();
    expect(announcementIn(h, plain, 1).text).toContain('🗓 Jumat, 4 Desember 2026 · 14.00 WITA');

    const [after] = await budi.send('/kalender 1');
    const ics2 = after!.document!.content.toString('utf8');
    expect(icsField(ics2, 'UID')).toBe(uid);
    expect(icsField(ics2, 'SEQUENCE')).toBe('1');
    expect(icsField(ics2, 'DTSTART')).toBe('20261204T060000Z');

    await ana.send('/ubah_sesi 1 tempat Ruang Rapat Bupati');
    expect(icsField((await budi.send('/kalender 1'))[0]!.document!.content.toString('utf8'), 'SEQUENCE')).toBe('2');
    expect((await ana.ask('/ubah_sesi 1 tempat Ruang Rapat Bupati')).text).toContain('Tidak ada yang berubah');
    expect((await ana.ask('/ubah_sesi 1 warna merah')).text).toContain('Cara pakai: /ubah_sesi');
    expect((await ana.ask('/ubah_sesi 1 waktu kemarin')).text).toContain('tidak saya pahami');
  });

  it('cancels a session: notices with the reason, no more buttons, answers refused', async () => {
    const { ana, plain } = await setupForum(h);
    const budi = h.user('Budi');
    const citra = h.user('Citra');
    await budi.register('Budi Santoso', 'Dinkes');
    await citra.register('Citra Dewi', 'Dinkes');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const post = announcementIn(h, plain, 1);
    await budi.press('✅ Hadir', post);
    await citra.press('❌ Tidak', post);
    expect((await ana.ask('/batal_sesi 1')).text).toContain('Mohon sertakan alasan');
    // Asked first, like a broadcast: nobody is told until the coordinator confirms.
    const confirm = await ana.ask('/batal_sesi 1 Aula dipakai rapat Bupati');
    expect(confirm.text).toBe('Batalkan sesi #1? Semua yang sudah menjawab dan grup yang terhubung akan langsung diberi tahu, dengan alasan: “Aula dipakai rapat Bupati”.');
    const kept = await ana.press('Tidak jadi', confirm);
    expect(kept.message?.text).toBe('Sesi tidak dibatalkan; tidak ada yang diberi tahu.');
    await h.runJobs();
    expect(privateTexts(h, budi, 'dibatalkan')).toHaveLength(0);
    expect(await ana.pressData(confirm, 's:cxy:1')).toContain('sudah tidak berlaku');
    const again = await ana.ask('/batal_sesi 1 Aula dipakai rapat Bupati');
    const done = (await ana.press('🗑 Ya, batalkan sesi', again)).message!;
    expect(done.text).toContain('Sesi #1 dibatalkan. 3 pemberitahuan dikirim');
    await h.runJobs();
    expect(privateTexts(h, budi, 'Sesi #1 dibatalkan')[0]).toContain('Alasan: Aula dipakai rapat Bupati');
    expect(privateTexts(h, citra, 'dibatalkan')).toHaveLength(0);
    h.clock.advance(10_000);
    await h.runJobs();
    const cancelled = announcementIn(h, plain, 1);
    expect(cancelled.text).toContain('DIBATALKAN — Aula dipakai rapat Bupati');
    expect(cancelled.reply_markup).toBeUndefined();
    expect(await citra.pressData(cancelled, 's:r:1:y')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    expect((await ana.ask('/batal_sesi 1 lagi')).text).toContain('sudah dibatalkan');
    expect((await ana.ask('/ubah_sesi 1 tempat Aula')).text).toContain('sudah dibatalkan');
    const ics = (await budi.send('/kalender 1'))[0]!.document!.content.toString('utf8');
    expect(icsField(ics, 'STATUS')).toBe('CANCELLED');
    expect(icsField(ics, 'SEQUENCE')).toBe('1');
    const [row] = await h.db.select().from(sessionRsvps).where(and(eq(sessionRsvps.sessionId, 1), eq(sessionRsvps.answer, 'yes')));
    expect(row).toBeDefined();
  });

  it('puts ideas on the agenda and shows them in the announcement and details', async () => {
    const { ana, plain } = await setupForum(h);
    const idea = await addIdea(h, 'Getar Dilan', 'Gerakan Tanam Sayur di Lahan Pekarangan');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    expect((await ana.ask(`/agenda 1 ${idea}`)).text).toContain(`Ide #${idea} Getar Dilan ditambahkan ke agenda sesi #1`);
    expect((await ana.ask(`/agenda 1 ${idea}`)).text).toContain('sudah ada di agenda');
    expect((await ana.ask('/agenda 1 999')).text).toContain('Ide #999 tidak ditemukan');
    expect((await ana.ask('/agenda satu dua')).text).toContain('Cara pakai: /agenda');
    h.clock.advance(10_000);
    await h.runJobs();
    const post = announcementIn(h, plain, 1);
    expect(post.text).toContain(`💡 Ide yang dibahas:\n• #${idea} Getar Dilan (Gerakan Tanam Sayur di Lahan Pekarangan)`);
    expect((await ana.ask('/sesi 1')).text).toContain(`#${idea} Getar Dilan`);
    const ics = (await ana.send('/kalender 1'))[0]!.document!.content.toString('utf8');
    expect(parseIcs(ics).find((l) => l.name === 'DESCRIPTION')?.value).toContain(`#${idea} Getar Dilan (Gerakan Tanam Sayur di Lahan Pekarangan)`);
    expect((await ana.ask(`/agenda 1 -${idea}`)).text).toContain('dihapus dari agenda');
  });

  it('answers RSVP buttons from the private detail view and keeps the view current', async () => {
    const { ana } = await setupForum(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const detail = await budi.ask('/sesi 1');
    expect(detail.text).toContain('Jawaban Anda: belum menjawab');
    const pressed = await budi.press('🤔 Mungkin', detail);
    expect(pressed.message?.text).toContain('Jawaban Anda: Mungkin');
    expect(pressed.message?.text).toContain('🤔 Mungkin: 1');
  });
});

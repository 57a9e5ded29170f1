import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ideaStageEvents, ideas, sessionRsvps, sessions } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { addIdea, announcementIn, privateTexts, setupForum } from '../../../helpers/sessions.js';

const ENDED = new Date('2026-12-03T03:00:10Z'); // Kamis 11.00 WITA: the session (09.00–11.00) is over

describe.each(engines)('minutes and attendance (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('stores minutes, marks the session done and moves agenda ideas to Dibahas on request', async () => {
    const { ana, plain } = await setupForum(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    const getar = await addIdea(h, 'Getar Dilan', 'Gerakan Tanam Sayur di Lahan Pekarangan');
    const rompi = await addIdea(h, 'Rompi KPK', 'Kelas Pencegahan Korupsi');
    const peta = await addIdea(h, 'Peta Baper', 'Pemetaan Berbasis Partisipatif');
    await h.db.update(ideas).set({ stage: 'initiative' }).where(eq(ideas.id, peta));
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    for (const id of [getar, rompi, peta]) await ana.send(`/agenda 1 ${id}`);
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));

    expect((await ana.ask('/notulen 1 Terlalu cepat')).text).toContain('belum dimulai');
    expect((await ana.ask('/notulen 1')).text).toContain('Cara pakai: /notulen');

    h.clock.set(ENDED);
    await h.runJobs();
    expect(privateTexts(h, ana, 'Mohon catat notulennya')).toHaveLength(1);

    const saved = await ana.ask('/notulen 1 Getar Dilan siap uji coba di 3 desa; Rompi KPK perlu data pembanding.');
    expect(saved.text).toContain('Notulen sesi #1 tersimpan dan sesi ditandai selesai.');
    expect(saved.text).toContain('Pindahkan ide yang dibahas ke tahap Dibahas?');
    const labels = saved.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual([`➡️ #${getar} Getar Dilan`, `➡️ #${rompi} Rompi KPK`, '➡️ Semua ide', 'Tidak perlu']);
    const [session] = await h.db.select().from(sessions).where(eq(sessions.id, 1));
    expect(session).toMatchObject({ status: 'done', minutes: 'Getar Dilan siap uji coba di 3 desa; Rompi KPK perlu data pembanding.' });

    // A member cannot press the coordinator's button, even by forging it.
    expect(await budi.pressData(h.api.lastBotMessage(budi.id)!, `s:disc:1:${getar}`)).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    const one = await ana.press(`➡️ #${getar} Getar Dilan`, saved);
    expect(one.message?.text).toContain(`Dipindahkan ke tahap Dibahas: #${getar} Getar Dilan.`);
    expect(one.message?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([`➡️ #${rompi} Rompi KPK`]);
    // The keyboard now holds only the other idea: the stale ‘all’ button is refused, the remaining one works.
    expect(await ana.pressData(saved, 's:disc:1:all')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    await ana.press(`➡️ #${rompi} Rompi KPK`, saved);
    const rows = await h.db.select().from(ideas).orderBy(asc(ideas.id));
    expect(rows.map((i) => i.stage)).toEqual(['discussed', 'discussed', 'initiative']);
    const events = await h.db.select().from(ideaStageEvents).orderBy(asc(ideaStageEvents.id));
    expect(events.map((e) => [e.ideaId, e.fromStage, e.toStage, e.note])).toEqual([
      [getar, 'pitched', 'discussed', 'Sesi Warkop Indah #1'],
      [rompi, 'pitched', 'discussed', 'Sesi Warkop Indah #1'],
    ]);

    const detail = await ana.ask('/sesi 1');
    expect(detail.text).toContain('Notulen:\nGetar Dilan siap uji coba');
    expect((await ana.ask('/notulen 1 Ringkasan yang diperbaiki')).text).toContain('Notulen sesi #1 diperbarui.');
    h.clock.advance(10_000);
    await h.runJobs();
    const post = announcementIn(h, plain, 1);
    expect(post.text).toContain('Sesi telah selesai');
    expect(post.reply_markup).toBeUndefined();
    expect(await budi.pressData(post, 's:r:1:n')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
  });

  it('lets a coordinator confirm attendance member by member', async () => {
    const { ana, plain } = await setupForum(h);
    const budi = h.user('Budi');
    const citra = h.user('Citra');
    await budi.register('Budi Santoso', 'Dinkes');
    await citra.register('Citra Dewi', 'Disdukcapil');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await citra.press('🤔 Mungkin', announcementIn(h, plain, 1));
    expect((await ana.ask('/kehadiran 1')).text).toContain('setelah sesi dimulai');

    h.clock.set(ENDED);
    await h.runJobs();
    const list = await ana.ask('/kehadiran 1');
    expect(list.text).toContain('Terkonfirmasi hadir: 0 dari 2');
    expect(list.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['⬜ Budi Santoso (Dinkes)', '⬜ Citra Dewi (Disdukcapil)']);
    const marked = await ana.press('⬜ Budi Santoso (Dinkes)', list);
    expect(marked.message?.text).toContain('Terkonfirmasi hadir: 1 dari 2');
    const again = await ana.press('✅ Budi Santoso (Dinkes)', marked.message);
    expect(again.message?.reply_markup!.inline_keyboard.flat()[0]?.text).toBe('❌ Budi Santoso (Dinkes)');
    expect(await budi.pressData(h.api.lastBotMessage(budi.id)!, list.reply_markup!.inline_keyboard[0]![0]!.callback_data!)).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    const rows = await h.db.select().from(sessionRsvps).orderBy(asc(sessionRsvps.memberId));
    expect(rows.map((r) => r.attended)).toEqual([false, null]);
  });

  it('has no minutes for a cancelled session', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await ana.press('🗑 Ya, batalkan sesi', (await ana.send('/batal_sesi 1 Banjir'))[0]);
    h.clock.set(ENDED);
    await h.runJobs();
    expect(privateTexts(h, ana, 'Mohon catat notulennya')).toHaveLength(0);
    expect((await ana.ask('/notulen 1 Catatan')).text).toContain('dibatalkan, jadi tidak ada notulen');
  });
});

describe.each(engines)('minutes feed the proposal draft (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('quotes the minutes of a session that discussed the idea', async () => {
    const { ana } = await setupForum(h);
    const getar = await addIdea(h, 'Getar Dilan', 'Gerakan Tanam Sayur di Lahan Pekarangan');
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await ana.send(`/agenda 1 ${getar}`);
    h.clock.set(ENDED);
    await h.runJobs();
    await ana.send('/notulen 1 Uji coba di tiga desa menurunkan belanja sayur keluarga.');
    const replies = await ana.send(`/draf ${getar}`);
    expect(replies.some((m) => (m.text ?? '').includes('Uji coba di tiga desa menurunkan belanja sayur keluarga'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { coachingNotes, conversations, ideaCoaches, outbox } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness, type Harness, type TestUser } from '../../../helpers/harness.js';
import { privateTexts } from '../../../helpers/sessions.js';

const ADMIN_ID = 900_001;
// Coaching dates: Kamis, 3 Desember 2026 · 09.00 WITA is 01.00 UTC.
const DAY_BEFORE = new Date('2026-12-02T08:00:05Z'); // Rabu 16.00 WITA
const HOUR_BEFORE = new Date('2026-12-03T00:00:05Z'); // Kamis 08.00 WITA

async function at(h: Harness, when: Date): Promise<void> {
  h.clock.set(when);
  await h.runJobs();
}

const buttons = (m: { reply_markup?: { inline_keyboard: { text: string }[][] } } | undefined) => m?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];

describe.each(engines)('coaching (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  async function setup() {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const ana = h.user('Ana', { username: 'ana' });
    const budi = h.user('Budi', { username: 'budi' });
    const citra = h.user('Citra', { username: 'citra' });
    const rina = h.user('Rina', { username: 'rina' });
    await admin.send('/start');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    await budi.register('Budi Santoso', 'Bappelitbangda');
    await citra.register('Citra Dewi', 'Dinkes');
    await rina.register('Rina Koordinator', 'Bagian Organisasi');
    await admin.send('/peran @rina koordinator');
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    return { ana, budi, citra, rina };
  }

  const reminders = (user: TestUser) => privateTexts(h, user, 'Pengingat pendampingan ide #1');

  it('a coordinator assigns a coach, who is told and finds the idea in /dampingan; the card shows the coaches', async () => {
    const { ana, budi, rina } = await setup();
    expect((await rina.ask('/pendamping 1 @budi')).text).toBe('✅ Budi Santoso kini menjadi pendamping ide #1 Getar Dilan. Ia diberi tahu lewat pesan pribadi.');
    expect(privateTexts(h, budi, 'menetapkan Anda sebagai pendamping')).toEqual([expect.stringContaining('🤝 Rina Koordinator menetapkan Anda sebagai pendamping ide #1 Getar Dilan.')]);
    expect((await rina.ask('/pendamping 1 @budi')).text).toBe('Budi Santoso sudah menjadi pendamping ide #1.');
    expect((await rina.ask('/pendamping 1 @ana')).text).toContain('Pengusul tidak dapat menjadi pendamping idenya sendiri');
    expect((await rina.ask('/pendamping 1 @nobody')).text).toContain('Anggota @nobody tidak ditemukan');
    expect((await rina.ask('/pendamping 1')).text).toBe('Pendamping ide #1 Getar Dilan\n• Budi Santoso — sejak 30 Nov 2026, ditetapkan oleh Rina Koordinator');
    const mine = await budi.ask('/dampingan');
    expect(mine.text).toContain('Ide yang Anda dampingi (1)\n#1 Getar Dilan · DKP · Usulan\n   Pendampingan terakhir: belum ada');
    expect(buttons(mine)).toEqual(['#1']);
    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('🤝 Pendamping: Budi Santoso');
    // The owner does not coach: no 📒 on their card; the coach and the coordinator have it.
    expect(buttons(card)).not.toContain('📒 Catatan pendampingan');
    expect(buttons(await budi.ask('/ide 1'))).toContain('📒 Catatan pendampingan');
    expect(buttons(await rina.ask('/ide 1'))).toContain('📒 Catatan pendampingan');
    // Removed: told, and gone from the card.
    expect((await rina.ask('/pendamping 1 hapus @budi')).text).toContain('Budi Santoso tidak lagi menjadi pendamping ide #1');
    expect((await ana.ask('/ide 1')).text).not.toContain('Pendamping:');
    expect((await budi.ask('/dampingan')).text).toContain('Anda belum ditetapkan sebagai pendamping');
  });

  it('refuses members who are not coordinators or coaches, on every command and button', async () => {
    const { ana, budi, citra, rina } = await setup();
    expect((await citra.ask('/pendamping 1 @budi')).text).toContain('Maaf, perintah ini hanya untuk koordinator Tim Pelaksana Warkop Indah.');
    expect(await h.db.select().from(ideaCoaches)).toHaveLength(0);
    await rina.send('/pendamping 1 @budi');
    expect((await citra.ask('/catatan 1 Saya juga ingin mencatat')).text).toBe(
      'Catatan pendampingan ide #1 hanya dapat ditulis oleh pendamping ide tersebut atau koordinator Warkop Indah.',
    );
    expect((await ana.ask('/catatan 1 Catatan dari pengusul')).text).toContain('hanya dapat ditulis oleh pendamping');
    const card = await citra.ask('/ide 1');
    expect(buttons(card)).not.toContain('📒 Catatan pendampingan');
    // A forged press (data not on the card's buttons) is refused by the press guard and opens no dialog.
    expect(await citra.pressData(card, 'coach:note:1')).toContain('sudah tidak berlaku');
    expect(await h.db.select().from(conversations).where(eq(conversations.userId, citra.id))).toHaveLength(0);
    expect(await h.db.select().from(coachingNotes)).toHaveLength(0);
    // A coach removed meanwhile: the button they still see is refused.
    const budiCard = await budi.ask('/ide 1');
    await rina.send('/pendamping 1 hapus @budi');
    const pressed = await budi.press('📒 Catatan pendampingan', budiCard);
    expect(pressed.answer).toContain('hanya dapat ditulis oleh pendamping');
    expect(await h.db.select().from(coachingNotes)).toHaveLength(0);
  });

  it('a coach’s note with the next date joins the history, the owner is told, and both are reminded', async () => {
    const { ana, budi, rina } = await setup();
    await rina.send('/pendamping 1 @budi');
    const saved = await budi.ask('/catatan 1 Data sebelum dan sesudah perlu dilengkapi | Kamis 09.00');
    expect(saved.text).toBe(
      '✅ Catatan pendampingan untuk ide #1 Getar Dilan disimpan.\n📅 Pendampingan berikutnya: Kamis, 3 Desember 2026 · 09.00 WITA. Pendamping dan pengusul akan diingatkan.\nPengusul diberi tahu lewat pesan pribadi.',
    );
    expect(privateTexts(h, ana, 'Catatan pendampingan baru')).toEqual([
      '📒 Catatan pendampingan baru untuk ide Anda #1 Getar Dilan dari Budi Santoso:\n\nData sebelum dan sesudah perlu dilengkapi\n\n📅 Pendampingan berikutnya: Kamis, 3 Desember 2026 · 09.00 WITA. Anda akan diingatkan.',
    ]);
    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('🤝 Pendamping: Budi Santoso\n📒 Pendampingan terakhir: 30 Nov 2026\n📅 Pendampingan berikutnya: Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(card.text).toContain('• 30 Nov 2026 — catatan pendampingan oleh Budi Santoso: “Data sebelum dan sesudah perlu dilengkapi”');
    expect((await budi.ask('/dampingan')).text).toContain('Pendampingan terakhir: 30 Nov 2026\n   Pendampingan berikutnya: Kamis, 3 Desember 2026 · 09.00 WITA');

    await at(h, new Date(DAY_BEFORE.getTime() - 60_000));
    expect(reminders(budi)).toHaveLength(0);
    await at(h, DAY_BEFORE);
    expect(reminders(budi)).toEqual(['⏰ Pengingat pendampingan ide #1 Getar Dilan: besok pukul 09.00\n🗓 Kamis, 3 Desember 2026 · 09.00 WITA\n\nLihat idenya dengan /ide 1.']);
    expect(reminders(ana)).toHaveLength(1);
    expect(reminders(rina)).toHaveLength(0);
    await at(h, HOUR_BEFORE);
    expect(reminders(budi)[1]).toContain('hari ini pukul 09.00 (1 jam lagi)');
    expect(reminders(ana)).toHaveLength(2);
    await h.runJobs();
    expect(reminders(budi)).toHaveLength(2);
  });

  it('guides a coach through the 📒 dialog in English, and a moved date replaces the old reminders', async () => {
    const { ana, rina } = await setup();
    const dedi = h.user('Dedi', { username: 'dedi', language_code: 'en' });
    await dedi.register('Dedi Pratama', 'Dinkes');
    expect((await rina.ask('/coach 1 @dedi')).text).toContain('Dedi Pratama kini menjadi pendamping ide #1');
    expect(privateTexts(h, dedi, 'made you a coach')).toEqual([expect.stringContaining('🤝 Rina Koordinator made you a coach of idea #1 Getar Dilan.')]);
    await dedi.send('/note 1 First visit | Thursday 09:00');
    expect(reminders(ana)).toHaveLength(0);

    const card = await dedi.ask('/ideas 1');
    const opened = await dedi.press('📒 Coaching note', card);
    expect(opened.replies.at(-1)?.text).toContain('📒 Coaching note on idea #1 Getar Dilan (1/2).');
    expect((await dedi.ask('Measured before and after; SOP drafted.')).text).toContain('When is the next coaching for idea #1? (2/2)');
    expect((await dedi.ask('someday soon')).text).toContain('Sorry, I could not understand that date and time.\nExamples that work (WITA)');
    const done = await dedi.ask('Friday 10:00');
    expect(done.text).toBe(
      '✅ Coaching note on idea #1 Getar Dilan saved.\n📅 Next coaching: Friday, 4 December 2026 · 10:00 WITA. The coaches and the author will be reminded.\nThe author has been told in a private message.',
    );
    const rows = await h.db.select().from(outbox).where(and(eq(outbox.ref, 'coaching:1'), eq(outbox.kind, 'coaching.reminder')));
    expect(rows.filter((r) => r.status === 'pending').every((r) => r.dedupeKey.includes('2026-12-04T02:00:00.000Z'))).toBe(true);
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(4);
    // Thursday's reminders never go out; Friday's do, to both.
    await at(h, DAY_BEFORE);
    expect(privateTexts(h, dedi, 'Coaching reminder')).toHaveLength(0);
    await at(h, new Date('2026-12-03T08:00:05Z'));
    expect(privateTexts(h, dedi, 'Coaching reminder')).toEqual([expect.stringContaining('Coaching reminder for idea #1 Getar Dilan: tomorrow at 10:00')]);
    expect(reminders(ana)).toEqual([expect.stringContaining('besok pukul 10.00')]);

    // Lewati: a note without a date keeps Friday's plan.
    await dedi.press('📒 Coaching note', await dedi.ask('/ideas 1'));
    await dedi.send('Called the village head.');
    const skipped = await dedi.press('Skip');
    expect(skipped.message?.text).toBe('✅ Coaching note on idea #1 Getar Dilan saved.\nThe author has been told in a private message.');
    expect(await h.db.select().from(coachingNotes)).toHaveLength(3);
    expect((await dedi.pressData(skipped.message!, 'coach:skip:1'))).toContain('no longer valid');
    expect(await h.db.select().from(coachingNotes)).toHaveLength(3);
  });

  it('keeps reminders across a restart: a missed one goes out before the meeting, none after it', async () => {
    const { ana, budi, rina } = await setup();
    await rina.send('/pendamping 1 @budi');
    await budi.send('/catatan 1 Kunjungan lapangan | Kamis 09.00');
    await h.restart();
    // Down from Wednesday 15.00 to 18.00: the day-before reminder is late but still useful.
    h.clock.set(new Date('2026-12-02T07:00:00Z'));
    await h.app.stop();
    h.clock.set(new Date('2026-12-02T10:00:00Z'));
    await h.startBot();
    await h.runJobs();
    expect(reminders(budi)).toEqual([expect.stringContaining('besok pukul 09.00')]);
    expect(reminders(ana)).toHaveLength(1);
    // Down again until 09.30 on Thursday: the hour-before is skipped, not sent late.
    await h.app.stop();
    h.clock.set(new Date('2026-12-03T01:30:00Z'));
    await h.startBot();
    await h.runJobs();
    expect(reminders(budi)).toHaveLength(1);
    const rows = await h.db.select().from(outbox).where(and(eq(outbox.ref, 'coaching:1'), eq(outbox.kind, 'coaching.reminder')));
    expect(rows.filter((r) => r.dedupeKey.endsWith(':1h')).map((r) => [r.status, r.outcome])).toEqual([
      ['skipped', 'started'],
      ['skipped', 'started'],
    ]);
  });

  it('sends coordinators a weekly digest of coached ideas without coaching for 30 days, once a week', async () => {
    const { ana, budi, rina } = await setup();
    await ana.send('/usul Sapa Lansia — kunjungan rumah lansia');
    await rina.send('/pendamping 1 @budi');
    await rina.send('/pendamping 2 @budi');
    const digests = () => privateTexts(h, rina, 'Rekap mingguan pendampingan');
    // Day 25: a note on idea 2.
    h.clock.set(new Date('2026-12-25T01:00:00Z'));
    await budi.send('/catatan 2 Uji coba di dua desa');
    // Monday 4 January 2027, 08.00 WITA: idea 1 has waited 35 days, idea 2 only 10.
    await at(h, new Date('2027-01-04T00:00:05Z'));
    expect(digests()).toEqual([
      '📋 Rekap mingguan pendampingan\n1 ide yang didampingi belum mendapat pendampingan selama lebih dari 30 hari:\n• #1 Getar Dilan (DKP) — belum ada catatan sejak ditetapkan 30 Nov 2026\nLihat pendampingnya dengan /pendamping N.',
    ]);
    // The admin is a coordinator too (registered ones only: the admin never registered).
    expect(privateTexts(h, ana, 'Rekap mingguan')).toHaveLength(0);
    // Again, after a restart, later that week: still one.
    await h.restart();
    await at(h, new Date('2027-01-06T00:00:05Z'));
    expect(digests()).toHaveLength(1);
    // The next Monday: the next week's digest.
    await at(h, new Date('2027-01-11T00:00:05Z'));
    expect(digests()).toHaveLength(2);
  });
  it.runIf(engine === 'postgres')('sends the digest once when two instances plan it at the same moment', async () => {
    const { rina } = await setup();
    await rina.send('/pendamping 1 @budi');
    const second = await h.startInstance();
    h.clock.set(new Date('2027-01-04T00:00:05Z'));
    h.app.scheduler.wake();
    second.scheduler.wake();
    await Promise.all([h.app.scheduler.idle(), second.scheduler.idle()]);
    await Promise.all([h.app.scheduler.idle(), second.scheduler.idle()]);
    expect(privateTexts(h, rina, 'Rekap mingguan pendampingan')).toHaveLength(1);
    const rows = await h.db.select().from(outbox).where(eq(outbox.ref, 'coaching:digest'));
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(['coach-digest:2027-01-04', expect.stringMatching(/^coach-digest:2027-01-04:m\d+$/)]);
  });
});

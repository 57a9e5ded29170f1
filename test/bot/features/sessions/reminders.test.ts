import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { members, outbox } from '../../../../src/db/schema/index.js';
import { answerRsvp } from '../../../../src/domain/sessions/rsvp.js';
import { sessionSettings } from '../../../../src/config.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness, type Harness, type TestUser } from '../../../helpers/harness.js';
import { addMembers, announcementIn, privateTexts, setupForum } from '../../../helpers/sessions.js';
import { injectFault } from '../../../helpers/faults.js';

// The session: Kamis, 3 Desember 2026 · 09.00 WITA (01.00 UTC). WITA = UTC+8.
const DAY_BEFORE = new Date('2026-12-02T08:00:00Z'); // Rabu 16.00 WITA
const HOUR_BEFORE = new Date('2026-12-03T00:00:00Z'); // Kamis 08.00 WITA
const after = (at: Date, seconds = 5) => new Date(at.getTime() + seconds * 1000);

async function at(h: Harness, when: Date): Promise<void> {
  h.clock.set(when);
  await h.runJobs();
}

function reminders(h: Harness, user: TestUser): string[] {
  return privateTexts(h, user, 'Pengingat sesi #1');
}

function groupReminders(h: Harness, chatId: number, threadId?: number): string[] {
  return h.api
    .botMessages(chatId, threadId)
    .map((m) => m.text ?? '')
    .filter((t) => t.includes('Pengingat sesi Warkop Indah #1'));
}

describe.each(engines)('reminders (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  async function people(...names: string[]): Promise<TestUser[]> {
    const list: TestUser[] = [];
    for (const name of names) {
      const user = h.user(name);
      await user.register(`${name} Lestari`, 'Dinkes');
      list.push(user);
    }
    return list;
  }

  it('reminds members who said Hadir or Mungkin, and each group once, at every offset', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const [budi, citra, dedi] = (await people('Budi', 'Citra', 'Dedi')) as [TestUser, TestUser, TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula Bappelitbangda | Bedah proposal KIPP');
    const post = announcementIn(h, plain, 1);
    await budi.press('✅ Hadir', post);
    await citra.press('🤔 Mungkin', post);
    await dedi.press('❌ Tidak', post);

    await at(h, after(DAY_BEFORE, -60));
    expect(reminders(h, budi)).toHaveLength(0);
    expect(groupReminders(h, plain.id)).toHaveLength(0);

    await at(h, after(DAY_BEFORE));
    expect(reminders(h, budi)).toEqual([
      '⏰ Pengingat sesi #1: besok pukul 09.00\nBedah proposal KIPP\n🗓 Kamis, 3 Desember 2026 · 09.00 WITA\n📍 Aula Bappelitbangda\n\nJawaban Anda: Hadir. Atur pengingat dengan /pengingat.',
    ]);
    expect(reminders(h, citra)[0]).toContain('Jawaban Anda: Mungkin.');
    // "Mungkin" gets the buttons to settle the answer; "Hadir" needs none.
    const maybe = h.api.botMessages(citra.id).find((m) => m.text?.includes('Pengingat sesi #1'))!;
    expect(maybe.text).toContain('Sudah bisa memastikan? Pilih jawaban Anda dengan tombol di bawah.');
    expect(maybe.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✅ Hadir', '🤔 Mungkin', '❌ Tidak']);
    expect(h.api.botMessages(budi.id).find((m) => m.text?.includes('Pengingat sesi #1'))?.reply_markup).toBeUndefined();
    expect(reminders(h, dedi)).toHaveLength(0);
    expect(groupReminders(h, forum.id, topicId)).toHaveLength(1);
    expect(groupReminders(h, forum.id, topicId)[0]).toContain('✅ 1 orang akan hadir.');
    expect(groupReminders(h, plain.id)).toHaveLength(1);

    await at(h, after(HOUR_BEFORE));
    expect(reminders(h, budi)[1]).toContain('Pengingat sesi #1: hari ini pukul 09.00 (1 jam lagi)');
    expect(reminders(h, citra)).toHaveLength(2);
    expect(groupReminders(h, forum.id, topicId)).toHaveLength(2);
    expect(groupReminders(h, plain.id)).toHaveLength(2);

    // Running again sends nothing twice.
    await h.runJobs();
    expect(reminders(h, budi)).toHaveLength(2);
    expect(groupReminders(h, plain.id)).toHaveLength(2);
    expect(reminders(h, dedi)).toHaveLength(0);

    // Citra settles her answer from the reminder: recorded, and the message becomes her session view.
    expect(await citra.pressData(maybe, 's:r:1:y')).toContain('Hadir');
    expect(h.api.message(citra.id, maybe.message_id)?.text).toContain('Bedah proposal KIPP');

    // When it has ended, the organiser is asked for the minutes, and the buttons go.
    await at(h, new Date('2026-12-03T03:00:10Z'));
    expect(privateTexts(h, ana, 'Mohon catat notulennya')[0]).toContain('/notulen 1');
    expect(announcementIn(h, plain, 1).reply_markup).toBeUndefined();
  });

  it('follows each member’s own reminder settings', async () => {
    const { ana, plain } = await setupForum(h);
    const [budi, citra, dedi, eka] = (await people('Budi', 'Citra', 'Dedi', 'Eka')) as [TestUser, TestUser, TestUser, TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const post = announcementIn(h, plain, 1);
    // Some choose before answering, some after: both apply.
    const menu = await budi.ask('/pengingat');
    expect(menu.text).toContain('Pengingat sesi Anda: sehari sebelumnya pukul 16.00 dan 1 jam sebelumnya (bawaan).');
    expect((await budi.press('🔕 Matikan', menu)).message?.text).toContain('Pengingat sesi dimatikan');
    expect((await citra.ask('/pengingat 30m')).text).toContain('Pengingat disimpan: 30 menit sebelumnya');
    expect((await dedi.ask('/pengingat 1x')).text).toContain('“1x” tidak dapat saya pahami');
    for (const p of [budi, citra, dedi, eka]) await p.press('✅ Hadir', post);
    const only = await eka.ask('/pengingat');
    await eka.press('Hanya sehari sebelumnya pukul 16.00', only);
    expect((await eka.ask('/pengingat')).text).toContain('Pengingat sesi Anda: sehari sebelumnya pukul 16.00.');

    await at(h, after(DAY_BEFORE));
    expect(reminders(h, eka)).toHaveLength(1);
    expect(reminders(h, dedi)).toHaveLength(1);
    expect(reminders(h, citra)).toHaveLength(0);
    await at(h, after(HOUR_BEFORE));
    expect(reminders(h, eka)).toHaveLength(1);
    expect(reminders(h, dedi)).toHaveLength(2);
    expect(reminders(h, citra)).toHaveLength(0);
    await at(h, new Date('2026-12-03T00:30:05Z'));
    expect(reminders(h, citra)).toEqual([expect.stringContaining('hari ini pukul 09.00 (30 menit lagi)')]);
    expect(reminders(h, budi)).toHaveLength(0);
    // Turning them back on applies to sessions already answered.
    await budi.send('/pengingat bawaan');
    await at(h, new Date('2026-12-03T00:45:05Z'));
    expect(reminders(h, budi)).toHaveLength(0); // the defaults' times have passed: nothing is sent late
  });

  it('sends no reminder for a cancelled session, nor to someone who withdrew', async () => {
    const { ana, plain } = await setupForum(h);
    const [budi, citra] = (await people('Budi', 'Citra')) as [TestUser, TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await ana.send('/sesi_baru Jumat 09.00 | Aula | Klinik inovasi');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await citra.press('✅ Hadir', announcementIn(h, plain, 2));
    await citra.press('❌ Tidak', announcementIn(h, plain, 2));
    await ana.press('🗑 Ya, batalkan sesi', (await ana.send('/batal_sesi 1 Narasumber berhalangan'))[0]);
    for (const when of [after(DAY_BEFORE), after(HOUR_BEFORE), new Date('2026-12-03T08:00:05Z'), new Date('2026-12-04T00:00:05Z')]) await at(h, when);
    expect(privateTexts(h, budi, 'Pengingat')).toHaveLength(0);
    expect(privateTexts(h, budi, 'Sesi #1 dibatalkan')).toHaveLength(1);
    expect(privateTexts(h, citra, 'Pengingat')).toHaveLength(0);
    expect(groupReminders(h, plain.id)).toHaveLength(0);
    // Session 2 was not cancelled: its groups were reminded.
    expect(h.api.botMessages(plain.id).filter((m) => m.text?.includes('Pengingat sesi Warkop Indah #2'))).toHaveLength(2);
    const pending = await h.db.select().from(outbox).where(and(eq(outbox.ref, 'session:1'), eq(outbox.status, 'sent')));
    expect(pending.filter((r) => r.kind.includes('reminder'))).toHaveLength(0);
  });

  it('never sends a reminder with the old time after a session moves', async () => {
    const { ana, plain } = await setupForum(h);
    const [budi] = (await people('Budi')) as [TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await at(h, after(DAY_BEFORE)); // the day-before reminder for Thursday goes out
    expect(reminders(h, budi)).toHaveLength(1);
    await ana.send('/ubah_sesi 1 waktu Jumat 14.00'); // now Friday 4 Dec 14.00 WITA (06.00 UTC)
    await at(h, after(HOUR_BEFORE)); // the old hour-before time: nothing
    expect(reminders(h, budi)).toHaveLength(1);
    await at(h, new Date('2026-12-03T08:00:05Z')); // Thursday 16.00: the new day-before
    await at(h, new Date('2026-12-04T05:00:05Z')); // Friday 13.00: the new hour-before
    const sent = reminders(h, budi);
    expect(sent).toHaveLength(3);
    expect(sent[1]).toContain('besok pukul 14.00');
    expect(sent[2]).toContain('hari ini pukul 14.00 (1 jam lagi)');
    expect(sent.slice(1).every((t) => t.includes('Jumat, 4 Desember 2026 · 14.00 WITA') && !t.includes('09.00'))).toBe(true);
    expect(groupReminders(h, plain.id).slice(1).every((t) => t.includes('14.00'))).toBe(true);
  });

  it('survives restarts: a missed reminder goes out before the start, and is skipped after it', async () => {
    const { ana, plain } = await setupForum(h);
    const [budi, citra] = (await people('Budi', 'Citra')) as [TestUser, TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await ana.send('/sesi_baru Kamis 15.00 | Aula | Klinik inovasi');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await citra.press('✅ Hadir', announcementIn(h, plain, 2));
    await h.restart();

    // Down from Wednesday 15.00 to 18.00: the day-before reminders are late but still useful.
    h.clock.set(new Date('2026-12-02T07:00:00Z'));
    await h.app.stop();
    h.clock.set(new Date('2026-12-02T10:00:00Z'));
    await h.startBot();
    await h.runJobs();
    expect(reminders(h, budi)).toEqual([expect.stringContaining('besok pukul 09.00')]);
    expect(privateTexts(h, citra, 'Pengingat sesi #2')).toHaveLength(1);

    // Down again until 09.30 on Thursday: session 1 has started (its hour-before is skipped, not
    // sent late); session 2 has not, and its day-before and hour-before are both behind: only the
    // later one goes out.
    await h.app.stop();
    h.clock.set(new Date('2026-12-03T01:30:00Z'));
    await h.startBot();
    await h.runJobs();
    expect(reminders(h, budi)).toHaveLength(1);
    const rows = await h.db.select().from(outbox).where(and(eq(outbox.ref, 'session:1'), eq(outbox.kind, 'session.reminder')));
    expect(rows.find((r) => r.dedupeKey.endsWith(':1h'))).toMatchObject({ status: 'skipped', outcome: 'started' });
    h.clock.set(new Date('2026-12-03T06:00:05Z')); // Kamis 14.00: session 2's hour-before
    await h.runJobs();
    expect(privateTexts(h, citra, 'Pengingat sesi #2')).toHaveLength(2);
  });

  it('skips the earlier reminder when the bot was down across two reminder times', async () => {
    const { ana, plain } = await setupForum(h);
    const [budi] = (await people('Budi')) as [TestUser];
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await h.app.stop();
    h.clock.set(new Date('2026-12-03T00:30:00Z')); // Kamis 08.30
    await h.startBot();
    await h.runJobs();
    expect(reminders(h, budi)).toEqual([expect.stringContaining('hari ini pukul 09.00 (30 menit lagi)')]);
    expect(groupReminders(h, plain.id)).toHaveLength(1);
  });

  it.skipIf(engine !== 'postgres')('two bot instances on one database deliver every reminder exactly once', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    await ana.send('/sesi_baru Kamis 09.00 | Aula | Bedah proposal KIPP');
    const crowd = await addMembers(h, 40);
    const settings = sessionSettings(h.config);
    for (const [i, user] of crowd.entries()) {
      const [member] = await h.db.select().from(members).where(eq(members.telegramId, user.id));
      const result = await answerRsvp(h.db, { sessionId: 1, member: member!, answer: i % 2 ? 'yes' : 'maybe', settings, now: h.clock.now() });
      expect(result.ok).toBe(true);
    }
    const second = await h.startInstance();
    // Slow sends keep both instances busy at the same time.
    injectFault(h.api, { method: 'sendMessage', fault: { kind: 'slow', delayMs: 25 } });
    for (const when of [after(DAY_BEFORE), after(HOUR_BEFORE)]) {
      h.clock.set(when);
      for (let round = 0; round < 3; round++) {
        h.app.scheduler.wake();
        second.scheduler.wake();
        await Promise.all([h.app.scheduler.idle(), second.scheduler.idle()]);
      }
    }
    for (const user of crowd) expect(reminders(h, user)).toHaveLength(2);
    expect(groupReminders(h, forum.id, topicId)).toHaveLength(2);
    expect(groupReminders(h, plain.id)).toHaveLength(2);
    const sent = await h.db
      .select({ owner: outbox.claimedBy, n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(eq(outbox.kind, 'session.reminder'), eq(outbox.status, 'sent')))
      .groupBy(outbox.claimedBy);
    expect(sent.reduce((sum, r) => sum + Number(r.n), 0)).toBe(40 * 2 + 2 * 2);
    // Both instances took part.
    expect(sent.length).toBe(2);
  });
});

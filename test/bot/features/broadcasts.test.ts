import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { broadcastDeliveries, broadcasts, members } from '../../../src/db/schema/index.js';
import type { StoredMessage } from '../../../src/dev/telegram-double/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness, type Harness, type TestUser } from '../../helpers/harness.js';
import { addMembers, setupForum } from '../../helpers/sessions.js';
import { injectFault } from '../../helpers/faults.js';
import { limitsExceeded } from '../../helpers/rate-windows.js';

// Each recipient gets one message, so the per-chat limit only concerns the coordinator's own chat,
// where the sender allows Telegram's short bursts by design (the double counts 1/s strictly).
const TELEGRAM_LIMITS = { globalPerSec: 30, perGroupPerMin: 20, editsPerGroupPerMin: 20 };

/** Telegram's real pace for the bot from now on (the set-up ran at test speed). */
async function realPace(h: Harness, globalPerSec: number): Promise<void> {
  h.config = { ...h.config, SEND_GLOBAL_PER_SEC: globalPerSec, SEND_PRIVATE_PER_SEC: 1, SEND_GROUP_PER_MIN: 20, EDIT_GROUP_PER_MIN: 20 };
  await h.restart();
}

/**
 * From the moment the coordinator presses Send, the fake API enforces Telegram's limits strictly
 * (any excess is answered 429 and counted). The preview and the question before it are two quick
 * messages in one private chat, which Telegram tolerates and the double's strict 1/s would not.
 */
function enforce(h: Harness): void {
  h.api.enforceLimits(TELEGRAM_LIMITS);
}

/** Broadcasts arrive under a header naming Warkop Indah and the coordinator (Ana here). */
const HEADER = '📢 Siaran Warkop Indah — dikirim oleh koordinator Ana Lestari\n\n';

function received(h: Harness, user: TestUser, text: string): number {
  return h.api.botMessages(user.id).filter((m) => m.text === HEADER + text).length;
}

async function compose(ana: TestUser, text: string, audience: RegExp): Promise<StoredMessage> {
  await ana.send('/siaran');
  const [choose] = await ana.send(text);
  const { replies } = await ana.press(audience, choose);
  const confirm = replies.at(-1)!;
  expect(confirm.text).toContain('Kirim sekarang?');
  return confirm;
}

async function deliveryCounts(h: Harness, id = 1) {
  const rows = await h.db
    .select({ status: broadcastDeliveries.status, n: sql<number>`count(*)::int` })
    .from(broadcastDeliveries)
    .where(eq(broadcastDeliveries.broadcastId, id))
    .groupBy(broadcastDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe.each(engines)('broadcasts (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001], env: { BROADCAST_PROGRESS_SECONDS: '3' } });

  it('writes, previews and sends to the linked groups, each in its topic', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const text = 'Sesi Warkop Indah pekan ini diundur. <Mohon> cek jadwal & agenda terbaru.';
    const choose = (await ana.send('/siaran'))[0]!;
    expect(choose.text).toContain('Ketik pesan siaran');
    const [audience] = await ana.send(text);
    expect(audience!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '📢 Grup terhubung (2)',
      '👥 Semua anggota aktif (1)',
      '🏢 Anggota perangkat daerah tertentu',
      '❌ Batal',
    ]);
    const { replies } = await ana.press('📢 Grup terhubung (2)', audience);
    expect(replies[0]?.text).toBe(HEADER + text); // the preview, exactly as recipients get it
    expect(replies[0]?.entities?.[0]).toMatchObject({ type: 'bold', offset: 0, length: HEADER.trim().length });
    expect(replies[1]?.text).toContain('Penerima: 2 (grup terhubung)');
    const sent = await ana.press('✅ Kirim', replies[1]);
    expect(sent.message?.text).toContain('✅ Siaran #1 selesai (2 penerima)');
    expect(sent.message?.text).toContain('Terkirim: 2');
    expect(h.api.botMessages(forum.id, topicId).filter((m) => m.text === HEADER + text)).toHaveLength(1);
    expect(h.api.botMessages(plain.id).filter((m) => m.text === HEADER + text)).toHaveLength(1);
    expect(await ana.pressData(replies[1]!, 'b:send')).toContain('sudah tidak berlaku');
    expect(h.api.botMessages(plain.id).filter((m) => m.text === HEADER + text)).toHaveLength(1);
  });

  it('refuses empty and over-long broadcasts, and can be cancelled before sending', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/siaran');
    expect((await ana.ask('   ')).text).toContain('Pesan siaran tidak boleh kosong');
    const long = 'a'.repeat(4100);
    expect((await ana.ask(long)).text).toContain('Pesan terlalu panjang: 4100 karakter, sedangkan batasnya 3900 karakter');
    expect((await ana.ask(`/siaran ${long}`)).text).toContain('batasnya 3900 karakter');
    const confirm = await compose(ana, 'Rapat koordinasi', /Grup terhubung/);
    const cancelled = await ana.press('❌ Batal', confirm);
    expect(cancelled.message?.text).toContain('Siaran dibatalkan; tidak ada yang dikirim');
    expect(await h.db.select().from(broadcasts)).toHaveLength(0);
  });

  it('sends to members of chosen agencies and reports blocked, unknown and skipped recipients', async () => {
    const { ana } = await setupForum(h);
    const dinkes = await addMembers(h, 4, 'Dinkes');
    const others = await addMembers(h, 2, 'Disdukcapil', 'Lain');
    h.api.blockBot(dinkes[0]!.user);
    await h.settle();
    await h.db.update(members).set({ reachable: false }).where(eq(members.telegramId, dinkes[1]!.id));
    const [ghost] = await h.db.select().from(members).where(eq(members.telegramId, dinkes[2]!.id));
    // Someone whose account is gone: Telegram no longer knows the chat.
    await h.db.insert(members).values({ telegramId: 555_000_555, firstName: 'Hilang', fullName: 'Hilang', agencyId: ghost!.agencyId, registeredAt: new Date() });
    await ana.send('/siaran');
    const [audience] = await ana.send('Pelatihan penyusunan proposal KIPP untuk Dinas Kesehatan.');
    const picker = (await ana.press('🏢 Anggota perangkat daerah tertentu', audience)).message!;
    expect(picker.text).toContain('Pilih perangkat daerah (terpilih: 0');
    expect((await ana.pressData(picker, 'b:agok'))).toContain('Pilih setidaknya satu perangkat daerah');
    let page = picker;
    while (!page.reply_markup!.inline_keyboard.flat().some((b) => b.text.startsWith('Dinkes'))) page = (await ana.press(/Berikutnya/, page)).message!;
    const picked = (await ana.press(/^Dinkes/, page)).message!;
    expect(picked.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toContain('✅ Dinkes (4)');
    const { message: closed, replies } = await ana.press(/Selesai \(1 terpilih\)/, picked);
    // The preview follows the closed picker: it is below it.
    expect(closed?.text).toBe('Pratinjau siaran ada di bawah.');
    expect(replies.at(-1)!.message_id).toBeGreaterThan(closed!.message_id);
    expect(replies.at(-1)?.text).toContain('Penerima: 4 (anggota Dinkes)');
    const done = await ana.press('✅ Kirim', replies.at(-1));
    // Blocked (403) and unknown (400 chat not found) are told apart; a member known to be unreachable is not asked.
    expect(done.message!.text).toBe('✅ Siaran #1 selesai (4 penerima)\nTerkirim: 2\nGagal: 2 (memblokir bot: 1, tidak ditemukan: 1, lainnya: 0)\nDilewati: 0');
    const text = 'Pelatihan penyusunan proposal KIPP untuk Dinas Kesehatan.';
    expect(received(h, dinkes[2]!, text)).toBe(1);
    expect(received(h, dinkes[3]!, text)).toBe(1);
    expect(received(h, dinkes[1]!, text)).toBe(0);
    const [blocked] = await h.db.select().from(members).where(eq(members.telegramId, dinkes[0]!.id));
    expect(blocked?.reachable).toBe(false);
    for (const u of others) expect(received(h, u, text)).toBe(0);
  });

  it('reaches 200 recipients exactly once under injected 429s, never exceeding the limits', async () => {
    const { ana } = await setupForum(h);
    const crowd = await addMembers(h, 199);
    // Below Telegram's 30/s with a margin, as in production.
    await realPace(h, 20);
    const text = 'Undangan: Sesi Warkop Indah #5 membahas proposal KIPP 2027.';
    const confirm = await compose(ana, text, /Semua anggota aktif \(200\)/);
    expect(confirm.text).toContain('Penerima: 200 (semua anggota aktif)');
    injectFault(h.api, { method: 'sendMessage', times: 8, fault: { kind: '429', retryAfter: 1 } });
    const callsBefore = h.api.calls.length;
    enforce(h);
    // The limits are counted where requests leave the bot's sender: the fake API runs in this
    // process and stamps arrivals, which bunch when a loaded machine stalls its event loop.
    const departures = h.recordDepartures();
    const pressedAt = performance.now();
    const done = await ana.press('✅ Kirim', confirm);
    const sendingMs = performance.now() - pressedAt;

    for (const user of crowd) expect(received(h, user, text)).toBe(1);
    expect(received(h, ana, text)).toBe(2); // the preview, then the broadcast
    expect(limitsExceeded(departures, TELEGRAM_LIMITS)).toEqual([]);
    const calls = h.api.calls.slice(callsBefore);
    // The injected 429s, each answered; any others are arrivals bunched on the way (counted by the
    // fake API as violations), waited out and retried like the injected ones.
    expect(calls.filter((c) => c.status === 429).length - h.api.limitViolations).toBe(8);
    expect(done.message?.text).toContain('Siaran #1 selesai (200 penerima)\nTerkirim: 200\nGagal: 0');
    expect(await deliveryCounts(h)).toEqual({ delivered: 200 });
    // The progress message was edited at most every 3 s (BROADCAST_PROGRESS_SECONDS; the final
    // report aside). The job decides that when it claims the edit; the request leaves a few queries
    // later, which a loaded machine stretches by hundreds of ms, so the gaps between departures
    // (or arrivals) are no measure. Every claim falls within the press, though: at most one per 3 s of it.
    const progress = departures.filter((d) => d.method === 'editMessageText' && Number(d.chatId) === ana.id && String(d.payload.text).includes('sedang dikirim'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(Math.floor(sendingMs / 3000) + 1);
  });

  it('resumes after a restart without sending anyone the message twice', async () => {
    const { ana } = await setupForum(h);
    const crowd = await addMembers(h, 59);
    await realPace(h, 10);
    const text = 'Pengumuman: batas unggah proposal KIPP diperpanjang.';
    const confirm = await compose(ana, text, /Semua anggota aktif \(60\)/);
    enforce(h);
    const departures = h.recordDepartures(); // across the restart below
    h.api.pressButton(ana.user, confirm, confirm.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
    await h.api.waitFor(() => crowd.filter((u) => received(h, u, text) > 0).length >= 15, { timeoutMs: 120_000 });
    // The bot is stopped mid-way (it finishes the batch in hand) …
    await h.app.stop('restart');
    const stopped = await deliveryCounts(h);
    expect(stopped.delivered).toBeGreaterThanOrEqual(15);
    expect(stopped.pending).toBeGreaterThan(10);
    // … while down, another instance crashed holding three deliveries (its lease still runs), and
    // someone turned out to have blocked the bot (known from a 403 elsewhere).
    await h.db.execute(
      sql`update outbox set claimed_by = 'crashed', claimed_until = ${new Date(h.clock.now().getTime() + 60_000).toISOString()}::timestamptz where id in (select id from outbox where kind = 'broadcast.deliver' and status = 'pending' order by id desc limit 3)`,
    );
    const [waiting] = await h.db
      .select()
      .from(broadcastDeliveries)
      .where(
        sql`status = 'pending' and member_id is not null and id in (select (payload->>'deliveryId')::int from outbox where kind = 'broadcast.deliver' and status = 'pending' and claimed_by is null)`,
      )
      .limit(1);
    await h.db.update(members).set({ reachable: false }).where(eq(members.id, waiting!.memberId!));
    await h.startBot();
    await h.runJobs();
    expect(await deliveryCounts(h)).toEqual({ delivered: 56, skipped: 1, pending: 3 });
    // The crashed instance's lease runs out and the rest is taken over.
    h.clock.advance(121_000);
    await h.runJobs();
    const skipped = crowd.find((u) => u.id === waiting!.chatId)!;
    for (const user of crowd) expect(received(h, user, text)).toBe(user === skipped ? 0 : 1);
    expect(received(h, ana, text)).toBe(2);
    expect(await deliveryCounts(h)).toEqual({ delivered: 59, skipped: 1 });
    expect(limitsExceeded(departures, TELEGRAM_LIMITS)).toEqual([]);
    expect(h.api.message(ana.id, confirm.message_id)?.text).toContain('Siaran #1 selesai (60 penerima)\nTerkirim: 59\nGagal: 0 (memblokir bot: 0, tidak ditemukan: 0, lainnya: 0)\nDilewati: 1');
  });

  it('stops a broadcast in progress with /siaran_batal', async () => {
    const { ana } = await setupForum(h);
    const crowd = await addMembers(h, 39);
    await realPace(h, 5);
    const text = 'Siaran uji yang dihentikan.';
    const confirm = await compose(ana, text, /Semua anggota aktif \(40\)/);
    expect((await ana.ask('/siaran_batal')).text).toContain('Tidak ada siaran yang sedang berjalan');
    enforce(h);
    h.api.pressButton(ana.user, confirm, confirm.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
    await h.api.waitFor(() => crowd.filter((u) => received(h, u, text) > 0).length >= 3, { timeoutMs: 120_000 });
    h.api.sendText(ana.user, ana.privateChat, '/siaran_batal');
    await h.api.waitForBotMessage(ana.id, { match: 'Siaran #1 dihentikan. Laporan akhirnya menyusul', timeoutMs: 120_000 });
    await h.settle(30_000);
    const counts = await deliveryCounts(h);
    expect(counts.pending).toBeUndefined();
    expect(counts.cancelled).toBeGreaterThan(10);
    const reached = crowd.filter((u) => received(h, u, text) > 0).length + (received(h, ana, text) - 1);
    expect(reached).toBe(counts.delivered);
    expect(h.api.message(ana.id, confirm.message_id)?.text).toContain(`Siaran #1 dihentikan (40 penerima)\nTerkirim: ${counts.delivered}`);
    expect((await ana.ask('/siaran_batal 1')).text).toContain('sudah selesai atau sudah dihentikan');
    expect((await ana.ask('/siaran_batal 9')).text).toContain('Siaran #9 tidak ditemukan');
  });
});

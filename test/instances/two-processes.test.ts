import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotApiDouble, FakeChat, FakeUser, StoredMessage, Update } from '../../src/dev/telegram-double/index.js';
import { SENDING_METHODS } from '../../src/telegram/sender/limits.js';
import { logLines, until } from '../helpers/bot-process.js';
import { Cluster, WEBHOOK_SECRET, type ClusterBot } from '../helpers/cluster.js';
import { injectFault } from '../helpers/faults.js';

/**
 * Two real bot processes in webhook mode behind a load balancer that hands each update to the
 * next process in turn, on one PostgreSQL and one fake Bot API that enforces Telegram's limits.
 * Every conversation step therefore alternates between the processes; the jobs of both run
 * side by side. Everything users should get, they get exactly once, and the sends of both
 * processes together stay within the limits.
 */

const COORDINATOR_ID = 900_001;
// Telegram's per-chat and per-group limits, enforced exactly by the fake API. The global one is
// scaled down to 5/s so that this test's traffic can reach it.
const ENFORCED = { globalPerSec: 5, perChatPerSec: 1, perGroupPerMin: 20, editsPerGroupPerMin: 20 };
const CROWD = 16;
const BROADCAST = 'Siaran: Sesi Warkop Indah pekan ini membahas proposal KIPP 2027. Mohon hadir tepat waktu.';

const enabled = Boolean(process.env.TEST_DATABASE_URL);

const callbackId = (update: Update) => (update as { callback_query?: { id: string } }).callback_query?.id;

describe.skipIf(!enabled)('two bot processes on one PostgreSQL behind a round-robin proxy', () => {
  let cluster: Cluster;
  let api: BotApiDouble;

  beforeAll(async () => {
    cluster = await Cluster.create({
      ADMIN_TELEGRAM_IDS: String(COORDINATOR_ID),
      // Each process is configured below what the fake API enforces, as in production: the API
      // counts arrivals, and a busy machine (npm test runs files side by side) bunches requests on
      // the way. Two processes each keeping 3/s on its own would still exceed 5/s together.
      SEND_GLOBAL_PER_SEC: '3',
      SEND_PRIVATE_PER_SEC: '0.7',
      SEND_GROUP_PER_MIN: '19',
      EDIT_GROUP_PER_MIN: '19',
      SCHEDULER_TICK_SECONDS: '1',
      REMINDER_OFFSETS: '1m',
      RSVP_EDIT_INTERVAL_SECONDS: '2',
      BROADCAST_PROGRESS_SECONDS: '2',
      SHUTDOWN_GRACE_MS: '5000',
    });
    api = cluster.api;
    api.enforceLimits(ENFORCED);
    // Started together: the migrations run once, under the advisory lock.
    await cluster.start(2);
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
  });

  const handled = (update: Update) => cluster.handled(update);

  /** A user's action, then its handling; returns the bot's new messages in that chat. */
  async function say(user: FakeUser, text: string, chat: FakeChat = api.privateChat(user), threadId?: number): Promise<StoredMessage[]> {
    const before = api.botMessages(chat.id, threadId).length;
    await handled(api.sendText(user, chat, text, threadId !== undefined ? { threadId } : undefined));
    return api.botMessages(chat.id, threadId).slice(before);
  }

  async function press(user: FakeUser, message: StoredMessage, label: string | RegExp): Promise<{ answer?: string; replies: StoredMessage[] }> {
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button?.callback_data) throw new Error(`no button ${String(label)} on ${JSON.stringify(message.text)}`);
    const answers = api.callbackAnswers.length;
    const before = api.botMessages(message.chat_id).length;
    await handled(api.pressButton(user, message, button.callback_data));
    return { answer: api.callbackAnswers.slice(answers).at(-1)?.text, replies: api.botMessages(message.chat_id).slice(before) };
  }

  async function register(user: FakeUser, fullName: string, agency: string): Promise<void> {
    expect((await say(user, '/start'))[0]?.text).toContain(`Selamat datang di Warkop Indah, ${user.first_name}!`);
    expect((await say(user, '/daftar'))[0]?.text).toContain('nama lengkap');
    expect((await say(user, fullName))[0]?.text).toContain('Pilih perangkat daerah');
    const [matches] = await say(user, agency);
    const pick = matches?.reply_markup?.inline_keyboard.flat().find((b) => b.text.length > 0);
    if (!matches || !pick) throw new Error(`no agency list for ${agency}`);
    await press(user, matches, pick.text);
    expect(api.message(user.id, matches.message_id)?.text).toContain(`Terima kasih, ${fullName}. Anda terdaftar`);
  }

  function texts(chatId: number, threadId?: number): string[] {
    return api.botMessages(chatId, threadId).map((m) => m.text ?? m.document?.file_name ?? '');
  }

  function count(chatId: number, match: string | RegExp, threadId?: number): number {
    return texts(chatId, threadId).filter((t) => (typeof match === 'string' ? t.includes(match) : match.test(t))).length;
  }

  it(
    'registration, pitches, a session with RSVPs, a broadcast and reminders all come out exactly once, within the limits',
    async () => {
      const started = Date.now();
      const ana = api.createUser({ first_name: 'Ana', id: COORDINATOR_ID, username: 'ana', language_code: 'id' });
      const people = ['Budi', 'Citra', 'Dedi', 'Eka'].map((name) => api.createUser({ first_name: name, language_code: 'id' }));
      const [budi, citra, dedi, eka] = people as [FakeUser, FakeUser, FakeUser, FakeUser];

      // The coordinator registers (four steps, each handled by the other process than the step
      // before), links a group for sessions and makes a forum the ideas forum.
      await register(ana, 'Ana Lestari', 'Bappelitbangda');
      const group = api.createGroup({ title: 'Warkop Indah', type: 'supergroup' });
      const forum = api.createGroup({ title: 'Forum Ide Luwu Utara', isForum: true });
      await handled(api.addBotToGroup(group, ana));
      await handled(api.addBotToGroup(forum, ana));
      expect((await say(ana, '/hubungkan', group)).at(-1)?.text).toContain('terhubung');
      expect((await say(ana, '/forum_ide', forum))[0]?.text).toContain('forum ide');

      // A session (one-line form) far enough ahead that however slowly the machine runs, its
      // one-minute reminder is planned when everyone below answers; the test makes it due later.
      const startsAt = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
      const wita = new Date(startsAt.getTime() + 8 * 3600_000).toISOString();
      const when = `${wita.slice(0, 10)} ${wita.slice(11, 16)}`;
      const created = await say(ana, `/sesi_baru ${when} | Aula Bappelitbangda | Bedah proposal KIPP`);
      expect(created.at(-1)?.text).toContain('Sesi #1 dijadwalkan');
      const post = await api.waitForBotMessage(group.id, { match: '📣 Sesi Warkop Indah #1\n', timeoutMs: 120_000 });

      // Four people register side by side; a crowd that only started the bot is registered
      // directly, so the broadcast has some volume.
      const crowd = Array.from({ length: CROWD }, (_, i) => api.createUser({ first_name: `Peserta${i + 1}`, language_code: 'id' }));
      await Promise.all([
        register(budi, 'Budi Santoso', 'Dinkes'),
        register(citra, 'Citra Dewi', 'Disdukcapil'),
        register(dedi, 'Dedi Kurniawan', 'Dinas Pertanian'),
        register(eka, 'Eka Putri', 'Dinas Sosial'),
        ...crowd.map((u) => say(u, '/start')),
      ]);
      await cluster.sql`update members set full_name = first_name || ' Dinkes', registered_at = now(),
                  agency_id = (select id from agencies where short_name = 'Dinkes')
                where telegram_id in ${cluster.sql(crowd.map((u) => u.id))}`;

      // RSVPs in the group; Budi's double tap goes to both processes at once.
      const budiTaps = [api.pressButton(budi, post, post.reply_markup!.inline_keyboard[0]![0]!.callback_data!), api.pressButton(budi, post, post.reply_markup!.inline_keyboard[0]![0]!.callback_data!)];
      await Promise.all(budiTaps.map(handled));
      expect((await press(citra, post, '✅ Hadir')).answer).toBe('Jawaban Anda untuk sesi #1: Hadir.');
      expect((await press(dedi, post, '🤔 Mungkin')).answer).toBe('Jawaban Anda untuk sesi #1: Mungkin.');
      expect((await press(eka, post, '❌ Tidak')).answer).toBe('Jawaban Anda untuk sesi #1: Tidak hadir.');
      // The reminders were planned: one per member who said yes or maybe, and one for the groups.
      const planned = await cluster.sql<{ kind: string; n: number }[]>`select kind, count(*)::int as n from outbox
        where kind in ('session.reminder', 'session.group_reminder') and status = 'pending' group by kind order by kind`;
      expect(planned).toEqual([{ kind: 'session.group_reminder', n: 1 }, { kind: 'session.reminder', n: 3 }]);
      const tapIds = new Set(budiTaps.map(callbackId));
      const budiAnswers = api.callbackAnswers.filter((a) => tapIds.has(a.callback_query_id)).map((a) => a.text);
      expect(budiAnswers.sort()).toEqual(['Jawaban Anda tetap: Hadir.', 'Jawaban Anda untuk sesi #1: Hadir.']);

      // One-line pitches from four people at once: a card each, and a topic each in the forum.
      const pitches: Array<[FakeUser, string, string]> = [
        [budi, 'Rompi KPK', 'kelas pencegahan korupsi bulanan untuk pegawai'],
        [citra, 'Peta Baper', 'pemetaan desa berbasis partisipasi warga'],
        [dedi, 'Getar Dilan', 'gerakan tanam sayur di lahan pekarangan'],
        [eka, 'ANC Hipnoterapi', 'pendampingan ibu hamil dengan hipnoterapi'],
      ];
      const cards = await Promise.all(pitches.map(([user, name, text]) => say(user, `/usul ${name} — ${text}`)));
      for (const [i, replies] of cards.entries()) expect(replies.map((m) => m.text).join('\n')).toContain(pitches[i]![1]);

      // A broadcast to every active member, written in a dialog (each step on the other process).
      await say(ana, '/siaran');
      const [audience] = await say(ana, BROADCAST);
      const { replies } = await press(ana, audience!, /Semua anggota aktif \(21\)/);
      const confirm = replies.at(-1)!;
      expect(confirm.text).toContain('Penerima: 21 (semua anggota aktif)');
      // A double tap on Send: the two presses reach different processes at once, while Telegram
      // is slow to take the callback answers (each handler is still running when the other starts).
      injectFault(api, { method: 'answerCallbackQuery', times: 2, fault: { kind: 'slow', delayMs: 400 } });
      const send = confirm.reply_markup!.inline_keyboard[0]![0]!;
      expect(send.text).toBe('✅ Kirim');
      const sendTaps = [api.pressButton(ana, confirm, send.callback_data!), api.pressButton(ana, confirm, send.callback_data!)];
      await Promise.all(sendTaps.map(handled));
      const sendAnswers = sendTaps.map((u) => api.callbackAnswers.find((a) => a.callback_query_id === callbackId(u)));
      expect(sendAnswers[0]?.text).toBeUndefined();
      expect(sendAnswers[1]?.text).toContain('sudah tidak berlaku');
      await api.waitFor(() => api.message(ana.id, confirm.message_id)?.text?.includes('Siaran #1 selesai (21 penerima)'), { timeoutMs: 120_000, description: 'the broadcast report' });

      // The reminders fall due (the clock of the planned rows moved to now, rather than the test
      // racing the wall clock); both processes' schedulers look for them every second.
      // Milliseconds, as the bot writes times (a later due_at supersedes a reminder).
      await cluster.sql`update outbox set due_at = date_trunc('milliseconds', now()) where kind in ('session.reminder', 'session.group_reminder') and status = 'pending'`;
      await api.waitFor(() => count(group.id, 'Pengingat sesi Warkop Indah #1') > 0 && [budi, citra, dedi].every((u) => count(u.id, 'Pengingat sesi #1') > 0), {
        timeoutMs: 120_000,
        description: 'the reminders',
      });
      const topicsMade = () => api.calls.filter((c) => c.method === 'createForumTopic' && c.status === 200).length;
      await api.waitFor(() => topicsMade() >= 4, { timeoutMs: 120_000, description: 'the idea topics' });
      // Two more ticks of both processes: nothing may come twice.
      await Promise.all(cluster.bots.map((b) => cluster.ticked(b, 2)));

      // --- exactly once --------------------------------------------------------------------
      for (const user of [ana, ...people]) expect(count(user.id, 'Selamat datang di Warkop Indah')).toBe(1);
      for (const user of [ana, ...people]) expect(count(user.id, 'Anda terdaftar sebagai anggota')).toBe(1);
      for (const [user, name] of pitches) expect(count(user.id, new RegExp(`^💡 #\\d+ ${name}\n`)), name).toBe(1);
      for (const user of [...people, ...crowd]) expect(count(user.id, BROADCAST)).toBe(1);
      expect(count(ana.id, BROADCAST)).toBe(2); // the preview, then the broadcast
      for (const user of [budi, citra, dedi]) expect(count(user.id, 'Pengingat sesi #1')).toBe(1);
      for (const user of [ana, eka, ...crowd]) expect(count(user.id, 'Pengingat sesi #1')).toBe(0);
      expect(count(group.id, '📣 Sesi Warkop Indah #1\n')).toBe(1);
      expect(count(group.id, 'warkop-indah-sesi-1.ics')).toBe(1);
      expect(count(group.id, 'Pengingat sesi Warkop Indah #1')).toBe(1);
      // One topic per idea, each opened with its card once.
      expect(topicsMade()).toBe(4);
      const topics = api.topics(forum.id).map((t) => t.name).sort();
      expect(topics).toEqual(['#1', '#2', '#3', '#4'].map((n, i) => topics.find((t) => t.startsWith(`${n} `)) ?? `${n} missing ${i}`));
      for (const topic of api.topics(forum.id)) expect(count(forum.id, '💡', topic.message_thread_id)).toBe(1);

      // No chat got the same text twice (beyond the broadcast preview above).
      for (const chat of [...[ana, ...people, ...crowd].map((u) => u.id), group.id, forum.id]) {
        const seen = new Map<string, number>();
        for (const t of texts(chat)) seen.set(t, (seen.get(t) ?? 0) + 1);
        // The broadcast (under its header) comes twice to Ana: the preview, then the broadcast.
        const twice = [...seen].filter(([t, n]) => n > 1 && !t.endsWith(BROADCAST));
        expect(twice, `chat ${chat}`).toEqual([]);
      }

      // The database agrees: one row per thing, Budi's double tap counted once.
      const [registered] = await cluster.sql<{ n: number }[]>`select count(*)::int as n from members where registered_at is not null`;
      expect(registered?.n).toBe(5 + CROWD);
      expect((await cluster.sql`select name from ideas order by id`).map((r) => r.name).sort()).toEqual(pitches.map((p) => p[1]).sort());
      const rsvps = await cluster.sql<{ telegram_id: string; answer: string }[]>`select m.telegram_id::text, r.answer from session_rsvps r join members m on m.id = r.member_id order by m.telegram_id`;
      expect(Object.fromEntries(rsvps.map((r) => [Number(r.telegram_id), r.answer]))).toEqual({ [budi.id]: 'yes', [citra.id]: 'yes', [dedi.id]: 'maybe', [eka.id]: 'no' });
      const deliveries = await cluster.sql<{ status: string; n: number }[]>`select status, count(*)::int as n from broadcast_deliveries group by status`;
      expect(deliveries).toEqual([{ status: 'delivered', n: 21 }]);
      const [journal] = await cluster.sql<{ unhandled: number }[]>`select count(*)::int as unhandled from telegram_updates where handled_at is null`;
      expect(journal?.unhandled).toBe(0);

      // --- both processes took part, and together stayed within the limits ------------------
      expect(cluster.proxy.counts[0]).toBeGreaterThan(20);
      expect(Math.abs(cluster.proxy.counts[0]! - cluster.proxy.counts[1]!)).toBeLessThanOrEqual(1);
      expect(api.limitViolations).toBe(0);
      expect(api.calls.filter((c) => c.status === 429)).toEqual([]);
      const sends = api.calls.filter((c) => SENDING_METHODS.has(c.method) && c.status === 200);
      const peak = (list: typeof sends, windowMs: number) => {
        let max = 0;
        for (let i = 0, j = 0; i < list.length; i++) {
          while (list[i]!.at - list[j]!.at >= windowMs) j++;
          max = Math.max(max, i - j + 1);
        }
        return max;
      };
      expect(peak(sends, 1000)).toBeLessThanOrEqual(ENFORCED.globalPerSec);
      const byChat = new Map<number, typeof sends>();
      for (const c of sends) byChat.set(Number(c.payload.chat_id), [...(byChat.get(Number(c.payload.chat_id)) ?? []), c]);
      for (const [chatId, list] of byChat) {
        expect(peak(list, 1000), `chat ${chatId}`).toBeLessThanOrEqual(1);
        if (chatId < 0) expect(peak(list, 60_000), `group ${chatId}`).toBeLessThanOrEqual(20);
      }
      console.info(
        `two instances: ${cluster.proxy.counts.join(' + ')} updates, ${sends.length} sends, peak ${peak(sends, 1000)}/s overall, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );

      // --- a rolling restart under traffic ---------------------------------------------------
      // A new instance joins; the first one gets SIGTERM while updates keep coming, and the proxy
      // keeps sending it some (as a proxy does until it notices): nobody's /start is lost or doubled.
      const [first] = cluster.bots as [ClusterBot];
      await cluster.start(1);
      const late = Array.from({ length: 8 }, (_, i) => api.createUser({ first_name: `Baru${i + 1}`, language_code: 'id' }));
      const lateUpdates: Update[] = [];
      for (const [i, user] of late.entries()) {
        lateUpdates.push(api.sendText(user, api.privateChat(user), '/start'));
        if (i !== 2) continue;
        // The rest arrive while it shuts down (it has said so), not at some guessed moment.
        first.process.child.kill('SIGTERM');
        await until(() => logLines(first.process.output()).some((l) => l.msg === 'shutting down'), 'the first instance to begin its shutdown');
      }
      expect(await first.process.exited).toBe(0);
      cluster.remove(first);
      await Promise.all(lateUpdates.map(handled));
      for (const user of late) expect(count(user.id, 'Selamat datang di Warkop Indah')).toBe(1);
      expect(api.limitViolations).toBe(0);

      for (const bot of cluster.bots) {
        cluster.remove(bot);
        expect(await bot.process.stop('SIGTERM')).toBe(0);
        expect(bot.process.output()).not.toContain(api.token);
        expect(bot.process.output()).not.toContain(WEBHOOK_SECRET);
      }
    },
    300_000,
  );
});

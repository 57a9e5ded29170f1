import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble, type FakeUser } from '../../src/dev/telegram-double/index.js';
import { BotProcess, baseEnv, prepareDatabase, processDatabase, slowFaults, type ProcessDatabase } from '../helpers/fault-process.js';
import { capital, createUsers, seedDueReminders, seedMembers, startedEarlier, wordMaker } from '../helpers/fault-data.js';
import { injectFault } from '../helpers/faults.js';

/**
 * The Bot API answers 502 to everything for 30 s while the bot has replies, reminders and a
 * broadcast to send and users keep writing. Polling and sending back off, and when Telegram is back
 * everything comes through: the replies to updates taken before the outage (their handlers failed:
 * the updates run again), the updates sent during it (fetched afterwards), every reminder and every
 * broadcast recipient. Nothing is marked failed, and no pitch is saved twice.
 */
const OUTAGE_MS = 30_000;
const COORDINATOR = 990_001;
const MEMBERS = 60;
const BROADCAST = 'Siaran: forum inovasi pekan depan dimajukan ke hari Senin.';

describe.skipIf(!slowFaults)('Telegram Bot API outage', () => {
  let api: BotApiDouble;
  let target: ProcessDatabase;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    api = await BotApiDouble.start();
    target = await processDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.crash();
    await api.close();
    await target.dispose();
  });

  it('loses nothing queued: replies, reminders and a broadcast all arrive once Telegram answers again', { timeout: 240_000 }, async () => {
    const word = wordMaker(3);
    const ana = api.createUser({ first_name: 'Ana', id: COORDINATOR, language_code: 'id' });
    const people = createUsers(api, MEMBERS, 'Peserta');
    await startedEarlier(api, people);
    await prepareDatabase(target);
    await target.use(async (database) => {
      const ids = await seedMembers(database, [ana, ...people]);
      // Reminders fall due while Telegram is away.
      await seedDueReminders(database, ids.get(ana.id)!, new Map(people.map((p) => [p.id, ids.get(p.id)!])), 'Bedah proposal KIPP', new Date(Date.now() + 15_000));
    });
    const bot = new BotProcess(baseEnv(api, target, { ADMIN_TELEGRAM_IDS: String(COORDINATOR), SEND_GLOBAL_PER_SEC: '20', SEND_PRIVATE_PER_SEC: '1' }));
    bots.push(bot);
    await bot.started();

    // A broadcast under way …
    const chat = api.privateChat(ana);
    api.sendText(ana, chat, `/siaran ${BROADCAST}`);
    const question = await api.waitForBotMessage(ana.id, { match: 'Kirim ke siapa?', timeoutMs: 120_000 });
    const before = api.botMessages(ana.id).length;
    api.pressButton(ana, question, question.reply_markup!.inline_keyboard.flat().find((b) => /Semua anggota aktif/.test(b.text))!.callback_data!);
    const confirm = await api.waitForBotMessage(ana.id, { match: 'Kirim sekarang?', after: before, timeoutMs: 120_000 });
    api.pressButton(ana, confirm, 'b:send');
    await api.waitFor(() => people.some((p) => received(api, p, BROADCAST) > 0), { timeoutMs: 120_000, description: 'the broadcast started' });

    // … and pitches the bot has taken in but not answered yet (one chat answers at 1 message/s).
    const pitchers = people.slice(0, 10);
    const pitches = new Map<number, string[]>();
    for (const p of pitchers) {
      const names = Array.from({ length: 4 }, () => `${capital(word())} ${capital(word())}`);
      pitches.set(p.id, names);
      for (const name of names) api.sendText(p, api.privateChat(p), `/usul ${name} — ${word()} ${word()} ${word()} ${word()}`);
    }
    await api.waitFor(() => api.pendingUpdates() === 0, { timeoutMs: 120_000, description: 'the pitches fetched' });

    const removeFault = injectFault(api, { fault: { kind: '5xx', status: 502 } });
    const outageStart = api.calls.length;
    // Users keep writing during the outage: these wait at Telegram until polling gets through.
    const latecomers = people.slice(10, 30);
    for (const p of latecomers) api.sendText(p, api.privateChat(p), '/bantuan');
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    removeFault();
    const backAt = Date.now();
    const during = api.calls.slice(outageStart);
    const polls = during.filter((c) => c.method === 'getUpdates').length;
    const sends = during.filter((c) => c.method === 'sendMessage').length;

    await api.waitFor(
      () =>
        people.every((p) => received(api, p, BROADCAST) > 0 && received(api, p, 'Pengingat sesi #1') > 0) &&
        pitchers.every((p) => pitches.get(p.id)!.every((name) => received(api, p, name) > 0)) &&
        latecomers.every((p) => received(api, p, 'Perintah') > 0) &&
        api.botMessages(ana.id).some((m) => m.text?.includes('selesai')),
      { timeoutMs: 150_000, description: 'everything delivered after the outage' },
    );
    const caughtUp = Date.now() - backAt;
    expect(await bot.stop()).toBe(0);
    console.info(
      `[api-outage ${target.engine}] ${OUTAGE_MS / 1000} s of 502: ${polls} getUpdates and ${sends} sendMessage attempts during it; ` +
        `${bot.logged('the update will run again').length} update re-runs scheduled; everything delivered ${(caughtUp / 1000).toFixed(1)} s after Telegram came back`,
    );
    // Backing off, not hammering: a handful of polls in 30 s (a hot loop would make thousands).
    expect(polls).toBeGreaterThan(2);
    expect(polls).toBeLessThan(30);

    await target.use(async (database) => {
      const deliveries = await database.query<{ status: string; n: number }>('select status, count(*)::int as n from broadcast_deliveries group by status');
      expect(deliveries).toEqual([{ status: 'delivered', n: MEMBERS + 1 }]);
      const reminders = await database.query<{ status: string; n: number }>("select status, count(*)::int as n from outbox where kind = 'session.reminder' group by status");
      expect(reminders).toEqual([{ status: 'sent', n: MEMBERS }]);
      const ideas = await database.query<{ name: string; n: number }>('select name, count(*)::int as n from ideas group by name');
      expect(ideas.filter((i) => i.n !== 1)).toEqual([]);
      expect(ideas).toHaveLength(40);
      const [journal] = await database.query<{ unfinished: number }>('select count(*) filter (where handled_at is null)::int as unfinished from telegram_updates');
      expect(journal!.unfinished).toBe(0);
    });
  });
});

function received(api: BotApiDouble, user: FakeUser, needle: string): number {
  return api.botMessages(user.id).filter((m) => m.text?.includes(needle)).length;
}

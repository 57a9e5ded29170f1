import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble, type FakeUser, type StoredMessage } from '../../src/dev/telegram-double/index.js';
import { BotProcess, baseEnv, prepareDatabase, processDatabaseAt, slowFaults } from '../helpers/fault-process.js';
import { capital, createUsers, seedIdeas, seedMembers, wordMaker } from '../helpers/fault-data.js';
import { PrivatePostgres } from '../helpers/private-postgres.js';

/**
 * PostgreSQL stops for 10 s while updates keep arriving, then starts again. The bot process stays
 * up, tells everyone writing meanwhile to try again shortly, and works again afterwards without a
 * restart; nothing is half-done (a pitch is either saved with its history and answered with its
 * card, or not saved and answered "try again"; counters match their rows). The server is a private
 * cluster of this test's own: the machine's shared PostgreSQL is never stopped.
 */
const OUTAGE_MS = 10_000;
const BUSY = 'basis data tidak dapat dijangkau';

const cluster = slowFaults ? await PrivatePostgres.create() : 'slow fault tests run with FAULTS=1 (npm run test:faults)';
if (typeof cluster === 'string') console.info(`[db-outage] skipped: ${cluster}`);

describe.skipIf(typeof cluster === 'string')('PostgreSQL outage', () => {
  const pg = cluster as PrivatePostgres;
  let api: BotApiDouble;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    api = await BotApiDouble.start();
    await pg.start();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.crash();
    await api.close();
    await pg.dispose();
  });

  it('answers "try again shortly" while it is down and works again afterwards, with nothing half-done', { timeout: 180_000 }, async () => {
    const word = wordMaker(5);
    const owner = api.createUser({ first_name: 'Pemilik', language_code: 'id' });
    const people = createUsers(api, 30, 'Anggota');
    const burst = createUsers(api, 15, 'Kilat');
    const target = processDatabaseAt(pg.url);
    await prepareDatabase(target);
    await target.use(async (database) => {
      const ids = await seedMembers(database, [owner, ...people, ...burst]);
      await seedIdeas(database, ids.get(owner.id)!, ['Getar Dilan']);
    });
    const bot = new BotProcess(baseEnv(api, target, { SCHEDULER_TICK_SECONDS: '2' }));
    bots.push(bot);
    await bot.started();
    const pid = bot.pid;

    // Cards to press 👍 on, opened while all is well.
    const supporters = people.slice(20, 30);
    const cards = new Map<number, StoredMessage>();
    for (const s of supporters) {
      api.sendText(s, api.privateChat(s), '/ide 1');
      cards.set(s.id, await api.waitForBotMessage(s.id, { match: 'Getar Dilan', timeoutMs: 120_000 }));
    }

    // A burst of pitches in flight as the server goes down: each either saved (and, once the database
    // is back, answered with its card) or not saved and answered "try again" — never both, never neither.
    const burstNames = new Map(burst.map((p) => [p.id, `${capital(word())} ${capital(word())}`]));
    for (const p of burst) api.sendText(p, api.privateChat(p), `/usul ${burstNames.get(p.id)!} — ${word()} ${word()} ${word()} ${word()}`);
    await api.waitFor(() => api.pendingUpdates() === 0 && burst.some((p) => api.botMessages(p.id).length > 0), { timeoutMs: 120_000, description: 'the burst under way' });

    // Down for 10 s, with people writing all along: pitches, comments, /start, 👍.
    await pg.stop();
    const stoppedAt = Date.now();
    const outagePitches = new Map<number, string>();
    const presses: string[] = [];
    let k = 0;
    while (Date.now() - stoppedAt < OUTAGE_MS - 1_000 && k < 20) {
      const p = people[k]!;
      if (k % 4 === 0) {
        const name = `${capital(word())} ${capital(word())}`;
        outagePitches.set(p.id, name);
        api.sendText(p, api.privateChat(p), `/usul ${name} — ${word()} ${word()} ${word()} ${word()}`);
      } else if (k % 4 === 1) {
        api.sendText(p, api.privateChat(p), `/komentar 1 Catatan ${word()} ${word()}`);
      } else if (k % 4 === 2) {
        api.sendText(p, api.privateChat(p), '/start');
      } else {
        const s = supporters[k % supporters.length]!;
        presses.push((api.pressButton(s, cards.get(s.id)!, 'idea:sup:1') as unknown as { callback_query: { id: string } }).callback_query.id);
      }
      k++;
      await new Promise((r) => setTimeout(r, 400));
    }
    const writers = people.slice(0, k).filter((_, i) => i % 4 !== 3);
    // Everyone heard back while the database was still down.
    await api.waitFor(() => writers.every((p) => api.botMessages(p.id).length > 0) && presses.every((id) => api.callbackAnswers.some((a) => a.callback_query_id === id)), {
      timeoutMs: 120_000,
      description: 'an answer to every update sent during the outage',
    });
    expect(Date.now() - stoppedAt).toBeLessThan(OUTAGE_MS + 5_000);
    for (const p of writers) expect(api.botMessages(p.id).map((m) => m.text)).toEqual([expect.stringContaining(BUSY)]);
    for (const id of presses) expect(api.callbackAnswers.find((a) => a.callback_query_id === id)?.text).toContain(BUSY);

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    await pg.start();

    // The same process, working again: the same people try again.
    expect(bot.alive).toBe(true);
    expect(bot.pid).toBe(pid);
    const retried = [...outagePitches.entries()];
    for (const [id, name] of retried) api.sendText(user(people, id), api.privateChat(user(people, id)), `/usul ${name} — ${word()} ${word()} ${word()} ${word()}`);
    for (const s of supporters.slice(0, 3)) api.pressButton(s, cards.get(s.id)!, 'idea:sup:1');
    await api.waitFor(() => retried.every(([id, name]) => api.botMessages(id).some((m) => m.text?.includes(name) && !m.text.includes(BUSY))), {
      timeoutMs: 120_000,
      description: 'the retried pitches answered with their cards',
    });
    await api.waitFor(() => api.callbackAnswers.filter((a) => a.text?.includes('dukungan Anda tercatat')).length === 3, { timeoutMs: 120_000, description: 'the 👍 after the outage' });
    await api.waitFor(() => burst.every((p) => api.botMessages(p.id).length > 0), { timeoutMs: 120_000, description: 'an answer to every pitch of the burst' });
    expect(await bot.stop()).toBe(0);
    const burstSaved = burst.filter((p) => api.botMessages(p.id).some((m) => m.text?.includes(burstNames.get(p.id)!)));
    for (const p of burst) {
      const texts = api.botMessages(p.id).map((m) => m.text ?? '');
      expect(texts).toHaveLength(1);
      expect(texts[0]!.includes(burstNames.get(p.id)!) !== texts[0]!.includes(BUSY)).toBe(true);
    }
    console.info(
      `[db-outage] burst at the stop: ${burstSaved.length} of ${burst.length} pitches saved and answered with their card, the rest told to try again; ` +
        `connection pool renewed ${bot.logged('database connection lost: connection pool renewed').length} times, ` +
        `postgres.js write-after-close caught ${bot.logged(/pending write/).length} times`,
    );

    await target.use(async (database) => {
      // Only what was answered with a card is saved, each pitch once, each with its first history row.
      const ideas = await database.query<{ name: string; events: number }>(
        "select i.name, (select count(*)::int from idea_stage_events e where e.idea_id = i.id and e.to_stage = 'pitched') as events from ideas i order by i.id",
      );
      expect(ideas.map((i) => i.name).sort()).toEqual(['Getar Dilan', ...retried.map(([, name]) => name), ...burstSaved.map((p) => burstNames.get(p.id)!)].sort());
      expect(ideas.every((i) => i.events === 1)).toBe(true);
      // No comment from the outage got in, and the counters match the rows.
      const [counts] = await database.query<{ comments: number; comment_rows: number; supports: number; support_rows: number }>(
        `select comment_count as comments, (select count(*)::int from idea_comments) as comment_rows,
                support_count as supports, (select count(*)::int from idea_supports) as support_rows from ideas where id = 1`,
      );
      expect(counts).toEqual({ comments: 0, comment_rows: 0, supports: 3, support_rows: 3 });
    });
    const unavailable = bot.logs().filter((l) => l.msg === 'update handler failed');
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((l) => l.databaseUnavailable !== true)).toEqual([]);
  });
});

function user(people: FakeUser[], id: number): FakeUser {
  return people.find((p) => p.id === id)!;
}

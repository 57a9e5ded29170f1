import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/dev/telegram-double/index.js';
import { BotApiDouble, type FakeUser } from '../../src/dev/telegram-double/index.js';
import { BotProcess, baseEnv, prepareDatabase, processDatabase, processEngines, slowFaults, type ProcessDatabase } from '../helpers/fault-process.js';
import { prng } from '../../src/dev/prng.js';
import { capital, countMessages, createUsers, seedIdeas, seedMembers, wordMaker } from '../helpers/fault-data.js';

/**
 * SIGKILL in the middle of a burst of updates, then a restart: every update is handled, and every
 * data-changing one (pitch, comment, 👍) takes effect exactly once. Replies may repeat for the
 * updates that were in flight at the kill (at-least-once): the test measures how many.
 */
const SIZE = slowFaults
  ? { pitchers: 100, pitchesEach: 8, commentsEach: 4, supporters: 200, starters: 600 } // 2,000 updates
  : { pitchers: 20, pitchesEach: 5, commentsEach: 2, supporters: 40, starters: 120 }; // 300 updates
const BURST = SIZE.pitchers * (SIZE.pitchesEach + SIZE.commentsEach) + SIZE.supporters + SIZE.starters;

describe.each(processEngines)('crash in the middle of a burst (%s)', (engine) => {
  let api: BotApiDouble;
  let target: ProcessDatabase;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    api = await BotApiDouble.start();
    target = await processDatabase(engine);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.crash();
    await api.close();
    await target.dispose();
  });

  it(`handles all ${BURST} updates after a SIGKILL, each pitch, comment and 👍 once`, { timeout: slowFaults ? 600_000 : 300_000 }, async () => {
    const word = wordMaker(engine === 'pglite' ? 7 : 11);
    const owner = api.createUser({ first_name: 'Pemilik', language_code: 'id' });
    const pitchers = createUsers(api, SIZE.pitchers, 'Pengusul');
    const supporters = createUsers(api, SIZE.supporters, 'Pendukung');
    const starters = createUsers(api, SIZE.starters, 'Tamu');
    const seeded = ['Getar Dilan', 'Rompi Kapeka', 'Peta Baper', 'Sidak Pasar', 'Lapor Cepat'];

    await prepareDatabase(target);
    const ideaIds = await target.use(async (database) => {
      const ids = await seedMembers(database, [owner, ...pitchers, ...supporters]);
      return seedIdeas(database, ids.get(owner.id)!, seeded);
    });

    const env = baseEnv(api, target);
    const first = new BotProcess(env);
    bots.push(first);
    await first.started();

    // Warm-up: each supporter opens the card they will press 👍 on (the press needs a real message).
    const cards = new Map<number, { message: StoredMessage; ideaId: number }>();
    for (const [i, s] of supporters.entries()) api.sendText(s, api.privateChat(s), `/ide ${ideaIds[i % ideaIds.length]}`);
    await api.waitFor(() => supporters.every((s) => api.botMessages(s.id).length > 0), { timeoutMs: 120_000, description: 'cards for the supporters' });
    for (const [i, s] of supporters.entries()) cards.set(s.id, { message: api.lastBotMessage(s.id)!, ideaId: ideaIds[i % ideaIds.length]! });

    // The burst, interleaved the way a busy forum sends it.
    const pitches = new Map<number, string[]>(); // pitcher id → names
    const comments = new Map<number, string[]>(); // pitcher id → comment texts
    const callbackIds: string[] = [];
    let sent = 0;
    const stopCounting = api.onEvent(() => void sent++);
    const queue: (() => void)[] = [];
    for (const p of pitchers) {
      const mine: string[] = [];
      const said: string[] = [];
      for (let k = 0; k < SIZE.pitchesEach; k++) {
        const name = `${capital(word())} ${capital(word())}`;
        mine.push(name);
        queue.push(() => void api.sendText(p, api.privateChat(p), `/usul ${name} — ${word()} ${word()} ${word()} ${word()} ${word()}`));
      }
      for (let k = 0; k < SIZE.commentsEach; k++) {
        const text = `Catatan ${word()} ${word()} ${word()}`;
        said.push(text);
        queue.push(() => void api.sendText(p, api.privateChat(p), `/komentar ${ideaIds[k % ideaIds.length]} ${text}`));
      }
      pitches.set(p.id, mine);
      comments.set(p.id, said);
    }
    for (const s of supporters) {
      queue.push(() => {
        const update = api.pressButton(s, cards.get(s.id)!.message, `idea:sup:${cards.get(s.id)!.ideaId}`);
        callbackIds.push((update as unknown as { callback_query: { id: string } }).callback_query.id);
      });
    }
    for (const t of starters) queue.push(() => void api.sendText(t, api.privateChat(t), '/start'));
    const order = shuffled(queue.length, 20261128);
    for (const i of order) queue[i]!();
    expect(callbackIds).toHaveLength(SIZE.supporters);

    // Kill while the burst is being handled: a good part answered, the rest not yet.
    await api.waitFor(() => sent >= BURST * 0.35, { timeoutMs: 120_000, description: 'a third of the burst answered' });
    await first.crash();
    const answeredAtKill = sent;
    expect(answeredAtKill).toBeLessThan(BURST);

    const atKill = engine === 'postgres' ? await journalState(target) : undefined;

    const second = new BotProcess(env);
    bots.push(second);
    await second.started();
    const everyone: FakeUser[] = [...pitchers, ...supporters, ...starters];
    const answered = (): boolean =>
      api.pendingUpdates() === 0 &&
      pitchers.every((p) => pitches.get(p.id)!.every((name) => countMessages(api, p.id, name) > 0) && countMessages(api, p.id, '💬 Komentar Anda') >= SIZE.commentsEach) &&
      callbackIds.every((id) => api.callbackAnswers.some((a) => a.callback_query_id === id)) &&
      starters.every((t) => countMessages(api, t.id, 'Selamat datang') > 0);
    await api.waitFor(answered, { timeoutMs: slowFaults ? 300_000 : 90_000, description: 'every update of the burst answered' });
    expect(await second.stop()).toBe(0);
    stopCounting();

    const recovered = Number(second.logged('re-running updates left unfinished by the previous run')[0]?.recovered ?? 0);
    // Replies beyond one per update: only updates re-run after the kill can repeat theirs.
    const duplicates = {
      cards: pitchers.reduce((n, p) => n + pitches.get(p.id)!.reduce((m, name) => m + countMessages(api, p.id, name) - 1, 0), 0),
      comments: pitchers.reduce((n, p) => n + countMessages(api, p.id, '💬 Komentar Anda') - SIZE.commentsEach, 0),
      supports: callbackIds.reduce((n, id) => n + api.callbackAnswers.filter((a) => a.callback_query_id === id).length - 1, 0),
      welcomes: starters.reduce((n, t) => n + countMessages(api, t.id, 'Selamat datang') - 1, 0),
    };
    const totalDuplicates = duplicates.cards + duplicates.comments + duplicates.supports + duplicates.welcomes;
    console.info(
      `[crash-burst ${engine}] ${BURST} updates, killed after ${answeredAtKill} answers; re-run after restart: ${recovered}` +
        `${atKill ? ` (journal at the kill: ${atKill.unfinished} unfinished of ${atKill.total})` : ''}; duplicate replies: ${totalDuplicates} ${JSON.stringify(duplicates)}`,
    );
    // At-least-once replies: a repeat only for an update that was re-run.
    expect(totalDuplicates).toBeLessThanOrEqual(recovered);

    await target.use(async (database) => {
      // Every update finished: nothing left for a next start to re-run.
      const [journal] = await database.query<{ total: number; unfinished: number }>(
        'select count(*)::int as total, count(*) filter (where handled_at is null)::int as unfinished from telegram_updates',
      );
      expect(journal).toEqual({ total: BURST + SIZE.supporters, unfinished: 0 });
      // Each pitch saved exactly once.
      const names = [...pitches.values()].flat();
      const ideaRows = await database.query<{ name: string; n: number }>('select name, count(*)::int as n from ideas group by name');
      const byName = new Map(ideaRows.map((r) => [r.name, r.n]));
      expect(names.filter((n) => byName.get(n) !== 1)).toEqual([]);
      expect(ideaRows.reduce((s, r) => s + r.n, 0)).toBe(names.length + seeded.length);
      // Each comment once, and the counters agree with the rows.
      const texts = [...comments.values()].flat();
      const commentRows = await database.query<{ text: string; n: number }>('select text, count(*)::int as n from idea_comments group by text');
      expect(commentRows.filter((r) => r.n !== 1)).toEqual([]);
      expect(commentRows.map((r) => r.text).sort()).toEqual([...texts].sort());
      const counters = await database.query<{ id: number; comments: number; rows: number; supports: number; support_rows: number }>(
        `select i.id, i.comment_count as comments, (select count(*)::int from idea_comments c where c.idea_id = i.id) as rows,
                i.support_count as supports, (select count(*)::int from idea_supports s where s.idea_id = i.id) as support_rows
           from ideas i where i.id = any($1::int[]) order by i.id`,
        [ideaIds],
      );
      for (const c of counters) {
        expect(c.comments).toBe(c.rows);
        expect(c.supports).toBe(c.support_rows);
      }
      // Each 👍 a toggle applied once: every supporter supports their idea (a re-run would have taken it back).
      const [supports] = await database.query<{ n: number }>('select count(*)::int as n from idea_supports');
      expect(supports!.n).toBe(SIZE.supporters);
      // One member per person, whatever the number of /start.
      const [people] = await database.query<{ n: number; distinct: number }>('select count(*)::int as n, count(distinct telegram_id)::int as distinct from members');
      expect(people).toEqual({ n: everyone.length + 1, distinct: everyone.length + 1 });
    });
  });
});

/** A seeded shuffle of 0..n-1: chats interleave the way a busy forum's do (each item stands alone). */
function shuffled(n: number, seed: number): number[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => ({ i, key: rand() }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.i);
}

async function journalState(target: ProcessDatabase): Promise<{ total: number; unfinished: number }> {
  return target.use(async (database) => {
    const [row] = await database.query<{ total: number; unfinished: number }>(
      'select count(*)::int as total, count(*) filter (where handled_at is null)::int as unfinished from telegram_updates',
    );
    return row!;
  });
}


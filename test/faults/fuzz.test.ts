import { describe, expect, it } from 'vitest';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';
import { prng, randomUpdate, type FuzzContext } from './fuzz-updates.js';

/** Sizes: a quick round in `npm test`, the full 10,000 in `npm run test:faults`. */
const COUNT = Number(process.env.FUZZ_UPDATES ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const ADMIN = 990_001;

/** What only coordinators or admins may change; the fuzzers are plain members. */
async function privilegedState(query: (sql: string) => Promise<unknown[]>): Promise<string> {
  const parts = await Promise.all([
    query('select id, name, short_name, active from agencies order by id'),
    query('select telegram_id, role from members order by telegram_id'),
    // Ideas the fuzzers do not own: only coordinators or their owner (the admin) may change them.
    query(`select i.id, i.stage, i.archived_reason, i.deleted_at, i.name, i.problem from ideas i join members m on m.id = i.owner_id where m.telegram_id = ${ADMIN} order by i.id`),
    query('select id, idea_id, result from idea_awards order by id'),
    query('select id, status, starts_at, title from sessions order by id'),
    query('select count(*)::int as n from broadcasts'),
    query('select * from linked_chats order by 1'),
    query('select * from idea_forum'),
  ]);
  return JSON.stringify(parts);
}

describe.each(engines)('fuzzed updates (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN] });

  it(`survives ${COUNT} random, malformed and forged updates`, async () => {
    const unhandled: unknown[] = [];
    const onRejection = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const admin = h.user('Admin', { id: ADMIN });
      await admin.register('Admin Forum', 'Organisasi');
      const people = ['Ana', 'Budi', 'Citra', 'Dedi', 'Eka'].map((n) => h.user(n));
      for (const p of people.slice(0, 3)) await p.register(`${p.user.first_name} Lestari`, 'Dinkes');
      for (const p of people) await p.send('/start');
      // Something to attack: the admin's ideas and a session.
      await admin.send('/usul Getar Dilan — warga menanam sayur di pekarangan');
      await admin.send('/usul Rompi KPK — kelas pencegahan korupsi untuk ASN');
      await admin.send('/sesi_baru 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP');
      const group = h.api.createGroup({ title: 'Forum', type: 'supergroup', isForum: true });
      h.api.addBotToGroup(group, admin.user);
      const topic = h.api.createTopic(group, 'Umum');
      await h.settle();

      const before = await privilegedState((sql) => h.database.query(sql));
      const rand = prng(SEED);
      const ctx: FuzzContext = {
        actors: people.map((p) => ({ id: p.id, first_name: p.user.first_name })),
        groups: [{ id: group.id, type: 'supergroup', title: 'Forum', is_forum: true, threadId: topic.message_thread_id }],
        botMessages: () =>
          [admin, ...people].flatMap((p) => h.api.botMessages(p.id).slice(-3).map((m) => ({ chatId: m.chat_id, messageId: m.message_id, chatType: 'private' }))),
        knownCallbackData: () =>
          [admin, ...people].flatMap((p) => h.api.botMessages(p.id).slice(-5).flatMap((m) => m.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data ?? '') ?? [])),
      };
      for (let i = 0; i < COUNT; i++) {
        h.api.pushUpdate(randomUpdate(rand, ctx));
        if (i % 200 === 199) await h.settle(60_000);
      }
      await h.settle(120_000);

      const failures = h.logs.lines.filter((l) => l.includes('update handler failed'));
      if (process.env.FUZZ_VERBOSE) console.log(failures.slice(0, 20).join('\n'));
      expect(unhandled).toEqual([]);
      expect(failures).toEqual([]);
      expect(h.logs.lines.filter((l) => l.includes('update failed outside the bot'))).toEqual([]);
      expect(await privilegedState((sql) => h.database.query(sql))).toBe(before);
      // Still alive and well.
      expect((await people[0]!.ask('/bantuan')).text).toMatch(/Perintah Warkop Indah|Warkop Indah commands/);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';
import type { StoredMessage } from '../../src/dev/telegram-double/index.js';
import { prng, randomUpdate, type FuzzContext } from './fuzz-updates.js';

/** Sizes: a quick round in `npm test`, the full 10,000 in `npm run test:faults`. */
const COUNT = Number(process.env.FUZZ_UPDATES ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const ADMIN = 990_001;
/** Forged presses: a tenth of the random updates, at least 300. */
const FORGED = Math.max(300, Math.floor(COUNT / 10));

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

  it(`refuses ${FORGED} forged presses: harvested data on other messages, by members and strangers`, async () => {
    const admin = h.user('Admin', { id: ADMIN });
    await admin.register('Admin Forum', 'Organisasi');
    const members = ['Ana', 'Budi', 'Citra'].map((n) => h.user(n));
    for (const p of members) await p.register(`${p.user.first_name} Lestari`, 'Dinkes');
    const strangers = ['Dedi', 'Eka', 'Fajar'].map((n) => h.user(n));
    // Unregistered, but known from their first /start (first contact creates a member row, which is not a change made by a press).
    for (const s of strangers) await s.send('/start');
    const group = h.api.createGroup({ title: 'Forum', type: 'supergroup', isForum: true });
    h.api.addBotToGroup(group, admin.user);
    await h.settle();
    const topic = h.api.createTopic(group, 'Sesi');
    const where = { chat: group, threadId: topic.message_thread_id };
    await admin.send('/hubungkan', where);
    await admin.send('/usul Getar Dilan — warga menanam sayur di pekarangan');
    await admin.send('/usul Rompi KPK — kelas pencegahan korupsi untuk ASN');
    for (const p of members) await p.send(`/usul Ide ${p.user.first_name} — pelayanan publik yang lebih cepat`);
    await admin.send('/sesi_baru 2026-12-03 09:00 | https://Zoom.us/j/1 | Bedah proposal KIPP');
    // Views that belong to the admin, in the group: a list and search results (/bahasa is private only).
    await admin.send('/ide', where);
    await admin.send('/cari pelayanan', where);
    // And buttons of every kind in private chats, to harvest.
    for (const p of [admin, ...members]) {
      await p.send('/ide');
      await p.send('/ide 1');
      await p.send('/sesi 1');
      await p.send('/cari pelayanan');
      await p.send('/bahasa');
    }
    await admin.send('/ubah 1');
    await admin.send('/ide 1 hapus');
    await h.runJobs();
    await h.settle();

    const snapshot = (m: StoredMessage) => JSON.stringify({ text: m.text, caption: m.document?.caption, markup: m.reply_markup, deleted: m.deleted });
    const shared = new Map(h.api.history(group.id).filter((m) => m.from_bot).map((m) => [m.message_id, snapshot(m)]));
    expect(shared.size).toBeGreaterThanOrEqual(4);
    const harvested = [
      ...new Set(
        [group.id, ...[admin, ...members].map((p) => p.id)].flatMap((chatId) =>
          h.api.botMessages(chatId).flatMap((m) => m.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data ?? '') ?? []),
        ),
      ),
    ].filter(Boolean);
    expect(harvested.length).toBeGreaterThan(20);
    const dataState = async () =>
      JSON.stringify([
        await privilegedState((sql) => h.database.query(sql)),
        await h.database.query('select session_id, member_id, answer, waitlisted_at, attended from session_rsvps order by 1, 2'),
        await h.database.query('select id, stage, support_count, deleted_at, name, summary, owner_id from ideas order by id'),
        await h.database.query('select telegram_id, language, full_name, agency_id, role from members where registered_at is not null order by telegram_id'),
        await h.database.query('select count(*)::int as n from draft_requests'),
        await h.database.query('select count(*)::int as n from idea_stage_events'),
      ]);
    const before = await dataState();
    const answersBefore = h.api.callbackAnswers.length;

    const rand = prng(SEED + 1);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const onKeyboard = (m: StoredMessage | undefined, data: string) => !!m?.reply_markup?.inline_keyboard.flat().some((b) => b.callback_data === data);
    const adminViews = h.api.botMessages(group.id).filter((m) => m.reply_markup && m.reply_to_message_id !== undefined);
    expect(adminViews.length).toBe(2);
    let sent = 0;
    while (sent < FORGED) {
      const roll = rand();
      const actor = pick([...members, ...strangers]);
      if (roll < 0.5) {
        // Harvested data on a shared message whose keyboard does not hold it.
        const target = pick(h.api.botMessages(group.id));
        const data = pick(harvested);
        if (onKeyboard(h.api.message(group.id, target.message_id), data)) continue;
        h.api.pressButton(actor.user, target, data);
      } else if (roll < 0.7) {
        // The admin's own views, with their own buttons, pressed by someone else.
        const view = pick(adminViews);
        const buttons = h.api.message(group.id, view.message_id)!.reply_markup!.inline_keyboard.flat().map((b) => b.callback_data!).filter((d) => !d.startsWith('idea:show'));
        if (buttons.length === 0) continue;
        h.api.pressButton(actor.user, h.api.message(group.id, view.message_id)!, pick(buttons));
      } else if (roll < 0.85) {
        // A member's own private message, with data from elsewhere.
        if (!members.includes(actor)) continue;
        const mine = h.api.botMessages(actor.id);
        if (mine.length === 0) continue;
        const target = pick(mine);
        const data = pick(harvested);
        if (onKeyboard(h.api.message(actor.id, target.message_id), data)) continue;
        h.api.pressButton(actor.user, target, data);
      } else {
        // What a tampered client or an old message gives: an inaccessible message (date 0), or none (inline mode).
        const target = pick(h.api.botMessages(group.id));
        const from = { id: actor.id, is_bot: false, first_name: actor.user.first_name };
        const data = pick(harvested);
        h.api.pushUpdate({
          callback_query: {
            id: `forged-${sent}`,
            from,
            chat_instance: '1',
            data,
            ...(rand() < 0.5 ? { message: { message_id: target.message_id, date: 0, chat: { id: group.id, type: 'supergroup', title: 'Forum' } } } : { inline_message_id: `inline-${sent}` }),
          },
        });
      }
      sent++;
      if (sent % 200 === 0) await h.settle(60_000);
    }
    await h.settle(120_000);

    const changed = [...shared].filter(([id, snap]) => snapshot(h.api.message(group.id, id)!) !== snap).map(([id]) => id);
    expect(changed).toEqual([]);
    expect(await dataState()).toBe(before);
    const answers = h.api.callbackAnswers.slice(answersBefore);
    expect(answers.length).toBeGreaterThanOrEqual(FORGED);
    expect(answers.every((a) => a.text && a.show_alert)).toBe(true);
    expect(h.api.unansweredCallbackQueries()).toEqual([]);
    expect(h.logs.lines.filter((l) => l.includes('update handler failed'))).toEqual([]);
    console.log(`forged presses: ${sent} refused, ${shared.size} shared messages unchanged`);
  }, 600_000);
});

import { writeFileSync } from 'node:fs';
import type { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import { benchDatabase, envInt, log, median, primaryEngine, table, until } from './lib.js';
import { analyze, memberTelegramId, seedAgencyList, seedGroups, seedMembers, withDatabase } from './seed.js';
import { botEnv, botMessage, createGroups, createUsers, startApi, startBot, startPrivateChats } from './world.js';

/**
 * Scenario 3: a broadcast at Telegram's limits. PRIVATE members and GROUPS linked groups are the
 * recipients of one broadcast (rows and jobs written as /siaran's confirmation writes them); the fake API
 * enforces 30 messages/s overall, 1/s per chat and 20/min per group, answering 429 with
 * retry_after beyond them; the bot runs with its default limits. Reported: time from the first to
 * the last message against the ideal N / 30 s, 429s received, duplicates and misses.
 */

export const TELEGRAM_LIMITS = { globalPerSec: 30, perChatPerSec: 1, perGroupPerMin: 20 };
const TEXT = '📣 Warkop Indah: sesi berikutnya Kamis pukul 09.00 WITA di Aula Bagian Organisasi.';

interface S3Run {
  recipients: number;
  seconds: number;
  ideal: number;
  tooMany: number;
  duplicates: number;
  missing: number;
  firstAfterStartS: number;
}

/** Messages ending with `text` (a broadcast carries a header above the coordinator's text) that the fake API accepted, per chat. */
export function deliveredPerChat(api: BotApiDouble, text: string, from = 0): { perChat: Map<number, number>; times: number[] } {
  const perChat = new Map<number, number>();
  const times: number[] = [];
  for (const call of api.calls.slice(from)) {
    if (call.method !== 'sendMessage' || call.status !== 200 || !String(call.payload.text ?? '').endsWith(text)) continue;
    const chat = Number(call.payload.chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    times.push(call.at);
  }
  return { perChat, times };
}

/**
 * The fastest any sender can go under a strict sliding window of `rate` per second: a full window
 * at once, then one window per second; from the first message to just after the last.
 */
export function idealSeconds(n: number, rate: number): number {
  return Math.floor((n - 1) / rate) + 1 / rate;
}

async function once(privateCount: number, groupCount: number): Promise<S3Run> {
  const bench = await benchDatabase(primaryEngine());
  const api = await startApi();
  try {
    const users = createUsers(api, privateCount + 3);
    const groups = createGroups(api, groupCount, users[0]!);
    await startPrivateChats(api, users);
    const coordinator = users[1]!;
    const progress = await botMessage(api, coordinator.id, '📣 Siaran dimulai…');
    const recipients = [...users.slice(3).map((u) => u.id), ...groups.map((g) => g.id)];
    await withDatabase(bench, async (database) => {
      await seedAgencyList(database);
      await seedMembers(database, users.length);
      await seedGroups(database, groups.map((g) => ({ id: g.id, title: g.title ?? '' })));
      const [b] = await database.query<{ id: number }>(
        `insert into broadcasts (created_by, text, audience, status, total, progress_chat_id, progress_message_id, progress_edited_at)
         select id, $1, 'members', 'sending', $2::int, $3::bigint, $4::int, now() from members where telegram_id = $3::bigint returning id`,
        [TEXT, recipients.length, coordinator.id, progress.message_id],
      );
      // Private chats and groups interleaved, as an "everyone" audience would mix them.
      await database.query(
        `insert into broadcast_deliveries (broadcast_id, chat_id, member_id)
         select $1::int, chat_id, member_id from (
           select telegram_id as chat_id, id as member_id from members where telegram_id > $2::bigint
           union all select id, null from chats where type = 'supergroup') r
         order by md5(chat_id::text)`,
        [b!.id, memberTelegramId(3)],
      );
      // One delivery job per recipient in the one queue, in delivery order (as deliveryJob() writes them).
      await database.query(
        `insert into outbox (kind, ref, dedupe_key, chat_id, due_at, payload)
         select 'broadcast.deliver', 'broadcast:' || broadcast_id, 'broadcast-delivery:' || id, chat_id, now(),
                jsonb_build_object('broadcastId', broadcast_id, 'deliveryId', id)
         from broadcast_deliveries where broadcast_id = $1::int order by id`,
        [b!.id],
      );
      await analyze(database);
    });
    api.enforceLimits(TELEGRAM_LIMITS);
    const from = api.calls.length;
    const bot = await startBot(api, botEnv(api, bench, { SCHEDULER_TICK_SECONDS: '1' }));
    try {
      const ideal = idealSeconds(recipients.length, TELEGRAM_LIMITS.globalPerSec);
      await until(() => deliveredPerChat(api, TEXT, from).perChat.size >= recipients.length, (ideal * 2 + 60) * 1000, 'the broadcast').catch(() => {});
      // Anything sent twice would show up shortly after.
      await new Promise((r) => setTimeout(r, 2000));
      const { perChat, times } = deliveredPerChat(api, TEXT, from);
      // BENCH_S3_TRACE=<file>: every send the fake API saw (arrival ms, status, chat), to study the pacing.
      const trace = process.env.BENCH_S3_TRACE;
      if (trace) {
        const sends = api.calls.slice(from).filter((c) => c.method === 'sendMessage' && String(c.payload.text ?? '').endsWith(TEXT));
        writeFileSync(trace, JSON.stringify(sends.map((c) => [Math.round(c.at * 10) / 10, c.status, Number(c.payload.chat_id)])));
      }
      const first = Math.min(...times);
      const last = Math.max(...times);
      return {
        recipients: recipients.length,
        seconds: (last - first) / 1000 + 1 / TELEGRAM_LIMITS.globalPerSec,
        ideal,
        tooMany: api.limitViolations,
        duplicates: [...perChat.values()].reduce((n, c) => n + c - 1, 0),
        missing: recipients.filter((id) => !perChat.has(id)).length,
        firstAfterStartS: (first - bot.startedAt - bot.readyMs) / 1000,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await api.close();
    await bench.cleanup();
  }
}

export async function scenario3(): Promise<{ markdown: string; rows: S3Run[] }> {
  const privateCount = envInt('BENCH_S3_PRIVATE', 2900);
  const groupCount = envInt('BENCH_S3_GROUPS', 100);
  // Bound by the limits, not by the machine: one run takes N/30 s, and repeats differ little.
  const runs = Math.max(1, envInt('BENCH_S3_RUNS', 1));
  const results: S3Run[] = [];
  for (let run = 1; run <= runs; run++) {
    log(`S3 run ${run}/${runs}: ${privateCount + groupCount} recipients (about ${Math.round((privateCount + groupCount) / 30)} s)`);
    results.push(await once(privateCount, groupCount));
  }
  const m = (f: (r: S3Run) => number) => median(results.map(f));
  const engine = primaryEngine() === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const markdown = table(
    `3. Broadcast at Telegram's limits — ${privateCount} private chats + ${groupCount} groups`,
    ['engine', 'recipients', 'first → last message (s)', 'ideal (s)', 'vs ideal', '429s received', 'duplicates', 'misses'],
    [[engine, m((r) => r.recipients), m((r) => r.seconds).toFixed(1), m((r) => r.ideal).toFixed(1), `${(m((r) => r.seconds) / m((r) => r.ideal)).toFixed(3)}×`, m((r) => r.tooMany), m((r) => r.duplicates), m((r) => r.missing)]],
    `The fake API enforces ${TELEGRAM_LIMITS.globalPerSec}/s overall, ${TELEGRAM_LIMITS.perChatPerSec}/s per chat and ${TELEGRAM_LIMITS.perGroupPerMin}/min per group (sliding windows, 429 with retry_after beyond). Ideal: a full window of 30 at once, then 30 more each second. ` +
      `The bot runs with its defaults (SEND_GLOBAL_PER_SEC=30 …). ${runs === 1 ? 'One run (BENCH_S3_RUNS for more)' : `Medians of ${runs} runs`}.`,
  );
  return { markdown, rows: results };
}

import { claim } from '../../src/domain/jobs/queue.js';
import { KIND } from '../../src/domain/sessions/keys.js';
import { benchDatabase, envInt, log, median, percentile, primaryEngine, table, until } from './lib.js';
import { openInstrumented, planSummary } from './instrumented.js';
import { idealSeconds } from './s3-broadcast.js';
import { statementsSoFar } from './s1-throughput.js';
import { analyze, memberTelegramId, seedAgencyList, seedMembers, withDatabase } from './seed.js';
import { botEnv, createUsers, startApi, startBot, startPrivateChats } from './world.js';

/**
 * Scenario 4: REMINDERS reminders due in the same minute (members who said "Hadir" to one session,
 * each with its one-hour reminder in the outbox, due times spread over one minute that has just
 * passed). The bot starts and delivers them through the outbox job. The fake API enforces the limits
 * (scaled by RATE_SCALE so a run takes seconds rather than minutes; the bot gets the same scaled
 * limits). Reported: time to deliver all against the limit-bound ideal, 429s, duplicates, misses,
 * and the cost of one claim round (the claim statement the job runs, against all due rows).
 */

interface S4Result {
  reminders: number;
  rate: number;
  seconds: number;
  ideal: number;
  fromStartS: number;
  tooMany: number;
  duplicates: number;
  missing: number;
  claimP50: number;
  claimP99: number;
  claimPlan: string;
  /** SQL statements the bot sent per reminder delivered, from its start (start-up and every job's rounds included). */
  statementsPerReminder: number;
}

export async function scenario4(): Promise<{ markdown: string; result: S4Result }> {
  const count = envInt('BENCH_S4_REMINDERS', 10_000);
  const scale = Math.max(1, envInt('BENCH_S4_RATE_SCALE', 10));
  const limits = { globalPerSec: 30 * scale, perChatPerSec: scale, perGroupPerMin: 20 * scale };
  const engine = primaryEngine();
  log(`S4: ${count} reminders at ${limits.globalPerSec}/s`);
  const bench = await benchDatabase(engine);
  const api = await startApi();
  try {
    const users = createUsers(api, count + 3);
    await startPrivateChats(api, users);
    const recipients = users.slice(3).map((u) => u.id);
    await withDatabase(bench, async (database) => {
      await seedAgencyList(database);
      await seedMembers(database, users.length);
      const [session] = await database.query<{ id: number }>(
        `insert into sessions (title, starts_at, ends_at, place, status, uid, created_by)
         select 'Warkop Indah: bedah proposal', date_trunc('minute', now()) + interval '1 hour', date_trunc('minute', now()) + interval '3 hours',
                'Aula Bagian Organisasi', 'scheduled', 'bench-s4-' || md5(random()::text), min(id) from members
         returning id`,
      );
      const id = Number(session!.id);
      await database.query(
        `insert into session_rsvps (session_id, member_id, answer, answered_at)
         select $1::int, id, 'yes', now() - interval '1 day' from members where telegram_id > $2::bigint`,
        [id, memberTelegramId(3)],
      );
      await database.query(
        `with s as (select id, starts_at, to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso from sessions where id = $1::int)
         insert into outbox (kind, ref, dedupe_key, chat_id, due_at, payload)
         select 'session.reminder', 'session:' || s.id, 'rem:' || s.id || ':' || s.iso || ':m' || m.id || ':1h', m.telegram_id,
                date_trunc('minute', now()) - interval '1 minute' + ((m.id % 60) || ' seconds')::interval,
                jsonb_build_object('sessionId', s.id, 'startsAt', s.iso, 'offset', '1h', 'memberId', m.id)
         from s, members m where m.telegram_id > $2::bigint`,
        [id, memberTelegramId(3)],
      );
      await analyze(database);
    });

    // The claim round the outbox job runs, against every due row (rolled back each time).
    const inst = await openInstrumented(bench);
    const times: number[] = [];
    let claimSql: { sql: string; params: unknown[] } | undefined;
    let plan = '';
    try {
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        const { queries } = await inst.capture((db) =>
          db
            .transaction(async (tx) => {
              const now = new Date();
              await claim(tx, { kinds: Object.values(KIND), limit: 20, now, leaseMs: 120_000, owner: 'bench' });
              throw new Rollback();
            })
            .catch((err: unknown) => {
              if (!(err instanceof Rollback)) throw err;
            }),
        );
        times.push(performance.now() - t0);
        claimSql ??= queries.find((q) => /^update/i.test(q.sql));
      }
      if (claimSql) plan = planSummary(await inst.explain(claimSql.sql, claimSql.params));
    } finally {
      await inst.close();
    }

    api.enforceLimits(limits);
    const from = api.calls.length;
    const bot = await startBot(
      api,
      botEnv(api, bench, {
        SEND_GLOBAL_PER_SEC: String(limits.globalPerSec),
        SEND_PRIVATE_PER_SEC: String(limits.perChatPerSec),
        SEND_GROUP_PER_MIN: String(limits.perGroupPerMin),
        SCHEDULER_TICK_SECONDS: '1',
        DB_COUNT_STATEMENTS: '1',
      }),
    );
    try {
      const ideal = idealSeconds(count, limits.globalPerSec);
      const delivered = () => {
        const perChat = new Map<number, number>();
        const at: number[] = [];
        for (const c of api.calls.slice(from)) {
          if (c.method !== 'sendMessage' || c.status !== 200) continue;
          const chat = Number(c.payload.chat_id);
          perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
          at.push(c.at);
        }
        return { perChat, at };
      };
      await until(() => delivered().perChat.size >= count, (ideal * 4 + 60) * 1000, 'the reminders').catch(() => {});
      await new Promise((r) => setTimeout(r, 2000));
      const { perChat, at } = delivered();
      const statements = await statementsSoFar(bot);
      const first = Math.min(...at);
      const last = Math.max(...at);
      const result: S4Result = {
        reminders: count,
        rate: limits.globalPerSec,
        seconds: (last - first) / 1000 + 1 / limits.globalPerSec,
        ideal,
        fromStartS: (last - bot.startedAt) / 1000,
        tooMany: api.limitViolations,
        duplicates: [...perChat.values()].reduce((n, c) => n + c - 1, 0),
        missing: recipients.filter((r) => !perChat.has(r)).length,
        claimP50: median(times),
        claimP99: percentile(times, 99),
        claimPlan: plan,
        statementsPerReminder: statements / Math.max(1, perChat.size),
      };
      const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
      const markdown = table(
        `4. Reminders due together — ${count} reminders in one minute, limits ×${scale} (${limits.globalPerSec}/s overall, ${limits.perChatPerSec}/s per chat)`,
        ['engine', 'first → last reminder (s)', 'ideal (s)', 'vs ideal', 'pace (reminders/s)', 'process start → last (s)', '429s', 'duplicates', 'misses', 'SQL statements / reminder', 'one claim round p50 / p99 (ms)'],
        [[label, result.seconds.toFixed(1), result.ideal.toFixed(1), `${(result.seconds / result.ideal).toFixed(3)}×`, Math.round(count / result.seconds), result.fromStartS.toFixed(1), result.tooMany, result.duplicates, result.missing, result.statementsPerReminder.toFixed(2), `${result.claimP50.toFixed(2)} / ${result.claimP99.toFixed(2)}`]],
        `Limits scaled by BENCH_S4_RATE_SCALE=${scale} on both sides (the fake API enforces them; the bot is configured with them), so the run measures the outbox job's own pace; at Telegram's 30/s the same reminders take ${idealSeconds(count, 30).toFixed(0)} s. ` +
          `SQL statements / reminder: every statement the bot sent from its start until the last reminder (BEGIN and COMMIT included; start-up and the other jobs' rounds too), over the reminders delivered. ` +
          `Claim round: the job's claim statement (20 rows, FOR UPDATE SKIP LOCKED plus lease) against ${count} due rows, 30 times, rolled back; plan: ${plan}.`,
      );
      return { markdown, result };
    } finally {
      await bot.stop();
    }
  } finally {
    await api.close();
    await bench.cleanup();
  }
}

class Rollback extends Error {}

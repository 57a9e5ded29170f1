import type { BotApiDouble, FakeUser } from '../../src/dev/telegram-double/index.js';
import { FakeOpenAI } from '../../src/dev/fake-openai.js';
import { runFeed, type FeedResult } from './feed.js';
import { benchDatabase, benchRuns, envInt, log, median, primaryEngine, sleep, table, until } from './lib.js';
import { analyze, seedAgencyList, seedIdeas, seedMembers, withDatabase } from './seed.js';
import { botEnv, createUsers, startApi, startBot, startPrivateChats, UNLIMITED_SENDS } from './world.js';

/**
 * Scenario 2: no head-of-line blocking. DRAFTS members ask for a proposal draft (`/draf N`) from a
 * model that takes MODEL_SECONDS to answer (a fake OpenAI-compatible server in this process);
 * while all of them wait on it, STARTS other members send /start at a steady rate. Reported: the
 * /start latencies, how fast each /draf was acknowledged, and that the drafts arrived once the model
 * answered. For comparison, the same through telegraf's own polling where /draf sleeps as long.
 */

interface S2Run {
  starts: FeedResult;
  drafts: FeedResult;
  draftsDelivered: number;
  modelWaiting: number;
}

function sizes() {
  return {
    drafts: envInt('BENCH_S2_DRAFTS', 5),
    starts: envInt('BENCH_S2_STARTS', 200),
    rate: envInt('BENCH_S2_RATE', 100),
    modelMs: envInt('BENCH_S2_MODEL_SECONDS', 10) * 1000,
  };
}

/** Delivered drafts are .docx documents sent to the member's private chat. */
function documentsTo(api: BotApiDouble, users: FakeUser[]): number {
  return users.filter((u) => api.botMessages(u.id).some((m) => m.kind === 'document')).length;
}

async function once(target: 'bot' | 'telegraf', s: ReturnType<typeof sizes>): Promise<S2Run> {
  const bench = await benchDatabase(primaryEngine());
  const api = await startApi();
  const model = await FakeOpenAI.start();
  let waiting = 0;
  model.onChat(async (req) => {
    waiting++;
    await sleep(s.modelMs);
    waiting--;
    const keys = Object.keys((req.body.response_format?.json_schema?.schema as { properties?: object } | undefined)?.properties ?? {});
    return { kind: 'answer', content: JSON.stringify(Object.fromEntries(keys.map((k) => [k, `Teks uji untuk ${k}, ditulis oleh model yang lambat.`]))) };
  });
  try {
    const users = createUsers(api, s.drafts + s.starts * 2 + 10);
    await startPrivateChats(api, users);
    const drafters = users.slice(5, 5 + s.drafts);
    const starters = users.slice(5 + s.drafts, 5 + s.drafts + s.starts);
    const warmers = users.slice(5 + s.drafts + s.starts, 5 + s.drafts + s.starts * 2);
    const ideaOf = await withDatabase(bench, async (database) => {
      await seedAgencyList(database);
      await seedMembers(database, users.length);
      await seedIdeas(database, 50);
      const ids: number[] = [];
      for (let i = 0; i < drafters.length; i++) {
        const [row] = await database.query<{ id: number }>(
          `insert into ideas (name, summary, agency_id, owner_id) select 'Inovasi Draf ' || $2::int, 'Layanan uji', agency_id, id from members where telegram_id = $1::bigint returning id`,
          [drafters[i]!.id, i + 1],
        );
        ids.push(Number(row!.id));
      }
      await analyze(database);
      return ids;
    });
    const env =
      target === 'bot'
        ? botEnv(api, bench, {
            ...UNLIMITED_SENDS,
            OPENAI_BASE_URL: model.baseURL,
            OPENAI_API_KEY: 'sk-bench-not-a-secret',
            OPENAI_TIMEOUT_MS: String(s.modelMs + 30_000),
            DRAFT_CONCURRENCY: String(s.drafts),
          })
        : { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, ECHO_SLOW_PREFIX: '/draf', ECHO_SLOW_MS: String(s.modelMs) };
    const bot = await startBot(api, env, target === 'bot' ? 'src/main.ts' : 'scripts/bench/echo-bot.ts');
    try {
      // A running bot is warm (JIT, connections): the same number of /start first, not measured.
      await runFeed(api, warmers.map((u) => ({ push: () => api.sendText(u, api.privateChat(u), '/start') })), { ratePerSec: s.rate });
      // The drafts: each is acknowledged, then its model call waits.
      const draftsFeed = runFeed(
        api,
        drafters.map((u, i) => ({ push: () => api.sendText(u, api.privateChat(u), `/draf ${ideaOf[i]}`) })),
        { timeoutMs: s.modelMs * 3 },
      );
      if (target === 'bot') await until(() => waiting >= s.drafts, 30_000, 'every draft to wait on the model');
      else await sleep(200);
      const modelWaiting = waiting;
      const starts = await runFeed(
        api,
        starters.map((u) => ({ push: () => api.sendText(u, api.privateChat(u), '/start') })),
        { ratePerSec: s.rate, timeoutMs: s.modelMs * 6 },
      );
      const drafts = await draftsFeed;
      let draftsDelivered = 0;
      if (target === 'bot') {
        await until(() => documentsTo(api, drafters) === drafters.length, s.modelMs * 3 + 30_000, 'the drafts').catch(() => {});
        draftsDelivered = documentsTo(api, drafters);
      }
      return { starts, drafts, draftsDelivered, modelWaiting };
    } finally {
      await bot.stop();
    }
  } finally {
    await model.close();
    await api.close();
    await bench.cleanup();
  }
}

export async function scenario2(): Promise<{ markdown: string; rows: Record<string, number>[] }> {
  const s = sizes();
  const runs = benchRuns();
  const results: { bot: S2Run[]; telegraf: S2Run[] } = { bot: [], telegraf: [] };
  for (let run = 1; run <= runs; run++) {
    log(`S2 run ${run}/${runs}: bot`);
    results.bot.push(await once('bot', s));
  }
  // telegraf's behaviour is deterministic (a batch waits for its slowest handler): one run is enough.
  log('S2: telegraf polling reference');
  results.telegraf.push(await once('telegraf', s));
  const summary = (list: S2Run[]) => ({
    p50: median(list.map((r) => r.starts.p50)),
    p95: median(list.map((r) => r.starts.p95)),
    p99: median(list.map((r) => r.starts.p99)),
    max: median(list.map((r) => r.starts.max)),
    missing: Math.max(...list.map((r) => r.starts.missing)),
    draftAck: median(list.map((r) => r.drafts.p99)),
    delivered: Math.min(...list.map((r) => r.draftsDelivered)),
    waiting: Math.min(...list.map((r) => r.modelWaiting)),
  });
  const bot = summary(results.bot);
  const ref = summary(results.telegraf);
  const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(1)} ms`);
  const markdown = table(
    `2. No head-of-line blocking — ${s.drafts} drafts waiting ${s.modelMs / 1000} s on the model, ${s.starts} /start at ${s.rate}/s`,
    ['bot', '/start p50', '/start p95', '/start p99', '/start max', 'unanswered', '/draf acknowledged (p99)', 'drafts waiting on the model', 'drafts delivered'],
    [
      [`this bot (${primaryEngine() === 'postgres' ? 'PostgreSQL' : 'PGlite'})`, ms(bot.p50), ms(bot.p95), ms(bot.p99), ms(bot.max), bot.missing, ms(bot.draftAck), `${bot.waiting}/${s.drafts}`, `${bot.delivered}/${s.drafts}`],
      ['telegraf polling, /draf sleeps in the handler', ms(ref.p50), ms(ref.p95), ms(ref.p99), ms(ref.max), ref.missing, ms(ref.draftAck), '—', '—'],
    ],
    `Latency: /start offered → welcome message at the fake API, after as many /start to warm the process up. The model is a local OpenAI-compatible server answering after ${s.modelMs / 1000} s; DRAFT_CONCURRENCY=${s.drafts} so all drafts wait at once. Medians of ${runs} runs (telegraf: 1 run).`,
  );
  return { markdown, rows: [bot, ref] };
}

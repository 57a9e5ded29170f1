import type { BotApiDouble, FakeChat, FakeUser, StoredMessage } from '../../src/dev/telegram-double/index.js';
import { runFeed, type FeedItem, type FeedResult } from './feed.js';
import { benchDatabase, benchEngines, benchRuns, envInt, log, median, rng, rssPeak, sleep, table, type BenchDatabase } from './lib.js';
import { analyze, seedAgencyList, seedGroups, seedIdeas, seedMembers, seedPost, seedSessions, withDatabase } from './seed.js';
import { botEnv, botMessage, createGroups, pressShown, createUsers, startApi, startBot, startPrivateChats, UNLIMITED_SENDS, type RunningBot } from './world.js';

/**
 * Scenario 1: update throughput and latency. A forum of USERS members in GROUPS groups sends
 * UPDATES updates: 30% `/ide` (the list's first page, in private or in a group), 10% the list's
 * next-page button (a page deep in the list), 20% 👍 on an idea card, 20% RSVP presses on a
 * session announcement in a group, 10% `/start`, 10% one-line pitches (group or private).
 * They are offered as fast as the bot takes them, then (a fresh batch) at a steady rate.
 * The same feed goes through a bare telegraf echo bot for comparison.
 */

export interface S1Sizes {
  users: number;
  groups: number;
  updates: number;
  steadyUpdates: number;
  rate: number;
  ideas: number;
}

export function s1Sizes(): S1Sizes {
  return {
    users: envInt('BENCH_S1_USERS', 500),
    groups: envInt('BENCH_S1_GROUPS', 20),
    updates: envInt('BENCH_S1_UPDATES', 5000),
    // 15 s at 200/s: enough for a stable p99, and the whole bench stays within ~15 minutes.
    steadyUpdates: envInt('BENCH_S1_STEADY_UPDATES', 3000),
    rate: envInt('BENCH_S1_RATE', 200),
    ideas: envInt('BENCH_S1_IDEAS', 2000),
  };
}

/** What the feed needs of the fake Telegram: people, groups, and messages with buttons. */
export interface Forum {
  users: FakeUser[];
  groups: FakeChat[];
  /** Per user: an idea card and an idea list in their private chat. */
  cards: StoredMessage[];
  lists: StoredMessage[];
  /** Per group: the announcement of a session. */
  announcements: { message: StoredMessage; sessionId: number }[];
  ideaIds: { first: number; last: number };
}

/** Seeds the database and the fake API for a forum of the given size. */
export async function buildForum(api: BotApiDouble, bench: BenchDatabase, sizes: Pick<S1Sizes, 'users' | 'groups' | 'ideas'>): Promise<Forum> {
  const users = createUsers(api, sizes.users);
  const groups = createGroups(api, sizes.groups, users[0]!);
  await startPrivateChats(api, users);
  const cards: StoredMessage[] = [];
  const lists: StoredMessage[] = [];
  for (const user of users) {
    cards.push(await botMessage(api, user.id, '💡 Kartu ide', ['idea:sup:1']));
    lists.push(await botMessage(api, user.id, '📋 Daftar ide', ['il:p:1:n2:-']));
  }
  const announcementMessages: StoredMessage[] = [];
  for (const group of groups) announcementMessages.push(await botMessage(api, group.id, '📣 Warkop Indah', ['s:r:1:y']));
  return withDatabase(bench, async (database) => {
    await seedAgencyList(database);
    await seedMembers(database, sizes.users);
    const ideaIds = await seedIdeas(database, sizes.ideas);
    const sessionIds = await seedSessions(database, 20, 5, 50);
    await seedGroups(database, groups.map((g) => ({ id: g.id, title: g.title ?? '' })));
    const announcements = groups.map((g, i) => ({ message: announcementMessages[i]!, sessionId: sessionIds[i % sessionIds.length]! }));
    for (const a of announcements) await seedPost(database, a.sessionId, a.message.chat_id, a.message.message_id);
    await analyze(database);
    return { users, groups, cards, lists, announcements, ideaIds };
  });
}

const KINDS = ['ide', 'page', 'support', 'rsvp', 'start', 'pitch'] as const;
type Kind = (typeof KINDS)[number];

/** The mix; BENCH_S1_MIX=ide=30,page=10,support=20,rsvp=20,start=10,pitch=10 changes it (e.g. to profile one kind). */
export function s1Mix(): Record<Kind, number> {
  const mix: Record<Kind, number> = { ide: 30, page: 10, support: 20, rsvp: 20, start: 10, pitch: 10 };
  const raw = process.env.BENCH_S1_MIX;
  if (!raw) return mix;
  for (const k of KINDS) mix[k] = 0;
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=');
    if (!KINDS.includes(k as Kind) || !Number.isFinite(Number(v))) throw new Error(`BENCH_S1_MIX: bad part ${part}`);
    mix[k as Kind] = Number(v);
  }
  return mix;
}

/** `count` updates in the scenario's mix; `salt` makes pitch names unique across feeds. */
export function mixedFeed(api: BotApiDouble, forum: Forum, count: number, seed: number, salt: string, mix: Record<Kind, number> = s1Mix()): FeedItem[] {
  const random = rng(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const total = KINDS.reduce((n, k) => n + mix[k], 0);
  const kindOf = (r: number): Kind => {
    let acc = 0;
    for (const k of KINDS) {
      acc += mix[k] / total;
      if (r < acc) return k;
    }
    return 'start';
  };
  const { first, last } = forum.ideaIds;
  const items: FeedItem[] = [];
  for (let i = 0; i < count; i++) {
    const u = Math.floor(random() * forum.users.length);
    const user = forum.users[u]!;
    const own = api.privateChat(user);
    const inGroup = random() < 0.5;
    const kind = kindOf(random());
    const tag = TAGS[kind];
    const before = items.length;
    switch (kind) {
      case 'ide': {
        const chat = inGroup ? pick(forum.groups) : own;
        items.push({ push: () => api.sendText(user, chat, '/ide') });
        break;
      }
      case 'page': {
        const page = 2 + Math.floor(random() * 100);
        const cursor = last - (page - 1) * 10;
        items.push({ push: () => pressShown(api, user, forum.lists[u]!, `il:p:${page}:n${Math.max(first, cursor)}:-`) });
        break;
      }
      case 'support': {
        const idea = first + Math.floor(random() * (last - first + 1));
        items.push({ push: () => pressShown(api, user, forum.cards[u]!, `idea:sup:${idea}`) });
        break;
      }
      case 'rsvp': {
        const a = pick(forum.announcements);
        const answer = pick(['y', 'y', 'm', 'n']);
        items.push({ push: () => pressShown(api, user, a.message, `s:r:${a.sessionId}:${answer}`) });
        break;
      }
      case 'start':
        items.push({ push: () => api.sendText(user, own, '/start') });
        break;
      case 'pitch': {
        const chat = inGroup ? pick(forum.groups) : own;
        const n = `${salt}${i}`;
        items.push({ push: () => api.sendText(user, chat, `/usul Inovasi Uji ${n} — Layanan keliling nomor ${n} untuk warga desa terpencil`) });
        break;
      }
    }
    for (let j = before; j < items.length; j++) items[j]!.tag = tag;
  }
  return items;
}

export interface S1Run {
  engine: string;
  fast: FeedResult;
  steady: FeedResult;
  peakRssMb: number;
  idleRssMb: number;
  startMs: number;
  /** SQL statements per update, by kind (the project's bot only). */
  statements?: Record<string, number>;
}

const TAGS: Record<Kind, string> = { ide: '/ide', page: 'list page button', support: '👍', rsvp: 'RSVP', start: '/start', pitch: 'one-line pitch' };

/** The bot's statement counter (DB_COUNT_STATEMENTS=1 prints it on SIGUSR2: src/db/statement-count.ts). */
export async function statementsSoFar(bot: RunningBot): Promise<number> {
  const seen = bot.output().match(/db-statements=\d+/g)?.length ?? 0;
  bot.child.kill('SIGUSR2');
  const start = performance.now();
  for (;;) {
    const all = bot.output().match(/db-statements=(\d+)/g) ?? [];
    if (all.length > seen) return Number(all.at(-1)!.split('=')[1]);
    if (performance.now() - start > 10_000) throw new Error('the bot did not report its statement count');
    await sleep(10);
  }
}

/**
 * Statements per update of each kind in the mix: a feed of that kind alone, the count before and
 * after (follow-up work of the background jobs and the update journal included).
 */
async function statementsPerKind(api: BotApiDouble, forum: Forum, bot: RunningBot, run: number): Promise<Record<string, number>> {
  const count = envInt('BENCH_S1_COUNT_UPDATES', 200);
  const mix = s1Mix();
  const out: Record<string, number> = {};
  let all = 0;
  let allUpdates = 0;
  for (const kind of KINDS) {
    if (!mix[kind]) continue;
    const only = Object.fromEntries(KINDS.map((k) => [k, k === kind ? 1 : 0])) as Record<Kind, number>;
    const before = await statementsSoFar(bot);
    await runFeed(api, mixedFeed(api, forum, count, 4000 + run, `c${run}${kind}-`, only), {});
    await quiet(api);
    const spent = (await statementsSoFar(bot)) - before;
    out[TAGS[kind]] = spent / count;
    all += (spent / count) * mix[kind];
    allUpdates += mix[kind];
  }
  out['mix'] = all / allUpdates;
  return out;
}

/** Waits until the bot has sent nothing for `quietMs` (jobs finishing the feed's follow-up work). */
async function quiet(api: BotApiDouble, quietMs = 500, maxMs = 15_000): Promise<void> {
  const start = performance.now();
  let seen = api.handledRequests;
  let since = performance.now();
  while (performance.now() - start < maxMs) {
    await sleep(50);
    if (api.handledRequests !== seen) {
      seen = api.handledRequests;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) return;
  }
}

async function feedBot(api: BotApiDouble, forum: Forum, sizes: S1Sizes, bot: RunningBot, run: number, steadyCount = sizes.steadyUpdates) {
  // A short warm-up (JIT, connection pool, caches), not measured.
  await runFeed(api, mixedFeed(api, forum, Math.min(300, sizes.updates), 1000 + run, `w${run}-`), {});
  await quiet(api);
  const idleRssMb = bot.rssMb();
  const peak = rssPeak(bot.child.pid);
  const fast = await runFeed(api, mixedFeed(api, forum, sizes.updates, 2000 + run, `f${run}-`), {});
  await quiet(api);
  const steady = await runFeed(api, mixedFeed(api, forum, steadyCount, 3000 + run, `s${run}-`), { ratePerSec: sizes.rate });
  await quiet(api);
  return { fast, steady, peakRssMb: peak.stop(), idleRssMb };
}

export async function runS1Once(engine: 'pglite' | 'postgres', run: number, sizes: S1Sizes, withEcho: boolean): Promise<{ project: S1Run; echo?: S1Run }> {
  const bench = await benchDatabase(engine);
  const api = await startApi();
  try {
    const forum = await buildForum(api, bench, sizes);
    const bot = await startBot(api, botEnv(api, bench, { ...UNLIMITED_SENDS, SCHEDULER_TICK_SECONDS: '5', DB_COUNT_STATEMENTS: '1' }));
    let project: S1Run;
    try {
      const r = await feedBot(api, forum, sizes, bot, run);
      const statements = await statementsPerKind(api, forum, bot, run);
      project = { engine: bench.label, ...r, startMs: bot.readyMs, statements };
    } finally {
      await bot.stop();
    }
    if (project.fast.missing || project.steady.missing) log(`S1 ${bench.label}: ${project.fast.missing + project.steady.missing} updates unanswered\n${bot.output().slice(-2000)}`);
    let echo: S1Run | undefined;
    if (withEcho) {
      const echoBot = await startBot(api, { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot }, 'scripts/bench/echo-bot.ts');
      try {
        // The echo bot's latency at a steady rate is flat: a shorter steady feed shows it.
        const r = await feedBot(api, forum, sizes, echoBot, run, Math.min(sizes.steadyUpdates, 1000));
        echo = { engine: 'echo', ...r, startMs: echoBot.readyMs };
      } finally {
        await echoBot.stop();
      }
    }
    return { project, ...(echo ? { echo } : {}) };
  } finally {
    await api.close();
    await bench.cleanup();
  }
}

export interface S1Summary {
  engine: string;
  fastPerSec: number;
  fastP50: number;
  fastP95: number;
  fastP99: number;
  steadyP50: number;
  steadyP95: number;
  steadyP99: number;
  peakRssMb: number;
  idleRssMb: number;
  missing: number;
  /** Steady feed, per kind of update: [p50, p99]. */
  steadyByTag: Record<string, [number, number]>;
  /** SQL statements per update, by kind and for the whole mix ('mix'). */
  statements: Record<string, number>;
}

function summarise(engine: string, runs: S1Run[]): S1Summary {
  const m = (f: (r: S1Run) => number) => median(runs.map(f));
  return {
    engine,
    fastPerSec: m((r) => r.fast.perSecond),
    fastP50: m((r) => r.fast.p50),
    fastP95: m((r) => r.fast.p95),
    fastP99: m((r) => r.fast.p99),
    steadyP50: m((r) => r.steady.p50),
    steadyP95: m((r) => r.steady.p95),
    steadyP99: m((r) => r.steady.p99),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    idleRssMb: m((r) => r.idleRssMb),
    missing: runs.reduce((n, r) => n + r.fast.missing + r.steady.missing, 0),
    steadyByTag: Object.fromEntries(
      Object.keys(runs[0]?.steady.byTag ?? {}).map((tag) => [tag, [m((r) => r.steady.byTag[tag]?.p50 ?? NaN), m((r) => r.steady.byTag[tag]?.p99 ?? NaN)]]),
    ),
    statements: Object.fromEntries(Object.keys(runs[0]?.statements ?? {}).map((tag) => [tag, m((r) => r.statements?.[tag] ?? NaN)])),
  };
}

/** Peak RSS per engine label from the last scenario 1 of this process (scenario 6 reports it). */
export const lastS1Peaks = new Map<string, number>();

export interface S1Result {
  sizes: S1Sizes;
  engines: S1Summary[];
  echo: S1Summary;
  markdown: string;
}

export async function scenario1(): Promise<S1Result> {
  const sizes = s1Sizes();
  const runs = benchRuns();
  const byEngine = new Map<string, S1Run[]>();
  const echoRuns: S1Run[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const [i, engine] of benchEngines().entries()) {
      log(`S1 run ${run}/${runs}: ${engine}${i === 0 ? ' + echo' : ''}`);
      const { project, echo } = await runS1Once(engine, run, sizes, i === 0);
      byEngine.set(project.engine, [...(byEngine.get(project.engine) ?? []), project]);
      if (echo) echoRuns.push(echo);
    }
  }
  const echo = summarise('telegraf echo bot', echoRuns);
  const engines = [...byEngine.entries()].map(([engine, list]) => summarise(engine, list));
  for (const e of engines) lastS1Peaks.set(e.engine, e.peakRssMb);
  const ms = (v: number) => Math.round(v);
  const rows = [...engines, echo].map((s) => [
    s.engine,
    Math.round(s.fastPerSec),
    s === echo ? '1.00×' : `${(s.fastPerSec / echo.fastPerSec).toFixed(2)}×`,
    s === echo ? '—' : (s.statements['mix'] ?? NaN).toFixed(1),
    `${ms(s.fastP50)} / ${ms(s.fastP95)} / ${ms(s.fastP99)}`,
    `${s.steadyP50.toFixed(1)} / ${s.steadyP95.toFixed(1)} / ${s.steadyP99.toFixed(1)}`,
    Math.round(s.idleRssMb),
    Math.round(s.peakRssMb),
    s.missing,
  ]);
  const markdown = table(
    `1. Update throughput and latency — ${sizes.updates} updates, ${sizes.users} users, ${sizes.groups} groups`,
    ['bot', 'drain (updates/s)', 'vs echo', 'SQL statements / update', 'as fast as taken: p50 / p95 / p99 (ms)', `steady ${sizes.rate}/s: p50 / p95 / p99 (ms)`, 'idle RSS (MB)', 'peak RSS (MB)', 'unanswered'],
    rows,
    `Mix: 30% /ide, 10% list page button, 20% 👍, 20% RSVP in groups, 10% /start, 10% one-line pitches; half of the /ide and pitches in groups. ` +
      `Latency: update offered → answer (sendMessage to that chat, or answerCallbackQuery) at the fake API. Steady feed: ${sizes.steadyUpdates} updates (echo bot: ${Math.min(sizes.steadyUpdates, 1000)}). ` +
      `Send limits lifted (this measures handling; Telegram's own pacing is scenario 3). Medians of ${runs} runs; peak RSS is the highest seen.`,
  );
  const tags = Object.keys(engines[0]?.steadyByTag ?? {});
  const byKind = table(
    `1b. By kind of update: latency at a steady ${sizes.rate}/s — p50 / p99 (ms) — and SQL statements per update`,
    ['update', ...engines.flatMap((e) => [`${e.engine} p50 / p99`, `${e.engine} statements`])],
    tags.map((tag) => [
      tag,
      ...engines.flatMap((e) => [`${e.steadyByTag[tag]![0].toFixed(1)} / ${e.steadyByTag[tag]![1].toFixed(1)}`, (e.statements[tag] ?? NaN).toFixed(1)]),
    ]),
    `Statements: a feed of ${envInt('BENCH_S1_COUNT_UPDATES', 200)} updates of one kind, counted in the bot (src/db/statement-count.ts), BEGIN/COMMIT, the update journal and the background jobs' follow-up work included; the mix column weighs them by the mix.`,
  );
  return { sizes, engines, echo, markdown: `${markdown}\n${byKind}` };
}

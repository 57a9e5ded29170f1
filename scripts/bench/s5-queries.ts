import type { Db } from '../../src/db/client.js';
import { countIdeas, listIdeas } from '../../src/domain/ideas/list.js';
import { loadRecap } from '../../src/domain/recap/load.js';
import { searchIdeas } from '../../src/domain/ideas/search.js';
import { parseOffsets } from '../../src/domain/reminders/offsets.js';
import { answerRsvp } from '../../src/domain/sessions/rsvp.js';
import type { SessionSettings } from '../../src/domain/sessions/settings.js';
import { loadConfig } from '../../src/config.js';
import { createSignInLink, redeemSignInLink } from '../../src/domain/dashboard/auth.js';
import { createLogger } from '../../src/logger.js';
import { createDashboard } from '../../src/web/dashboard.js';
import { runFeed, type FeedItem } from './feed.js';
import { openInstrumented, planSummary, type Instrumented } from './instrumented.js';
import { benchDatabase, envInt, log, percentile, primaryEngine, rng, table } from './lib.js';
import { analyze, seedAgencyList, seedGroups, seedIdeas, seedMembers, seedPost, seedSessions, withDatabase } from './seed.js';
import { botEnv, botMessage, createGroups, pressShown, createUsers, startApi, startBot, startPrivateChats, UNLIMITED_SENDS } from './world.js';

/**
 * Scenario 5: queries at scale. IDEAS ideas, MEMBERS members, AGENCIES agencies, SESSIONS sessions
 * (the last ones in the future, with answers). The domain functions the handlers call are timed
 * directly (ITER times each), their SQL is run through EXPLAIN (ANALYZE), and the same commands
 * go through the bot one at a time (update offered → answer at the fake API).
 */

const TZ = 'Asia/Makassar';
/** Topical words (each in a few percent of the seeded ideas), and three of one topic. */
const ONE_WORD = ['posyandu', 'sampah', 'nelayan', 'arsip', 'vaksin', 'perpustakaan', 'banjir', 'pajak'];
const THREE_WORDS = ['posyandu gizi balita', 'sampah kompos plastik', 'nelayan tambak ikan', 'banjir longsor evakuasi', 'pajak retribusi anggaran'];
/** A word in most ideas: the worst case for ranking, shown without a target. */
const COMMON_WORD = ['warga'];

interface Measured {
  name: string;
  target?: number;
  times: number[];
  plans: string[];
}

function sizes() {
  return {
    ideas: envInt('BENCH_S5_IDEAS', 100_000),
    members: envInt('BENCH_S5_MEMBERS', 20_000),
    agencies: envInt('BENCH_S5_AGENCIES', 60),
    sessions: envInt('BENCH_S5_SESSIONS', 2_000),
    iterations: envInt('BENCH_S5_ITER', 200),
    e2e: envInt('BENCH_S5_E2E', 40),
  };
}

async function measure(
  inst: Instrumented,
  name: string,
  iterations: number,
  target: number | undefined,
  fn: (db: Db, i: number) => Promise<unknown>,
  /** Untimed, before each timed call (e.g. a write that makes the next call cold). */
  before?: () => Promise<unknown>,
): Promise<Measured> {
  // One call to warm caches and record the statements, which are then explained.
  const { queries } = await inst.capture((db) => fn(db, 0));
  const plans: string[] = [];
  for (const q of queries) plans.push(planSummary(await inst.explain(q.sql, q.params)));
  const times: number[] = [];
  for (let i = 1; i <= iterations; i++) {
    await before?.();
    const t0 = performance.now();
    await fn(inst.database.db, i);
    times.push(performance.now() - t0);
  }
  return { name, ...(target !== undefined ? { target } : {}), times, plans };
}

export async function scenario5(): Promise<{ markdown: string }> {
  const s = sizes();
  const engine = primaryEngine();
  const label = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  log(`S5 (${label}): seeding ${s.ideas} ideas, ${s.members} members, ${s.sessions} sessions`);
  const bench = await benchDatabase(engine);
  const api = await startApi();
  try {
    const users = createUsers(api, Math.min(s.members, s.e2e * 7 + 10));
    const [group] = createGroups(api, 1, users[0]!);
    await startPrivateChats(api, users);
    const lists: Awaited<ReturnType<typeof botMessage>>[] = [];
    for (const u of users) lists.push(await botMessage(api, u.id, '📋 Daftar ide', ['il:p:1:n2:-']));
    const announcement = await botMessage(api, group!.id, '📣 Warkop Indah', ['s:r:1:y']);
    const t0 = performance.now();
    const seeded = await withDatabase(bench, async (database) => {
      await seedAgencyList(database, s.agencies);
      await seedMembers(database, s.members);
      await seedIdeas(database, s.ideas, 4);
      const future = await seedSessions(database, s.sessions, Math.min(100, s.sessions), 20);
      await seedGroups(database, [{ id: group!.id, title: group!.title ?? '' }]);
      await seedPost(database, future[0]!, group!.id, announcement.message_id);
      await analyze(database);
      const [cursor] = await database.query<{ id: number }>('select id from ideas where deleted_at is null order by id desc offset 489 limit 1');
      const memberRows = await database.query<{ id: number; telegram_id: number }>('select id, telegram_id from members order by id');
      return { future, cursor: Number(cursor?.id ?? 1), members: memberRows.map((m) => ({ id: Number(m.id), telegramId: Number(m.telegram_id) })) };
    });
    log(`S5: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const settings: SessionSettings = {
      timeZone: TZ,
      defaultOffsets: (parseOffsets('1d@16:00,1h') as { ok: true; offsets: SessionSettings['defaultOffsets'] }).offsets,
      durationMinutes: 120,
      editIntervalMs: 10_000,
    };
    const year = new Date().getUTCFullYear();
    const inst = await openInstrumented(bench);
    const results: Measured[] = [];
    try {
      const it = s.iterations;
      results.push(
        await measure(inst, '/ide — first page (list + count)', it, 20, async (db) => {
          await listIdeas(db, { filters: {}, timeZone: TZ });
          await countIdeas(db, {}, undefined, TZ);
        }),
      );
      results.push(
        await measure(inst, '/ide — 50th page (keyset + count)', it, 20, async (db) => {
          await listIdeas(db, { filters: {}, cursor: { dir: 'next', id: seeded.cursor }, timeZone: TZ });
          await countIdeas(db, {}, undefined, TZ);
        }),
      );
      results.push(await measure(inst, '/cari, one word', it, 20, (db, i) => searchIdeas(db, ONE_WORD[i % ONE_WORD.length]!, 1)));
      results.push(await measure(inst, '/cari, three words', it, 20, (db, i) => searchIdeas(db, THREE_WORDS[i % THREE_WORDS.length]!, 1)));
      results.push(await measure(inst, '/cari, a word in most ideas', Math.min(it, 50), undefined, (db) => searchIdeas(db, COMMON_WORD[0]!, 1)));
      results.push(await measure(inst, '/rekap (this year, all agencies)', Math.min(it, 50), 200, (db) => loadRecap(db, year, TZ)));
      const random = rng(5);
      results.push(
        await measure(inst, 'RSVP press (answer, reminders, announcement)', it, undefined, (db) => {
          const member = seeded.members[Math.floor(random() * seeded.members.length)]!;
          const sessionId = seeded.future[Math.floor(random() * seeded.future.length)]!;
          const answer = (['yes', 'maybe', 'no'] as const)[Math.floor(random() * 3)]!;
          return answerRsvp(db, { sessionId, member, answer, settings, now: new Date() });
        }),
      );
      // The dashboard's pages, whole (queries and HTML), as a signed-in coordinator, in process.
      const web = createDashboard({
        config: loadConfig({ TZ_NAME: TZ }),
        database: inst.database,
        clock: { now: () => new Date() },
        logger: createLogger({ level: 'silent', secrets: [] }),
        publicUrl: () => 'http://bench.local',
      });
      const link = await createSignInLink(inst.database.db, seeded.members[0]!.id, new Date());
      const signed = await redeemSignInLink(inst.database.db, link.token, new Date());
      if (!signed.ok) throw new Error(`dashboard sign-in failed: ${signed.reason}`);
      const cookie = `wi_dasbor=${signed.sessionToken}`;
      const [range] = await inst.database.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from ideas');
      const agencyIds = (await inst.database.query<{ id: number }>('select id from agencies order by id')).map((r) => Number(r.id));
      const page = async (path: string) => {
        const res = await web.app.fetch(new Request(`http://bench.local${path}`, { headers: { cookie } }));
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        await res.text();
      };
      const pick = rng(15);
      const lo = Number(range?.lo ?? 1);
      const hi = Number(range?.hi ?? 1);
      results.push(await measure(inst, 'Dasbor — papan ide (6 columns)', it, 50, () => page('/dasbor')));
      results.push(await measure(inst, 'Dasbor — papan ide, a year and an agency', it, 50, (_db, i) => page(`/dasbor?tahun=${year - (i % 3)}&pd=${agencyIds[i % agencyIds.length]}`)));
      results.push(await measure(inst, 'Dasbor — papan ide, search', it, 50, (_db, i) => page(`/dasbor?q=${encodeURIComponent(ONE_WORD[i % ONE_WORD.length]!)}`)));
      results.push(await measure(inst, 'Dasbor — one idea', it, 50, () => page(`/dasbor/ide/${lo + Math.floor(pick() * (hi - lo + 1))}`)));
      results.push(await measure(inst, 'Dasbor — perangkat daerah (this year)', Math.min(it, 50), 50, () => page(`/dasbor/pd?tahun=${year}`)));
      // The recap is memoised until ideas, awards or agencies change: a no-op stage write (it fires the
      // version trigger) before each call times the page as the first request after a change.
      results.push(
        await measure(inst, 'Dasbor — perangkat daerah, after a change (cold)', Math.min(it, 20), undefined, () => page(`/dasbor/pd?tahun=${year}`), () =>
          inst.database.query('update ideas set stage = stage where id = $1', [lo]),
        ),
      );
      results.push(await measure(inst, 'Dasbor — one agency', it, 50, (_db, i) => page(`/dasbor/pd/${agencyIds[i % agencyIds.length]}`)));
      results.push(await measure(inst, 'Dasbor — sesi', it, 50, () => page('/dasbor/sesi')));
      for (const [name, list] of [['/cari, one word', ONE_WORD], ['/cari, three words', THREE_WORDS], ['/cari, a word in most ideas', COMMON_WORD]] as const) {
        const counts: number[] = [];
        for (const q of list) {
          const [row] = await inst.database.query<{ n: number }>(`select count(*)::int as n from ideas where search @@ websearch_to_tsquery('indonesian', $1)`, [q]);
          counts.push(Number(row?.n ?? 0));
        }
        const entry = results.find((r) => r.name === name);
        if (entry) entry.name = `${name} (${Math.min(...counts)}–${Math.max(...counts)} matches)`;
      }
    } finally {
      await inst.close();
    }

    // The same through the bot, one update at a time (each from a different member, so several
    // messages of one answer, as /rekap's, cannot be taken for the next one's).
    log('S5: end to end through the bot');
    const bot = await startBot(api, botEnv(api, bench, UNLIMITED_SENDS));
    const e2e = new Map<string, number[]>();
    try {
      let next = 1;
      const person = () => next++;
      const kinds: [string, (n: number) => FeedItem][] = [
        ['/ide — first page', (n) => ({ push: () => api.sendText(users[n]!, api.privateChat(users[n]!), '/ide') })],
        ['/ide — 50th page', (n) => ({ push: () => pressShown(api, users[n]!, lists[n]!, `il:p:50:n${seeded.cursor}:-`) })],
        ['/cari, one word', (n) => ({ push: () => api.sendText(users[n]!, api.privateChat(users[n]!), `/cari ${ONE_WORD[n % ONE_WORD.length]}`) })],
        ['/cari, three words', (n) => ({ push: () => api.sendText(users[n]!, api.privateChat(users[n]!), `/cari ${THREE_WORDS[n % THREE_WORDS.length]}`) })],
        ['/cari, a word in most ideas', (n) => ({ push: () => api.sendText(users[n]!, api.privateChat(users[n]!), `/cari ${COMMON_WORD[0]}`) })],
        ['/rekap', (n) => ({ push: () => api.sendText(users[n]!, api.privateChat(users[n]!), '/rekap') })],
        ['RSVP press', (n) => ({ push: () => pressShown(api, users[n]!, announcement, `s:r:${seeded.future[0]}:${['y', 'm', 'n'][n % 3]}`) })],
      ];
      for (const [name, make] of kinds) {
        const items = Array.from({ length: s.e2e }, () => make(person()));
        // Slow enough that each is handled alone: this is latency, not throughput.
        const r = await runFeed(api, items, { ratePerSec: 10, timeoutMs: 60_000 });
        e2e.set(name, [r.p50, r.p99, r.missing]);
      }
    } finally {
      await bot.stop();
    }

    const rows = results.map((r, i) => {
      const p50 = percentile(r.times, 50);
      const p99 = percentile(r.times, 99);
      const through = [...e2e.values()][i];
      return [
        r.name,
        p50.toFixed(2),
        p99.toFixed(2),
        r.target === undefined ? '—' : `≤ ${r.target}${engine === 'postgres' ? (p99 <= r.target ? ' ✅' : ' ❌') : ''}`,
        // The dashboard's pages are HTTP, not bot updates: timed above as whole requests.
        through ? `${through[0]!.toFixed(1)} / ${through[1]!.toFixed(1)}` : '—',
      ];
    });
    const plans = results.map((r) => `- **${r.name}**: ${r.plans.map((p, i) => `(${i + 1}) ${p}`).join('; ')}`).join('\n');
    const markdown =
      table(
        `5. Queries at scale (${label}) — ${s.ideas.toLocaleString('en')} ideas, ${s.members.toLocaleString('en')} members, ${s.agencies} agencies, ${s.sessions.toLocaleString('en')} sessions`,
        ['query', 'domain p50 (ms)', 'domain p99 (ms)', 'target p99 (ms)', 'through the bot p50 / p99 (ms)'],
        rows,
        `Domain: the functions the handlers call, timed in this process over ${s.iterations} calls (/rekap ${Math.min(s.iterations, 50)}), after one warm-up call. ` +
          `Through the bot: ${s.e2e} updates each at 10/s, offered → answer at the fake API. ` +
          `Dasbor rows: whole dashboard requests (queries and HTML) in process, signed in as a coordinator. Targets apply on PostgreSQL.`,
      ) + `\nEXPLAIN (ANALYZE) of each statement, in order — how each table is reached and the execution time:\n\n${plans}\n`;
    return { markdown };
  } finally {
    await api.close();
    await bench.cleanup();
  }
}

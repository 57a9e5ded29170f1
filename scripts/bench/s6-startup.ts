import type { StoredMessage } from '../../src/dev/telegram-double/index.js';
import { runFeed } from './feed.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDatabase, benchEngines, benchRuns, envInt, log, median, root, rssPeak, sleep, table, until } from './lib.js';
import { buildForum, lastS1Peaks, mixedFeed, s1Sizes } from './s1-throughput.js';
import { recapInBot, renderInProcess } from './s6-chart.js';
import { botEnv, startApi, startBot, UNLIMITED_SENDS } from './world.js';

/**
 * Scenario 6: start-up and memory. On a database that already exists (migrated and holding the
 * forum of scenario 1), with a /start waiting at the fake API: time from spawning the process
 * (`node --import tsx src/main.ts`, npm start before issue 14, and `node .build/main.js`, npm start now) to the answer of that /start; the resident
 * memory once idle; and the peak during scenario 1's feed (taken from scenario 1 when it ran in
 * the same invocation, else measured here with its fast feed).
 */

interface S6Row {
  engine: string;
  mode: string;
  readyMs: number;
  firstAnswerMs: number;
  idleRssMb: number;
  peakRssMb: number;
  /** After the first /rekap (its picture loads echarts and resvg), settled. */
  recapRssMb: number;
  recapPhotoMs: number;
}

async function measureEngine(engine: 'pglite' | 'postgres', runs: number, compiled: string): Promise<S6Row[]> {
  const bench = await benchDatabase(engine);
  const api = await startApi();
  try {
    const sizes = s1Sizes();
    const forum = await buildForum(api, bench, sizes);
    const env = botEnv(api, bench, UNLIMITED_SENDS);
    const rows: S6Row[] = [];
    for (const mode of ['tsx (npm start before #14)', 'npm start (.build/ JavaScript)'] as const) {
      const ready: number[] = [];
      const first: number[] = [];
      const idle: number[] = [];
      const recapRss: number[] = [];
      const recapMs: number[] = [];
      for (let run = 1; run <= runs; run++) {
        const user = forum.users[rows.length * runs + run]!;
        let answered: number | undefined;
        const off = api.onEvent((e) => {
          if (e.type === 'sent' && (e.message as StoredMessage).chat_id === user.id) answered ??= performance.now();
        });
        api.sendText(user, api.privateChat(user), '/start');
        const tsx = mode === 'tsx (npm start before #14)';
        const bot = await startBot(api, env, tsx ? 'src/main.ts' : compiled, { tsx });
        try {
          await until(() => answered !== undefined, 60_000, 'the first answer');
          ready.push(bot.readyMs);
          first.push(answered! - bot.startedAt);
          // Idle: started, first update handled, the jobs' first rounds done.
          await sleep(envInt('BENCH_S6_IDLE_MS', 4000));
          idle.push(bot.rssMb());
          const recap = await recapInBot(api, bot, user, envInt('BENCH_S6_IDLE_MS', 4000));
          recapRss.push(recap.rssAfterMb);
          recapMs.push(recap.photoMs);
        } finally {
          off();
          await bot.stop();
        }
      }
      rows.push({ engine: bench.label, mode, readyMs: median(ready), firstAnswerMs: median(first), idleRssMb: median(idle), peakRssMb: NaN, recapRssMb: median(recapRss), recapPhotoMs: median(recapMs) });
    }
    let peak = lastS1Peaks.get(bench.label);
    if (peak === undefined) {
      log(`S6 ${bench.label}: scenario 1's fast feed for the peak`);
      const bot = await startBot(api, env);
      try {
        const sampler = rssPeak(bot.child.pid);
        await runFeed(api, mixedFeed(api, forum, sizes.updates, 2001, 'p-'), {});
        peak = sampler.stop();
      } finally {
        await bot.stop();
      }
    }
    rows[0]!.peakRssMb = peak;
    return rows;
  } finally {
    await api.close();
    await bench.cleanup();
  }
}

export async function scenario6(): Promise<{ markdown: string; rows: S6Row[] }> {
  const runs = benchRuns();
  const rows: S6Row[] = [];
  // What `npm start`'s prestart step does (scripts/build.mjs).
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`scripts/build.mjs failed: ${build.stdout}${build.stderr}`);
  for (const engine of benchEngines()) {
    log(`S6: ${engine}, ${runs} starts each under tsx and from .build/`);
    rows.push(...(await measureEngine(engine, runs, join(root, '.build', 'main.js'))));
  }
  const ok = (v: number, limit: number) => (v <= limit ? ' ✅' : ' ❌');
  log('S6: the recap picture, rendered in this process');
  const render = await renderInProcess();
  const charts = table(
    '6b. The recap picture (issue 10)',
    ['engine', 'process', 'idle RSS (MB)', 'after the first /rekap (MB)', 'added (MB)', '/rekap → photo received (ms)'],
    rows.map((r) => [r.engine, r.mode, Math.round(r.idleRssMb), Math.round(r.recapRssMb), `${Math.round(r.recapRssMb - r.idleRssMb)}${ok(r.recapRssMb - r.idleRssMb, 30)}`, Math.round(r.recapPhotoMs)]),
    `One chart of ${render.agencies} agencies rendered by the renderer process (median of 10, after one warm-up): SVG ${Math.round(render.svgMs)} ms; SVG + PNG ` +
      `${Math.round(render.totalMs)} ms${ok(render.totalMs, 300)} wall, ${Math.round(render.cpuMs)} ms of CPU; the renderer process's RSS ${Math.round(render.rendererRssMb)} MB. Targets: < 300 ms, ≤ 30 MB added to the idle process (the bot's own RSS; the renderer is a child process of its own, which exits after a minute without work). ` +
      `"/rekap → photo" includes the recap queries, the summary message and the upload to the fake API; the first /rekap also loads echarts and resvg.`,
  );
  const markdown = table(
    '6. Start-up and memory — existing database',
    ['engine', 'process', 'spawn → polling (ms)', 'spawn → first update answered (ms)', 'idle RSS (MB)', 'peak RSS in scenario 1 (MB)'],
    rows.map((r) => [r.engine, r.mode, Math.round(r.readyMs), `${Math.round(r.firstAnswerMs)}${ok(r.firstAnswerMs, 3000)}`, `${Math.round(r.idleRssMb)}${ok(r.idleRssMb, 250)}`, Number.isNaN(r.peakRssMb) ? '—' : Math.round(r.peakRssMb)]),
    `Targets: start-up ≤ 3 s, idle RSS ≤ 250 MB. "tsx" is \`node --import tsx src/main.ts\` (what \`npm start\` ran before issue 14: start-up includes compiling the TypeScript, the memory tsx's loader thread); "npm start" is \`node .build/main.js\`, the JavaScript its prestart step (scripts/build.mjs, esbuild) wrote. ` +
      `The database exists and is migrated; a /start waits at the fake API before the process starts. Medians of ${runs} starts; RSS from /proc/<pid>/status.`,
  );
  return { markdown: `${markdown}\n${charts}`, rows };
}

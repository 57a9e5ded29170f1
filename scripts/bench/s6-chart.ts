import { readFileSync } from 'node:fs';

/** User + system CPU milliseconds of a process so far (Linux). */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
import { recapChart } from '../../src/charts/recap.js';
import { chartRendererPid, chartToPng, chartToSvg, stopChartWorker } from '../../src/charts/render.js';
import { buildRecap, countIdeas, type IdeaFacts } from '../../src/domain/recap/rules.js';
import type { BotApiDouble, FakeUser, StoredMessage } from '../../src/dev/telegram-double/index.js';
import { median, until } from './lib.js';
import type { RunningBot } from './world.js';

/**
 * The recap picture in scenario 6: what the first /rekap adds to an idle bot (echarts and resvg are
 * loaded on first use) and how long the answer takes; and, in this process, the time to render one
 * chart of the 46 seeded agencies (in the renderer's worker thread): SVG alone, and SVG + PNG, wall and CPU.
 */
export async function recapInBot(api: BotApiDouble, bot: RunningBot, user: FakeUser, settleMs: number): Promise<{ photoMs: number; rssAfterMb: number }> {
  let photoAt: number | undefined;
  const off = api.onEvent((e) => {
    if (e.type === 'sent' && (e.message as StoredMessage).chat_id === user.id && (e.message as StoredMessage).photo) photoAt ??= performance.now();
  });
  try {
    const sentAt = performance.now();
    api.sendText(user, api.privateChat(user), '/rekap');
    await until(() => photoAt !== undefined, 60_000, 'the recap photo');
    await new Promise((r) => setTimeout(r, settleMs));
    return { photoMs: photoAt! - sentAt, rssAfterMb: bot.rssMb() };
  } finally {
    off();
  }
}

export async function renderInProcess(runs = 10): Promise<{ svgMs: number; totalMs: number; cpuMs: number; agencies: number; rendererRssMb: number }> {
  const seeded = JSON.parse(readFileSync(new URL('../../src/db/seed/agencies.json', import.meta.url), 'utf8')) as { name: string; shortName: string }[];
  const agencies = seeded.map((a, i) => ({ id: i + 1, ...a }));
  const stages = ['pitched', 'discussed', 'initiative', 'trial', 'implemented', 'replicated', 'archived'] as const;
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const ideas: IdeaFacts[] = [];
  for (const a of agencies) {
    for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) {
      const year = 2022 + Math.floor(rnd() * 5);
      const stage = stages[Math.floor(rnd() * stages.length)]!;
      ideas.push({ agencyId: a.id, stage, pitchedOn: `${year}-03-01`, implementedOn: stage === 'implemented' || stage === 'replicated' ? `${Math.min(2026, year + 1)}-06-01` : null });
    }
  }
  const recap = buildRecap(2026, agencies, countIdeas(ideas, []));
  const svg: number[] = [];
  const png: number[] = [];
  const cpu: number[] = [];
  const spec = () => recapChart(recap, 'id', new Date(), 'Asia/Makassar');
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    await chartToSvg(spec());
    const t1 = performance.now();
    const cpu0 = cpuOf(chartRendererPid());
    await chartToPng(spec());
    const t2 = performance.now();
    const used = cpuOf(chartRendererPid()) - cpu0; // the renderer process (clock ticks of 10 ms)
    if (i === 0) continue; // the first call starts the worker and loads the libraries
    svg.push(t1 - t0);
    png.push(t2 - t1);
    cpu.push(used);
  }
  const status = readFileSync(`/proc/${chartRendererPid()}/status`, 'utf8');
  const rendererRssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  await stopChartWorker();
  return { svgMs: median(svg), totalMs: median(png), cpuMs: median(cpu), agencies: agencies.length, rendererRssMb };
}

import { readFileSync, writeFileSync } from 'node:fs';
import { buildRecap, countIdeas } from '/work/wt-recap/src/domain/recap/rules.js';
import { recapChart } from '/work/wt-recap/src/charts/recap.js';
import { chartToSvg, svgToPng } from '/work/wt-recap/src/charts/render.js';
const ag = JSON.parse(readFileSync('/work/wt-recap/src/db/seed/agencies.json','utf8')) as any[];
const agencies = ag.map((a, i) => ({ id: i + 1, name: a.name, shortName: a.shortName }));
const stages = ['pitched','discussed','initiative','trial','implemented','replicated','archived'] as const;
let seed = 7; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const ideas = [] as any[];
for (const a of agencies) for (let k = 0; k < Math.floor(rnd()*5); k++) {
  const y = 2023 + Math.floor(rnd()*4); const st = stages[Math.floor(rnd()*7)]!;
  ideas.push({ agencyId: a.id, stage: st, pitchedOn: `${y}-03-01`, implementedOn: st==='implemented'||st==='replicated' ? `${Math.min(2026,y+Math.floor(rnd()*2))}-06-01` : null });
}
const recap = buildRecap(2026, agencies, countIdeas(ideas, [{agencyId: 3, year: 2026}, {agencyId: 5, year: 2025}]));
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const spec = recapChart(recap, process.argv[2] === 'en' ? 'en' : 'id', new Date(), 'Asia/Makassar');
  const svg = await chartToSvg(spec);
  const t1 = performance.now();
  const png = await svgToPng(svg);
  const t2 = performance.now();
  console.log(`svg ${(t1-t0).toFixed(0)} ms, png ${(t2-t1).toFixed(0)} ms, total ${(t2-t0).toFixed(0)}, ${png.length} bytes ${spec.width}x${spec.height}`, process.memoryUsage().rss/1e6|0);
  writeFileSync('/tmp/recap/out.png', png);
}

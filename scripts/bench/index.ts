import postgres from 'postgres';
import { log, machine } from './lib.js';

/**
 * `npm run bench [scenario numbers]`: runs the scenarios of issue 7 on loopback (the project's
 * fake Bot API; PGlite, and PostgreSQL when BENCH_DATABASE_URL is set) and prints one Markdown
 * table per scenario. Sizes and runs can be made smaller with BENCH_* variables (see README).
 */
const scenarios: Record<string, () => Promise<{ markdown: string }>> = {
  '1': async () => (await import('./s1-throughput.js')).scenario1(),
  '2': async () => (await import('./s2-head-of-line.js')).scenario2(),
  '3': async () => (await import('./s3-broadcast.js')).scenario3(),
  '4': async () => (await import('./s4-reminders.js')).scenario4(),
  '5': async () => (await import('./s5-queries.js')).scenario5(),
  '6': async () => (await import('./s6-startup.js')).scenario6(),
};

const wanted = process.argv.slice(2).filter((a) => /^\d$/.test(a));
const selected = wanted.length ? wanted : Object.keys(scenarios);
const started = performance.now();
let engines = 'PGlite 0.5 (embedded)';
if (process.env.BENCH_DATABASE_URL) {
  const sql = postgres(process.env.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await sql`show server_version`;
  await sql.end();
  engines = `PostgreSQL ${String(row?.server_version).split(' ')[0]} (loopback TCP) and ${engines}`;
}
process.stdout.write(`## Benchmarks\n\nMachine: ${machine()}; ${engines}.\n\n`);
for (const n of selected) {
  const run = scenarios[n];
  if (!run) throw new Error(`no scenario ${n} (1–6)`);
  const t0 = performance.now();
  const result = await run();
  process.stdout.write(`${result.markdown}\n`);
  log(`scenario ${n} took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
log(`all done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

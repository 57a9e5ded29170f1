import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/** Shared plumbing for the benchmark scenarios: bot processes, databases, statistics, tables. */

export const root = join(import.meta.dirname, '..', '..');

export interface BenchDatabase {
  label: 'PGlite' | 'PostgreSQL';
  /** Environment for a bot process using this database. */
  env: Record<string, string>;
  /** URL for the bench process itself (PostgreSQL only). */
  url?: string;
  dataDir: string;
  cleanup(): Promise<void>;
}

/** A fresh PGlite directory, or a fresh database on BENCH_DATABASE_URL's server. */
export async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warkop-bench-'));
  if (kind === 'pglite') {
    // PGLITE_THREAD=1 on the bench's command line measures the bot with PGlite in a worker thread.
    const thread = process.env.PGLITE_THREAD === '1';
    return {
      label: 'PGlite',
      env: { DATA_DIR: dataDir, ...(thread ? { PGLITE_THREAD: '1' } : {}) },
      dataDir,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('BENCH_DATABASE_URL is not set');
  const name = `warkop_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString(), ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}) },
    url: url.toString(),
    dataDir,
    cleanup: async () => {
      const again = postgres(server, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL (when BENCH_DATABASE_URL is set) and PGlite; BENCH_ENGINES=postgres or =pglite picks one. */
export function benchEngines(): ('pglite' | 'postgres')[] {
  const all: ('pglite' | 'postgres')[] = process.env.BENCH_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
  const only = process.env.BENCH_ENGINES?.split(',').map((s) => s.trim().toLowerCase());
  return only ? all.filter((e) => only.includes(e)) : all;
}

/** The engine for scenarios measured on one engine only: PostgreSQL when available. */
export function primaryEngine(): 'pglite' | 'postgres' {
  return benchEngines()[0] ?? 'pglite';
}

export interface BotProcess {
  child: ChildProcess;
  startedAt: number;
  output(): string;
  ready: Promise<number>;
  stop(): Promise<void>;
  rssMb(): number;
}

/** Starts a process the way `npm start` does (node with tsx; `tsx: false` for compiled JavaScript), returning when it is spawned. */
export function spawnScript(script: string, env: Record<string, string>, options: { tsx?: boolean; readyLine?: string } = {}): BotProcess {
  const readyLine = options.readyLine ?? 'bot started';
  const startedAt = performance.now();
  // BENCH_CPU_PROF=<dir>: each process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, ...(options.tsx === false ? [] : ['--import', 'tsx']), script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let resolveReady: (ms: number) => void;
  const ready = new Promise<number>((resolve) => (resolveReady = resolve));
  const onData = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
    if (out.includes(readyLine)) resolveReady(performance.now() - startedAt);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    startedAt,
    output: () => out,
    ready,
    rssMb: () => rssOf(child.pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

export function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS until stopped; returns the peak in MB. */
export function rssPeak(pid: number | undefined, everyMs = 50): { stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function table(title: string, header: string[], rows: (string | number)[][], note?: string): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v);
  const lines = [`### ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(fmt).join(' | ')} |`);
  if (note) lines.push('', note);
  return lines.join('\n') + '\n';
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function machine(): string {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  return `${cores} cores (${cpus}), ${Math.round(memKb / 1024 / 1024)} GiB RAM, Node ${process.version}`;
}

/** A whole number from the environment (sizes, runs), or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return Math.round(n);
}

/** How many times each measurement is repeated (the tables show medians). */
export function benchRuns(): number {
  return Math.max(1, envInt('BENCH_RUNS', 3));
}

/** Deterministic pseudo-random numbers, so every run offers the same feed. */
export { prng as rng } from '../../src/dev/prng.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Median of each numeric field over several runs' results. */
export function medianOf<T extends Record<string, number>>(results: T[]): T {
  const out = {} as Record<string, number>;
  for (const key of Object.keys(results[0] ?? {})) out[key] = median(results.map((r) => r[key]!));
  return out as T;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * The bot compiled to JavaScript (tsc into a temporary directory, with the files it reads at run
 * time: migrations, the agency list, proposal layouts), for comparing with `npm start` under tsx.
 */
export function compileBot(): { main: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'warkop-build-'));
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit', 'false', '--outDir', dir], { cwd: root, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  cpSync(join(root, 'drizzle'), join(dir, 'drizzle'), { recursive: true });
  cpSync(join(root, 'src', 'db', 'seed'), join(dir, 'src', 'db', 'seed'), { recursive: true });
  cpSync(join(root, 'src', 'domain', 'proposals', 'layouts'), join(dir, 'src', 'domain', 'proposals', 'layouts'), { recursive: true });
  cpSync(join(root, 'assets'), join(dir, 'assets'), { recursive: true });
  cpSync(join(root, 'src', 'charts', 'render-worker.mjs'), join(dir, 'src', 'charts', 'render-worker.mjs'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return { main: join(dir, 'src', 'main.js'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database, type Engine } from '../../src/db/client.js';
import { seedAgencies } from '../../src/domain/agencies.js';
import { createScratchDatabase, engines } from './databases.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The bot as production runs it: `node --import tsx src/main.ts`, a separate process configured by
 * its environment only, so SIGKILL is a real crash (no finally blocks, no flushed buffers).
 */
export class BotProcess {
  readonly child: ChildProcess;
  /** Every line of stdout and stderr, in arrival order. */
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private partial = { out: '', err: '' };
  private listeners = new Set<() => void>();

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      // Only what is given: no inherited DATABASE_URL or token can leak into a fault test.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (stream: 'out' | 'err') => (chunk: Buffer) => {
      const text = this.partial[stream] + chunk.toString();
      const parts = text.split('\n');
      this.partial[stream] = parts.pop()!;
      for (const line of parts) if (line.length) this.lines.push(line);
      for (const listener of this.listeners) listener();
    };
    this.child.stdout!.on('data', collect('out'));
    this.child.stderr!.on('data', collect('err'));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        for (const stream of ['out', 'err'] as const) if (this.partial[stream]) this.lines.push(this.partial[stream]);
        this.partial = { out: '', err: '' };
        resolve({ code, signal });
      }),
    );
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** pino's JSON lines (other lines, e.g. a crash's stack trace, are skipped). */
  logs(): Record<string, unknown>[] {
    return this.lines.flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Log entries whose msg matches. */
  logged(msg: string | RegExp): Record<string, unknown>[] {
    return this.logs().filter((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg))));
  }

  /** Resolves once a line matches; rejects if the process exits first or the time runs out. */
  async waitForLine(pattern: string | RegExp, timeoutMs = 120_000): Promise<string> {
    const find = () => this.lines.find((l) => (typeof pattern === 'string' ? l.includes(pattern) : pattern.test(l)));
    const found = find();
    if (found) return found;
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        fn();
      };
      const check = () => {
        const line = find();
        if (line) done(() => resolve(line));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no line matching ${String(pattern)} within ${timeoutMs} ms; last lines:\n${this.lines.slice(-15).join('\n')}`))), timeoutMs);
      this.listeners.add(check);
      void this.exited.then(() => setTimeout(() => done(() => reject(new Error(`the bot exited before printing ${String(pattern)}; last lines:\n${this.lines.slice(-15).join('\n')}`))), 50));
    });
  }

  /** Waits for start-up ("bot started"). */
  async started(timeoutMs = 120_000): Promise<void> {
    await this.waitForLine('"bot started"', timeoutMs);
  }

  /** A real crash: no shutdown code runs. */
  async crash(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A deploy: SIGTERM, then the exit code. */
  async stop(timeoutMs = 30_000): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const { code } = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** Where the bot process keeps its data, and how the test opens it too. */
export interface ProcessDatabase {
  engine: Engine;
  /** DATA_DIR or DATABASE_URL for the bot's environment. */
  env: Record<string, string>;
  /**
   * Opens the database from the test. PGlite serves one process: only while the bot is not running
   * (the DATA_DIR lock refuses otherwise).
   */
  open(): Promise<Database>;
  /** Runs `fn` on a freshly opened connection and closes it. */
  use<T>(fn: (database: Database) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

export async function processDatabase(engine: Engine): Promise<ProcessDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'warkop-faults-'));
    const open = () => openDatabase({ dataDir: dir });
    return {
      engine,
      env: { DATA_DIR: dir },
      open,
      use: async (fn) => {
        const database = await open();
        try {
          return await fn(database);
        } finally {
          await database.close();
        }
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { url, drop } = await createScratchDatabase();
  return processDatabaseAt(url, drop);
}

/** A PostgreSQL database the test already has (e.g. on a private cluster). */
export function processDatabaseAt(url: string, drop: () => Promise<void> = async () => {}): ProcessDatabase {
  const open = () => openDatabase({ dataDir: 'unused', databaseUrl: url, poolSize: 3 });
  return {
    engine: 'postgres',
    env: { DATABASE_URL: url },
    open,
    use: async (fn) => {
      const database = await open();
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
    dispose: drop,
  };
}

/** A database with the schema and the agencies, as the bot leaves it after its first start. */
export async function prepareDatabase(target: ProcessDatabase): Promise<void> {
  await target.use((database) => seedAgencies(database.db));
}

/** Settings every fault test shares: fast ticks, no waiting on Telegram's pace unless asked. */
export function baseEnv(api: { token: string; apiRoot: string }, target: ProcessDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    LOG_LEVEL: 'info',
    SEND_GLOBAL_PER_SEC: '10000',
    SEND_PRIVATE_PER_SEC: '10000',
    SEND_GROUP_PER_MIN: '600000',
    EDIT_GROUP_PER_MIN: '600000',
    COMMAND_BURST: '1000000',
    INTAKE_MAX_QUEUED_PER_CHAT: '1000000',
    SCHEDULER_TICK_SECONDS: '1',
    SHUTDOWN_GRACE_MS: '3000',
    ...target.env,
    ...extra,
  };
}

/** Slow fault tests run only in `npm run test:faults` (FAULTS=1). */
export const slowFaults = process.env.FAULTS === '1';

/**
 * Engines for process tests that also run in `npm test`: there one is enough (PostgreSQL when there is
 * a server: a bot process starts faster on it), `npm run test:faults` runs every engine.
 */
export const processEngines: Engine[] = slowFaults ? engines : [process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'];

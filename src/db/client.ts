import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type postgres from 'postgres';
import { openPgliteThread, asPglite } from './pglite-thread/client.js';
import { renewableSql } from './postgres-client.js';
import { countPglite, postgresCounting } from './statement-count.js';
import * as schema from './schema/index.js';
import { migrateDatabase } from './migrate.js';
import type { Logger } from '../logger.js';

/** The one database type every query takes: both engines' drizzle instances widen to it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Both drivers' results of `execute` (postgres.js: an array; PGlite: `{ rows }`), as rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** The server's URL (PostgreSQL only), for a connection of one's own (src/db/instance-lock.ts). */
  url?: string;
  /** PGlite on disk: its DATA_DIR (absent in memory and on PostgreSQL); backups go to DATA_DIR/backups. */
  dataDir?: string;
  /** Runs raw SQL and returns rows, hiding the drivers' different result shapes. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** PostgreSQL: replace the connection pool (see postgres-client.ts). */
  renew?(reason: string): void;
}

export interface OpenOptions {
  /** postgres:// URL; unset means embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` for a throw-away database (tests). */
  dataDir: string;
  /** Apply committed migrations (default true). */
  migrate?: boolean;
  /** postgres.js pool size. */
  poolSize?: number;
  /** Told when the PostgreSQL pool is replaced after a lost connection. */
  logger?: Pick<Logger, 'warn'>;
  /**
   * PGlite in a worker thread of its own (config PGLITE_THREAD). Unset: the PGLITE_THREAD environment
   * variable decides, so tests and scripts that open a database without a config can run either way.
   */
  pgliteThread?: boolean;
}

export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.logger) : await openPglite(options.dataDir, options.pgliteThread ?? process.env.PGLITE_THREAD === '1');
  if (options.migrate !== false) {
    try {
      await migrateDatabase(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

function openPostgres(url: string, poolSize: number, logger?: Pick<Logger, 'warn'>): Database {
  const pool = renewableSql(
    url,
    {
      max: poolSize,
      onnotice: () => {},
      connection: { application_name: 'warkop-indah-bot' },
      // postgres.js waits before reconnecting, growing to 20 s after repeated failures, and a query
      // waits with it: during a database outage users would hear nothing for that long, and after it
      // the bot would stay stuck as long. Short waits: "try again shortly" at once, back within a second.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
      // A server that does not answer at all (packets dropped) is given up on sooner than the default 30 s.
      connect_timeout: 10,
      ...postgresCounting(),
    },
    // drizzle adjusts each client's parsers (dates stay strings for it to convert): every new pool too.
    (client) => void drizzlePostgres(client, { schema }),
    (reason) => logger?.warn({ reason }, 'database connection lost: connection pool renewed'),
  );
  const client = pool.sql;
  const db = drizzlePostgres(client, { schema });
  return {
    db: db as unknown as Db,
    engine: 'postgres',
    url,
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    close: () => pool.end(),
    renew: (reason) => pool.renew(reason),
  };
}

/**
 * PGlite runs PostgreSQL inside WebAssembly: its shared_buffers are resident from the first query,
 * and WebAssembly memory never shrinks, so every peak (an index build's maintenance_work_mem, a
 * large sort) stays for the life of the process. PostgreSQL's defaults (128 MB of buffers, 64 MB
 * for maintenance) are sized for a server of its own; these keep the bot's process near 250 MB.
 */
const PGLITE_MEMORY = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=2MB'];

/**
 * V8 compiles WebAssembly in two tiers: Liftoff at once, then TurboFan for every function that has
 * run "enough" (a budget of bytes executed). PostgreSQL's start-up and first queries exhaust that
 * budget for hundreds of its functions, and their optimised code plus the compilers' working memory
 * (on background threads, kept by malloc) stayed resident: tens of MB of the bot's idle RSS on PGlite.
 * A larger budget keeps start-up's one-off work on Liftoff; the functions a busy bot keeps running
 * still reach TurboFan. How large was measured (issue 14, scenarios 1 and 6 on PGlite, one quiet
 * machine, back to back): V8's default, 241–262 MB idle and 129–130 updates/s; ×1,000 (2·10⁹),
 * 214 MB but 106–115 updates/s (the hot paths stayed slow); 5·10⁷ (≈ ×28), 226 MB and 126 updates/s.
 * V8 reads it when a module is compiled, so it is set before PGlite compiles its module (also in a
 * worker thread: flags are per process). Idempotent; harmless on PostgreSQL, which never gets here.
 */
const WASM_TIERING = '--wasm-tiering-budget=50000000';

async function openPglite(dataDir: string, thread: boolean): Promise<Database> {
  setFlagsFromString(WASM_TIERING);
  const inMemory = dataDir.startsWith('memory://');
  let release = () => {};
  let path: string | undefined;
  if (!inMemory) {
    path = resolve(dataDir, 'pglite');
    mkdirSync(path, { recursive: true });
    release = lockDataDir(resolve(dataDir));
  }
  let client: PGlite;
  try {
    // In a thread, PostgreSQL's WebAssembly runs beside the bot's JavaScript instead of taking turns with it.
    client = thread
      ? asPglite(await openPgliteThread(path ?? dataDir, PGLITE_MEMORY))
      : await PGlite.create(path ?? dataDir, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY] });
  } catch (err) {
    release();
    throw err;
  }
  countPglite(client);
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    engine: 'pglite',
    ...(inMemory ? {} : { dataDir: resolve(dataDir) }),
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite is one process's database. A second bot on the same DATA_DIR would corrupt it,
 * so the directory carries a lock file with the owner's pid. It is created exclusively, so of
 * two bots started at the same moment exactly one gets it; a file left by a process that is
 * gone (a crash) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'bot.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = readPid(file) || (pause(200), readPid(file)); // empty: being written by a bot starting right now
    if (pid !== 0 && pid !== process.pid && isAlive(pid)) throw lockedError(dir, pid);
    // Left by a process that is gone; unless another bot has just replaced it.
    if (readPid(file) === pid) rmSync(file, { force: true });
  }
  throw lockedError(dir, 0);
}

/** The pid of the live bot process holding DATA_DIR (its lock file), if any. */
export function dataDirOwner(dataDir: string): number | undefined {
  const pid = readPid(join(resolve(dataDir), 'bot.lock'));
  return pid !== 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

function readPid(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedError(dir: string, pid: number): DatabaseLockedError {
  return new DatabaseLockedError(
    `DATA_DIR ${dir} is in use by another bot process${pid ? ` (pid ${pid})` : ''}. PGlite serves one process only: stop it, or set DATABASE_URL to share a PostgreSQL server between instances.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

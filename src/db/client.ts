import { mkdirSync, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import { migrateDatabase } from './migrate.js';

/** The one database type every query takes: both engines' drizzle instances widen to it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query surface. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Runs raw SQL and returns rows, hiding the drivers' different result shapes. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
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
}

export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : await openPglite(options.dataDir);
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

function openPostgres(url: string, poolSize: number): Database {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connection: { application_name: 'warkop-indah-bot' } });
  const db = drizzlePostgres(client, { schema });
  return {
    db: db as unknown as Db,
    engine: 'postgres',
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * PGlite runs PostgreSQL inside WebAssembly: its shared_buffers are resident from the first query,
 * and WebAssembly memory never shrinks, so every peak (an index build's maintenance_work_mem, a
 * large sort) stays for the life of the process. PostgreSQL's defaults (128 MB of buffers, 64 MB
 * for maintenance) are sized for a server of its own; these keep the bot's process near 250 MB.
 */
export const PGLITE_MEMORY = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=2MB'];

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let release = () => {};
  let path: string | undefined;
  if (!inMemory) {
    path = resolve(dataDir, 'pglite');
    mkdirSync(path, { recursive: true });
    release = lockDataDir(resolve(dataDir));
  }
  const client = await PGlite.create(path ?? dataDir, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY] });
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    engine: 'pglite',
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
 * so the directory carries a lock file with the owner's pid.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'bot.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseLockedError(
        `DATA_DIR ${dir} is in use by another bot process (pid ${pid}). PGlite serves one process only: stop it, or set DATABASE_URL to share a PostgreSQL server between instances.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/db/client.js';
import { seedAgencies } from '../../src/domain/agencies.js';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** Empties every table and re-seeds the agencies: a clean slate between tests. */
  reset(): Promise<void>;
  url?: string;
}

/**
 * One database per test file: PGlite in memory, or a fresh PostgreSQL database created on the
 * TEST_DATABASE_URL server (so files can run in parallel) and dropped on close.
 */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') return withReset(await openDatabase({ dataDir: 'memory://' }));
  const { url, drop } = await createScratchDatabase();
  const database = await openDatabase({ dataDir: 'unused', databaseUrl: url, poolSize: 5 });
  const test = withReset(database, url);
  const close = test.close;
  test.close = async () => {
    await close();
    await drop();
  };
  return test;
}

/**
 * The lifecycle a database test file needs, declared once: one database for the enclosing describe
 * block (opened before its tests, closed after), emptied and re-seeded before each test. Call it at
 * the top of the block, before the block's own beforeEach (hooks run in order). The returned handle
 * stands for the database opened in beforeAll.
 */
export function useTestDatabase(engine: Engine): TestDatabase {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async () => {
    await opened!.reset();
  });
  return new Proxy({} as TestDatabase, {
    get(_target, prop) {
      if (!opened) throw new Error('the test database is used before beforeAll opened it');
      const value = (opened as unknown as Record<string | symbol, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(opened) : value;
    },
  });
}

export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `wi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

function withReset(database: Database, url?: string): TestDatabase {
  return Object.assign(database, {
    url,
    async reset() {
      const tables = await database.query<{ tablename: string }>(
        "select tablename from pg_tables where schemaname = 'public'",
      );
      if (tables.length) {
        await database.query(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`);
      }
      await seedAgencies(database.db);
    },
  });
}

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm/logger';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Database, Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import type { BenchDatabase } from './lib.js';

/**
 * The bench database opened with a query log, so a scenario can call the domain functions the bot
 * calls, see the SQL they sent and run EXPLAIN (ANALYZE) on exactly that. Migrations must have run
 * (open it with seed.ts's withDatabase first).
 */
export interface Instrumented {
  database: Database;
  /** Runs `fn` and returns the statements it sent (with their parameters). */
  capture<T>(fn: (db: Db) => Promise<T>): Promise<{ result: T; queries: { sql: string; params: unknown[] }[] }>;
  /** EXPLAIN (ANALYZE, BUFFERS) of one statement, as text lines; rolled back when it writes. */
  explain(sql: string, params: unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function openInstrumented(bench: BenchDatabase): Promise<Instrumented> {
  let sink: { sql: string; params: unknown[] }[] | undefined;
  const logger: Logger = { logQuery: (sql, params) => void sink?.push({ sql, params }) };
  let database: Database;
  let raw: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Runs one statement in a transaction that is rolled back. */
  let rolledBack: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  let end: () => Promise<void>;
  if (bench.url) {
    const client = postgres(bench.url, { max: 4, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
    raw = async (text, params) => (await client.unsafe(text, params as never[])) as unknown as Record<string, unknown>[];
    rolledBack = async (text, params) => {
      let rows: Record<string, unknown>[] = [];
      await client
        .begin(async (tx) => {
          rows = (await tx.unsafe(text, params as never[])) as unknown as Record<string, unknown>[];
          throw new RolledBack();
        })
        .catch((err: unknown) => {
          if (!(err instanceof RolledBack)) throw err;
        });
      return rows;
    };
    database = { db, engine: 'postgres', query: raw as Database['query'], close: async () => {} };
    end = () => client.end({ timeout: 5 });
  } else {
    const client = await PGlite.create(join(bench.dataDir, 'pglite'), { extensions: { pg_trgm } });
    const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
    raw = async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows;
    rolledBack = (text, params) =>
      client.transaction(async (tx) => {
        const rows = (await tx.query<Record<string, unknown>>(text, params)).rows;
        await tx.rollback();
        return rows;
      });
    database = { db, engine: 'pglite', query: raw as Database['query'], close: async () => {} };
    end = () => client.close();
  }
  return {
    database,
    async capture(fn) {
      sink = [];
      try {
        const result = await fn(database.db);
        return { result, queries: sink };
      } finally {
        sink = undefined;
      }
    },
    async explain(sql, params) {
      const writes = /^\s*(insert|update|delete|with)/i.test(sql);
      const rows = await (writes ? rolledBack : raw)(`explain (analyze, buffers, costs off) ${sql}`, params);
      return rows.map((r) => String(Object.values(r)[0]));
    },
    close: end,
  };
}

/**
 * The gist of a plan: how each table is reached (index and scan type) and the execution time,
 * e.g. `Index Scan Backward using ideas_pkey on ideas · Seq Scan on agencies · 0.21 ms`.
 */
export function planSummary(lines: string[]): string {
  const access = new Set<string>();
  let time = '';
  for (const line of lines) {
    const m = /((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan|Function Scan|CTE Scan|Subquery Scan)) (?:using (\S+) )?on (\S+)/.exec(line);
    if (m) access.add(`${m[1]}${m[2] ? ` using ${m[2]}` : ''} on ${m[3]}`);
    const t = /Execution Time: ([\d.]+) ms/.exec(line);
    if (t) time = `${t[1]} ms`;
  }
  return [...access, time].filter(Boolean).join(' · ');
}

class RolledBack extends Error {}

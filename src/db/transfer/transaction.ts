import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { Database } from '../client.js';
import type { Query } from './catalog.js';

/**
 * One transaction on either engine with raw SQL, for the copy. `snapshot` is read-only and sees one
 * consistent moment (REPEATABLE READ on PostgreSQL; on PGlite, which has one session, a transaction
 * holds every other query of the process until it ends — that wait is the bot's pause during a backup).
 * Every value is read and written as PostgreSQL's own text form, so the session settings that shape
 * that text are fixed here: the same row reads the same on both engines.
 */
export async function inTransaction<T>(database: Database, mode: 'snapshot' | 'write', fn: (q: Query) => Promise<T>): Promise<T> {
  // One statement: on PGlite every round trip lengthens the bot's pause.
  const settings = async (q: Query) => void (await q(`select ${TEXT_SETTINGS.map(([name, value]) => `set_config('${name}', '${value}', true)`).join(', ')}`));
  if (database.engine === 'pglite') {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    return client.transaction(async (tx) => {
      const q: Query = async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows;
      if (mode === 'snapshot') await q('set transaction read only');
      await settings(q);
      return fn(q);
    });
  }
  const client = (database.db as unknown as { $client: postgres.Sql }).$client;
  const options = mode === 'snapshot' ? 'isolation level repeatable read read only' : 'isolation level read committed';
  return client.begin(options, async (sql) => {
    const q: Query = async <R>(text: string, params: unknown[] = []) => (await sql.unsafe(text, params as never[])) as unknown as R[];
    await settings(q);
    return fn(q);
  }) as Promise<T>;
}

const TEXT_SETTINGS: [string, string][] = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, YMD'],
  ['IntervalStyle', 'postgres'],
  ['bytea_output', 'hex'],
  ['extra_float_digits', '1'],
];

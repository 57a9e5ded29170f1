import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { isWriteAfterClose } from '../../src/db/postgres-client.js';
import { createScratchDatabase } from '../helpers/databases.js';

describe('isWriteAfterClose', () => {
  it('recognises postgres.js’s write on a closed connection, and nothing else', () => {
    const err = new TypeError("Cannot read properties of null (reading 'write')");
    err.stack = `${err.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isWriteAfterClose(err)).toBe(true);
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `${ours.message}\n    at send (file:///app/src/telegram/sender.ts:10:1)`;
    expect(isWriteAfterClose(ours)).toBe(false);
    expect(isWriteAfterClose(new Error('write'))).toBe(false);
  });
});

/**
 * The server closing the bot's connections (a restart, a failover, an administrator): the next
 * queries get a fresh pool. Only this test's own backends on its own scratch database are
 * terminated; the shared server keeps running.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL connections closed by the server', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let database: Database;
  let admin: postgres.Sql;
  const warnings: unknown[] = [];

  beforeEach(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ dataDir: 'unused', databaseUrl: scratch.url, poolSize: 4, logger: { warn: (o: unknown) => void warnings.push(o) } as never });
    admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
  });
  afterEach(async () => {
    await database.close();
    await admin.end();
    await scratch.drop();
  });

  it('renews the pool and answers the next queries', async () => {
    await Promise.all(Array.from({ length: 8 }, () => database.query('select pg_sleep(0.05)')));
    const before = await admin`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'warkop-indah-bot'`;
    expect(before[0]!.n).toBeGreaterThan(0);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'warkop-indah-bot'`;
    // A query may meet a connection still closing; soon the pool is fresh (a cap for a busy machine).
    const deadline = Date.now() + 30_000;
    let ok = 0;
    while (ok < 20 && Date.now() < deadline) {
      try {
        const [row] = await database.query<{ one: number }>('select 1 as one');
        if (row?.one === 1) ok++;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(ok).toBe(20);
    expect(warnings.length).toBeGreaterThan(0);
    // And transactions through drizzle work on the new pool.
    const result = await database.db.transaction(async (tx) => (await tx.execute('select 2 as two')) as unknown as { two: number }[]);
    expect(result[0]!.two).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bigint, customType, date, integer, interval, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { openDatabase, rowsOf, type Database } from '../../src/db/client.js';
import { inTransaction } from '../../src/db/transfer/transaction.js';

const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Every kind of value whose parsing drizzle adjusts (dates, intervals, numeric, arrays of them) or that crosses as an object. */
const probe = pgTable('thread_probe', {
  id: integer('id').primaryKey(),
  big: bigint('big', { mode: 'bigint' }),
  bigNumber: bigint('big_number', { mode: 'number' }),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  atText: timestamp('at_text', { mode: 'string' }),
  day: date('day'),
  span: interval('span'),
  amount: numeric('amount'),
  data: jsonb('data'),
  raw: bytes('raw'),
  tags: text('tags').array(),
  days: date('days').array(),
});

const CREATE = `create table thread_probe (id integer primary key, big bigint, big_number bigint, at timestamptz, at_text timestamp, day date,
  span interval, amount numeric, data jsonb, raw bytea, tags text[], days date[])`;

const ROWS = [
  {
    id: 1,
    big: 9_007_199_254_740_993n,
    bigNumber: 42,
    at: new Date('2026-03-01T10:15:30.123Z'),
    atText: '2026-03-01 18:15:30.5',
    day: '2026-03-01',
    span: '1 day 02:03:04',
    amount: '12345.6789',
    data: { nama: 'Warkop', angka: [1, 2, 3], ada: true, kosong: null },
    raw: new Uint8Array([0, 1, 2, 255]),
    tags: ['layanan', 'publik'],
    days: ['2026-01-01', '2026-12-31'],
  },
  { id: 2, big: null, bigNumber: null, at: null, atText: null, day: null, span: null, amount: null, data: null, raw: null, tags: null, days: null },
];

/** The same database in-process and in a thread: what the bot reads must not depend on where PGlite runs. */
describe('PGlite in a worker thread', () => {
  let thread: Database;
  let local: Database;

  beforeAll(async () => {
    [thread, local] = await Promise.all([
      openDatabase({ dataDir: 'memory://', pgliteThread: true }),
      openDatabase({ dataDir: 'memory://', pgliteThread: false }),
    ]);
    for (const database of [thread, local]) {
      await database.query(CREATE);
      await database.db.insert(probe).values(ROWS);
    }
  });
  afterAll(async () => {
    await thread?.close();
    await local?.close();
  });

  it('reads every type as in-process PGlite does, through drizzle and raw', async () => {
    const read = async (database: Database) => ({
      select: await database.db.select().from(probe).orderBy(probe.id),
      partial: await database.db.select({ at: probe.at, n: sql<number>`count(*) over ()`.mapWith(Number) }).from(probe).orderBy(probe.id),
      execute: rowsOf<Record<string, unknown>>(await database.db.execute(sql`select at, day, span, days, big, data from thread_probe order by id`)),
      query: await database.query('select at, day, span, amount, big, data, raw from thread_probe order by id'),
    });
    const [fromThread, fromLocal] = await Promise.all([read(thread), read(local)]);
    expect(fromThread.select[0]).toEqual(ROWS[0]);
    expect(fromThread.select[0]?.at).toBeInstanceOf(Date);
    expect(fromThread.select[0]?.big).toBe(9_007_199_254_740_993n);
    expect(fromThread.select[1]).toEqual(ROWS[1]);
    expect(fromThread.select).toEqual(fromLocal.select);
    expect(fromThread.partial).toEqual(fromLocal.partial);
    // drizzle's raw execute keeps dates as PostgreSQL's text; the thread must leave them so too.
    expect(fromThread.execute).toEqual(fromLocal.execute);
    expect(fromThread.execute[0]?.day).toBe('2026-03-01');
    expect(fromThread.query).toEqual(fromLocal.query);
    expect((fromThread.query[0] as { at: unknown }).at).toBeInstanceOf(Date);
  });

  it('commits a transaction, rolls back a failed one and a failed savepoint', async () => {
    await thread.db.transaction(async (tx) => {
      await tx.insert(probe).values({ id: 10 });
      await tx.insert(probe).values({ id: 11 });
    });
    await expect(
      thread.db.transaction(async (tx) => {
        await tx.insert(probe).values({ id: 12 });
        throw new Error('berhenti');
      }),
    ).rejects.toThrow('berhenti');
    await thread.db.transaction(async (tx) => {
      await tx.insert(probe).values({ id: 13 });
      await expect(tx.transaction(async (inner) => void (await inner.insert(probe).values({ id: 13 })))).rejects.toThrow();
      await tx.insert(probe).values({ id: 14 });
    });
    await expect(thread.db.transaction(async (tx) => tx.rollback())).rejects.toThrow();
    const ids = (await thread.query<{ id: number }>('select id from thread_probe where id >= 10 order by id')).map((r) => r.id);
    expect(ids).toEqual([10, 11, 13, 14]);
    await thread.query('delete from thread_probe where id >= 10');
  });

  it('holds statements from outside while a transaction is open, and runs them after it', async () => {
    let outsideDone = false;
    let outside: Promise<unknown> | undefined;
    await thread.db.transaction(async (tx) => {
      await tx.insert(probe).values({ id: 20 });
      outside = thread.query<{ n: number }>('select count(*)::int as n from thread_probe').then((rows) => ((outsideDone = true), rows));
      // Round trips of the transaction's own give the outside statement every chance to overtake.
      for (let i = 0; i < 20; i++) await tx.execute(sql`select pg_sleep(0)`);
      expect(outsideDone).toBe(false);
      await tx.insert(probe).values({ id: 21 });
    });
    expect(await outside).toEqual([{ n: ROWS.length + 2 }]);
    // Two transactions at once take turns, neither sees a half of the other.
    await Promise.all(
      [30, 40].map((base) =>
        thread.db.transaction(async (tx) => {
          await tx.insert(probe).values({ id: base });
          const [row] = await tx.execute(sql`select count(*)::int as n from thread_probe where id between 30 and 49`).then((r) => rowsOf<{ n: number }>(r));
          await tx.insert(probe).values({ id: base + 1 });
          return row?.n;
        }),
      ),
    ).then((counts) => expect(counts.sort()).toEqual([1, 3]));
    await thread.query('delete from thread_probe where id >= 20');
  });

  it('brings PostgreSQL errors back with their code and fields, and goes on', async () => {
    const err = await thread.query('insert into thread_probe (id) values (1)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 'thread_probe_pkey', table: 'thread_probe', message: expect.stringContaining('duplicate key') });
    expect((err as Error).stack).toContain('pglite-thread.test.ts');
    const viaDrizzle = await thread.db.insert(probe).values({ id: 1 }).catch((e: unknown) => e);
    expect((viaDrizzle as { cause?: unknown }).cause).toMatchObject({ code: '23505' });
    await expect(thread.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
    expect(await thread.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('serves the backup copy its read-only snapshot transaction', async () => {
    const rows = await inTransaction(thread, 'snapshot', (q) => q<{ n: number }>('select count(*)::int as n from thread_probe'));
    expect(rows).toEqual([{ n: ROWS.length }]);
    await expect(inTransaction(thread, 'snapshot', (q) => q('delete from thread_probe'))).rejects.toMatchObject({ code: '25006' });
  });

  // Last: it closes the shared database.
  it('closes the thread; a statement after that fails instead of hanging', async () => {
    await thread.close();
    await expect(thread.query('select 1')).rejects.toThrow(/closed/);
    await thread.close();
  });
});

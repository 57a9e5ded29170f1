import { describe, expect, it } from 'vitest';
import { readAgencySeed, seedAgencies } from '../../src/domain/agencies.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { agencies } from '../../src/db/schema/index.js';
import { engines, openTestDatabase } from '../helpers/databases.js';

describe.each(engines)('migrations and seeding (%s)', (engine) => {
  it('applies every migration, and applying them again changes nothing', async () => {
    const database = await openTestDatabase(engine);
    try {
      const tables = async () =>
        (await database.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' order by 1")).map((r) => r.tablename);
      const before = await tables();
      expect(before).toEqual(expect.arrayContaining(['agencies', 'members', 'chats', 'telegram_updates', 'conversations', 'ideas']));
      const applied = await database.query<{ n: number | string }>('select count(*) as n from drizzle.__drizzle_migrations');
      await migrateDatabase(database);
      await migrateDatabase(database);
      expect(await tables()).toEqual(before);
      expect(await database.query<{ n: number | string }>('select count(*) as n from drizzle.__drizzle_migrations')).toEqual(applied);
      const [trgm] = await database.query<{ s: number }>("select similarity('layanan', 'pelayanan') as s");
      expect(Number(trgm?.s)).toBeGreaterThan(0.3);
    } finally {
      await database.close();
    }
  });

  it('seeds the agencies once and never brings back a renamed one', async () => {
    const database = await openTestDatabase(engine);
    try {
      await database.reset();
      const seeded = await database.db.select().from(agencies);
      expect(seeded).toHaveLength(readAgencySeed().length);
      expect(seeded.map((a) => a.shortName)).toEqual(expect.arrayContaining(['Bappelitbangda', 'Dinkes', 'RSUD Andi Djemma', 'Organisasi', 'Kec. Masamba']));
      await database.query("update agencies set name = 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah', short_name = 'Bapperida' where short_name = 'Bappelitbangda'");
      expect(await seedAgencies(database.db)).toBe(0);
      const again = await database.db.select().from(agencies);
      expect(again).toHaveLength(seeded.length);
      expect(again.some((a) => a.shortName === 'Bappelitbangda')).toBe(false);
    } finally {
      await database.close();
    }
  });
});

describe('migrations under concurrency', () => {
  it.runIf(engines.includes('postgres'))('two instances migrating the same PostgreSQL at once both succeed', async () => {
    const { createScratchDatabase } = await import('../helpers/databases.js');
    const { openDatabase } = await import('../../src/db/client.js');
    const scratch = await createScratchDatabase();
    try {
      const [a, b] = await Promise.all([
        openDatabase({ dataDir: 'unused', databaseUrl: scratch.url, poolSize: 2 }),
        openDatabase({ dataDir: 'unused', databaseUrl: scratch.url, poolSize: 2 }),
      ]);
      const rows = await a.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(2);
      await a.close();
      await b.close();
    } finally {
      await scratch.drop();
    }
  });
});

import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Any fixed number; it names the lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_261_018;

/**
 * What migrating needs of an open database. client.ts's Database fits it; it is declared here
 * because client.ts migrates on open, so this module must not import client.ts back.
 */
export interface MigrationTarget {
  engine: 'pglite' | 'postgres';
  db: unknown;
  query(text: string): Promise<unknown>;
}

/**
 * Applies the committed migrations (a test may name a folder holding only the first few). On PostgreSQL two instances may start together, so the
 * work runs under a session advisory lock held on one connection of the pool.
 */
export async function migrateDatabase(database: MigrationTarget, folder: string = migrationsFolder): Promise<void> {
  if (database.engine === 'pglite') {
    await database.query('create extension if not exists pg_trgm');
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const db = database.db as unknown as PostgresJsDatabase & { $client: import('postgres').Sql };
  const reserved = await db.$client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await reserved`create extension if not exists pg_trgm`;
      await migratePostgres(db, { migrationsFolder: folder });
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    reserved.release();
  }
}

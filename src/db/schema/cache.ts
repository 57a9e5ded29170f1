import { bigint, pgSchema, text } from 'drizzle-orm/pg-core';

/**
 * What is derived from the rest and may be thrown away: kept out of `public` so backups, moves and
 * restores (which copy `public`) neither carry it nor collide with the rows their own inserts bump.
 */
export const cacheSchema = pgSchema('cache');

/**
 * One row per table that memoised reads depend on (ideas, idea_awards, agencies), bumped by a
 * statement-level trigger in the writing transaction (migration 0013_recap), so every instance sees a
 * change when, and only when, it commits. Values come from one sequence: never reused, not even
 * after a rollback, so an equal version means unchanged data.
 */
export const dataVersions = cacheSchema.table('data_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

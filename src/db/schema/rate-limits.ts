import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Send limits shared by every bot instance on one PostgreSQL (GCRA): `tat` is the theoretical
 * arrival time, in milliseconds of the database clock, of the next message allowed for `key`.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  tat: bigint('tat', { mode: 'number' }).notNull(),
});

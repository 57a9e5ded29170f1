import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/** Small runtime settings coordinators change from the bot (e.g. the active proposal layout). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

import { boolean, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from './columns.js';

/** Perangkat Daerah (PD): regional agencies. Names change, so rows are renamed and deactivated, never deleted. */
export const agencies = pgTable(
  'agencies',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('agencies_name_lower_uq').on(sql`lower(${t.name})`)],
);

export type Agency = typeof agencies.$inferSelect;

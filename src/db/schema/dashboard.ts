import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { members } from './members.js';

/**
 * Sign-in links for the web dashboard (`/dasbor` in the private chat): single use, short-lived.
 * Only the SHA-256 of the token is stored, so a database dump signs no one in.
 */
export const dashboardLinks = pgTable(
  'dashboard_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('dashboard_links_member_idx').on(t.memberId)],
);

/** Browser sessions of the dashboard (the cookie holds the token; the row its hash). Any instance reads them. */
export const dashboardSessions = pgTable(
  'dashboard_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dashboard_sessions_member_idx').on(t.memberId)],
);

import { bigint, boolean, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';
import { createdAt, instant, updatedAt } from './columns.js';
import { languages } from '../../i18n/languages.js';

export const roles = ['member', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

// Defined with the catalogues (i18n is a leaf, importing nothing); the language columns take their values.
export { languages, type Language } from '../../i18n/languages.js';

/** A Telegram user the bot has met. `registeredAt` is set once they finished /daftar. */
export const members = pgTable(
  'members',
  {
    id: serial('id').primaryKey(),
    telegramId: bigint('telegram_id', { mode: 'number' }).notNull().unique(),
    firstName: text('first_name').notNull(),
    username: text('username'),
    fullName: text('full_name'),
    agencyId: integer('agency_id').references(() => agencies.id),
    role: text('role', { enum: roles }).notNull().default('member'),
    /** Explicit choice via /bahasa; null means "follow Telegram's language_code". */
    language: text('language', { enum: languages }),
    telegramLanguage: text('telegram_language'),
    /** False once the member blocked the bot: stop sending, keep the data. */
    reachable: boolean('reachable').notNull().default(true),
    registeredAt: instant('registered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('members_agency_idx').on(t.agencyId), index('members_username_idx').on(t.username)],
);

export type Member = typeof members.$inferSelect;

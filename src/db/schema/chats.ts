import { bigint, boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';

export const chatTypes = ['private', 'group', 'supergroup', 'channel'] as const;

/** Chats the bot is in. `active` turns false when the bot is removed or blocked (HTTP 403). */
export const chats = pgTable('chats', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  type: text('type', { enum: chatTypes }).notNull(),
  title: text('title'),
  isForum: boolean('is_forum').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type Chat = typeof chats.$inferSelect;

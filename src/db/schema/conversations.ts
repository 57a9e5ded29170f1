import { bigint, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, updatedAt } from './columns.js';

/** Multi-step dialogs (registration, guided pitch, …) live here so a restart loses none. */
export const conversations = pgTable(
  'conversations',
  {
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    step: text('step').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: instant('expires_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] })],
);

export type Conversation = typeof conversations.$inferSelect;

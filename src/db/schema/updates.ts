import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from './columns.js';

/**
 * The intake journal: every update id the bot received. Inserting the row is the
 * de-duplication (a second delivery conflicts), and rows without `handledAt` are
 * re-dispatched after a crash, so the polling offset can move on without losing anything.
 * With several instances, `owner` names the instance handling the row (src/db/instance-lock.ts)
 * and `chatKey` lets an update wait for an earlier one of its chat still running elsewhere.
 */
export const telegramUpdates = pgTable(
  'telegram_updates',
  {
    updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
    payload: jsonb('payload').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
    handledAt: instant('handled_at'),
    chatKey: text('chat_key'),
    owner: integer('owner'),
  },
  (t) => [
    index('telegram_updates_unhandled_idx').on(t.updateId).where(sql`handled_at is null`),
    index('telegram_updates_chat_unhandled_idx').on(t.chatKey, t.updateId).where(sql`handled_at is null`),
  ],
);


/**
 * What an update changed, recorded in the same transaction as the change: an update re-run after a
 * crash (or after Telegram was away) finds its row and replays the stored result instead of applying
 * the change again. `scope` names the change (one update may make several). Pruned with the journal.
 */
export const updateEffects = pgTable(
  'update_effects',
  {
    updateId: bigint('update_id', { mode: 'number' }).notNull(),
    scope: text('scope').notNull(),
    result: jsonb('result'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.scope] })],
);

import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { chats } from './chats.js';
import { createdAt, instant } from './columns.js';
import { members } from './members.js';

/** Groups (and the forum topic in them) that coordinators made announcement and broadcast targets. */
export const linkedChats = pgTable('linked_chats', {
  chatId: bigint('chat_id', { mode: 'number' })
    .primaryKey()
    .references(() => chats.id, { onDelete: 'cascade' }),
  /** Forum topic to post in; null = the chat itself (or a forum's General topic). */
  threadId: integer('thread_id'),
  linkedBy: integer('linked_by').references(() => members.id),
  createdAt: createdAt(),
});

export type LinkedChat = typeof linkedChats.$inferSelect;

export const broadcastAudiences = ['groups', 'members', 'agencies'] as const;
export type BroadcastAudience = (typeof broadcastAudiences)[number];
export const broadcastStatuses = ['sending', 'done', 'cancelled'] as const;
export type BroadcastStatus = (typeof broadcastStatuses)[number];

export const broadcasts = pgTable('broadcasts', {
  id: serial('id').primaryKey(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => members.id),
  text: text('text').notNull(),
  /** Telegram entities of the coordinator's message, so formatting survives. */
  entities: jsonb('entities').$type<unknown[]>(),
  audience: text('audience', { enum: broadcastAudiences }).notNull(),
  agencyIds: jsonb('agency_ids').$type<number[]>(),
  status: text('status', { enum: broadcastStatuses }).notNull().default('sending'),
  total: integer('total').notNull(),
  /** The coordinator's progress message, edited at most every few seconds. */
  progressChatId: bigint('progress_chat_id', { mode: 'number' }),
  progressMessageId: integer('progress_message_id'),
  progressEditedAt: instant('progress_edited_at'),
  reportedAt: instant('reported_at'),
  cancelledBy: integer('cancelled_by').references(() => members.id),
  createdAt: createdAt(),
  finishedAt: instant('finished_at'),
});

export type Broadcast = typeof broadcasts.$inferSelect;

export const deliveryStatuses = ['pending', 'delivered', 'failed', 'skipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** Why a delivery failed or was skipped: the report groups by it. */
export const deliveryReasons = ['blocked', 'not_found', 'error', 'unreachable', 'unlinked'] as const;
export type DeliveryReason = (typeof deliveryReasons)[number];

/**
 * One row per recipient, written when the broadcast is confirmed: the record of what each got.
 * Sending is a job per row in the queue (kind `broadcast.deliver`); a restart resumes from there.
 */
export const broadcastDeliveries = pgTable(
  'broadcast_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    broadcastId: integer('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    threadId: integer('thread_id'),
    memberId: integer('member_id').references(() => members.id),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    reason: text('reason', { enum: deliveryReasons }),
    messageId: integer('message_id'),
    processedAt: instant('processed_at'),
  },
  (t) => [
    uniqueIndex('broadcast_deliveries_uq').on(t.broadcastId, t.chatId),
    index('broadcast_deliveries_pending_idx').on(t.broadcastId, t.id).where(sql`status = 'pending'`),
  ],
);

export type BroadcastDelivery = typeof broadcastDeliveries.$inferSelect;

import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';

export const outboxStatuses = ['pending', 'sent', 'skipped', 'cancelled', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * The one job queue: every piece of background work — reminders, announcements, notices, idea
 * topics, drafts, broadcast deliveries, announcement refreshes — is a row here, written in the same
 * transaction as the change that causes it and run by a worker that claims due rows with a lease
 * (src/domain/jobs/queue.ts), so a restart loses none and two instances never both run one.
 * `kind` picks the handler and the retry policy; `dedupeKey` makes planning idempotent; `ref`
 * groups rows by their subject (e.g. `session:12`) so a change can cancel what is still pending.
 * The lease is `claimedBy` until `claimedUntil`; with `claimedBy` null, `claimedUntil` is a
 * "not before" (a retry's backoff, a grace period).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    ref: text('ref').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** Recipient chat; null for rows that fan out into per-chat rows when due. */
    chatId: bigint('chat_id', { mode: 'number' }),
    threadId: integer('thread_id'),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: instant('claimed_until'),
    claimedBy: text('claimed_by'),
    processedAt: instant('processed_at'),
    /** Why a row was skipped or failed (e.g. `started`, `blocked`), or the last failure of a pending one. */
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due_idx').on(t.dueAt).where(sql`status = 'pending'`),
    index('outbox_ref_idx').on(t.ref, t.status),
    // One chat's pending rows of a subject: every reminder checks for a later one due to the same
    // chat, and by subject alone that meant reading all of a big session's reminders each time.
    index('outbox_chat_pending_idx').on(t.chatId, t.ref).where(sql`status = 'pending'`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

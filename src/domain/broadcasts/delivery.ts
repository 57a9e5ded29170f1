import { and, eq, exists, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { broadcastDeliveries, broadcasts, chats, linkedChats, members, type Broadcast, type BroadcastDelivery, type DeliveryReason, type Language } from '../../db/schema/index.js';
import type { KindPolicy } from '../jobs/policy.js';
import { cancelPending, type NewJob } from '../jobs/queue.js';
import { displayName, languageFor } from '../members.js';

/**
 * Delivering a broadcast is a job per recipient in the one queue (kind `broadcast.deliver`);
 * `broadcast_deliveries` is the record of what each recipient got, which the report counts.
 */
export const BROADCAST_KIND = 'broadcast.deliver';
/** A delivery Telegram could not take (5xx, network) waits 10 s, doubling, and fails after 8 tries (~20 min); the deliveries are the record, so finished jobs go after 2 days. */
export const BROADCAST_POLICY: KindPolicy = { retry: { baseMs: 10_000, factor: 2, maxAttempts: 8 }, keepDays: 2 };

export const broadcastRef = (id: number) => `broadcast:${id}`;

export function deliveryJob(delivery: { id: number; broadcastId: number; chatId: number }, now: Date): NewJob {
  return {
    kind: BROADCAST_KIND,
    ref: broadcastRef(delivery.broadcastId),
    dedupeKey: `broadcast-delivery:${delivery.id}`,
    chatId: delivery.chatId,
    dueAt: now,
    payload: { broadcastId: delivery.broadcastId, deliveryId: delivery.id },
  };
}

export interface Lookups {
  /** Members the bot may still write to. */
  reachable: Set<number>;
  /** Linked groups by chat id (with the topic to post in). */
  groups: Map<number, { threadId: number | null }>;
  /** Groups the bot is still in. */
  active: Set<number>;
  /** Each member recipient's language, for the header. */
  languages: Map<number, Language>;
  /** Who sent each broadcast, for the header. */
  senders: Map<number, string>;
}

/** The deliveries and broadcasts of a batch of jobs, and what the batch needs to know about its recipients, in a few queries rather than a few per row. */
export async function loadBatch(
  db: DbOrTx,
  deliveryIds: number[],
  defaultLanguage: Language,
): Promise<{ deliveries: Map<number, BroadcastDelivery>; broadcasts: Map<number, Broadcast>; known: Lookups }> {
  const rows = deliveryIds.length ? await db.select().from(broadcastDeliveries).where(inArray(broadcastDeliveries.id, deliveryIds)) : [];
  const ids = [...new Set(rows.map((r) => r.broadcastId))];
  const list = ids.length ? await db.select().from(broadcasts).where(inArray(broadcasts.id, ids)) : [];
  const memberIds = rows.flatMap((r) => (r.memberId !== null ? [r.memberId] : []));
  const chatIds = rows.flatMap((r) => (r.memberId === null ? [r.chatId] : []));
  const recipients = memberIds.length
    ? await db
        .select({ id: members.id, language: members.language, telegramLanguage: members.telegramLanguage })
        .from(members)
        .where(and(inArray(members.id, memberIds), eq(members.reachable, true)))
    : [];
  const reachable = new Set(recipients.map((m) => m.id));
  const languages = new Map(recipients.map((m) => [m.id, languageFor(m, undefined, defaultLanguage)] as const));
  const creators = list.length
    ? await db
        .select({ id: members.id, fullName: members.fullName, firstName: members.firstName })
        .from(members)
        .where(inArray(members.id, [...new Set(list.map((b) => b.createdBy))]))
    : [];
  const names = new Map(creators.map((c) => [c.id, displayName(c)] as const));
  const senders = new Map(list.map((b) => [b.id, names.get(b.createdBy) ?? ''] as const));
  const chatRows = chatIds.length
    ? await db
        .select({ id: chats.id, active: chats.active, linked: linkedChats.chatId, threadId: linkedChats.threadId })
        .from(chats)
        .leftJoin(linkedChats, eq(linkedChats.chatId, chats.id))
        .where(inArray(chats.id, chatIds))
    : [];
  const groups = new Map(chatRows.filter((c) => c.linked !== null).map((c) => [c.id, { threadId: c.threadId }] as const));
  const active = new Set(chatRows.filter((c) => c.active).map((c) => c.id));
  return {
    deliveries: new Map(rows.map((r) => [r.id, r])),
    broadcasts: new Map(list.map((b) => [b.id, b])),
    known: { reachable, groups, active, languages, senders },
  };
}

export type DeliveryResult = { status: 'delivered'; messageId: number } | { status: 'failed' | 'skipped'; reason: DeliveryReason } | { status: 'cancelled' };

/** Writes what a delivery came to (once: a delivery already recorded is left alone). */
export async function recordDelivery(db: DbOrTx, deliveryId: number, result: DeliveryResult, now: Date): Promise<void> {
  const set =
    result.status === 'delivered'
      ? { status: 'delivered' as const, messageId: result.messageId, processedAt: now }
      : result.status === 'cancelled'
        ? { status: 'cancelled' as const, processedAt: now }
        : { status: result.status, reason: result.reason, processedAt: now };
  await db
    .update(broadcastDeliveries)
    .set(set)
    .where(and(eq(broadcastDeliveries.id, deliveryId), eq(broadcastDeliveries.status, 'pending')));
}

/**
 * Takes the turn to edit a broadcast's progress message: a conditional update, so of several
 * instances only one edits within `progressMs`. The broadcast when the turn is ours.
 */
export async function takeProgressTurn(db: DbOrTx, broadcastId: number, now: Date, progressMs: number): Promise<Broadcast | undefined> {
  const [claimed] = await db
    .update(broadcasts)
    .set({ progressEditedAt: now })
    .where(
      and(
        eq(broadcasts.id, broadcastId),
        eq(broadcasts.status, 'sending'),
        or(isNull(broadcasts.progressEditedAt), lte(broadcasts.progressEditedAt, new Date(now.getTime() - progressMs))),
      ),
    )
    .returning();
  return claimed;
}

/** Broadcasts not yet reported that may be closed: sending with nothing pending, or stopped. */
export async function closableBroadcasts(db: DbOrTx): Promise<Broadcast[]> {
  const pending = db
    .select({ one: sql`1` })
    .from(broadcastDeliveries)
    .where(and(eq(broadcastDeliveries.broadcastId, broadcasts.id), eq(broadcastDeliveries.status, 'pending')));
  return db
    .select()
    .from(broadcasts)
    .where(and(isNull(broadcasts.reportedAt), or(eq(broadcasts.status, 'cancelled'), and(eq(broadcasts.status, 'sending'), sql`not ${exists(pending)}`))));
}

/**
 * Closes a broadcast (exactly one worker succeeds): done, or cancelled with whatever an instance
 * took and never finished before the stop cancelled too. The closed broadcast, or nothing.
 */
export async function closeBroadcast(db: DbOrTx, candidate: Broadcast, now: Date): Promise<Broadcast | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(broadcasts)
      .set({ reportedAt: now, finishedAt: now, status: candidate.status === 'sending' ? 'done' : 'cancelled' })
      .where(and(eq(broadcasts.id, candidate.id), isNull(broadcasts.reportedAt)))
      .returning();
    if (row && row.status === 'cancelled') {
      await tx
        .update(broadcastDeliveries)
        .set({ status: 'cancelled', processedAt: now })
        .where(and(eq(broadcastDeliveries.broadcastId, row.id), eq(broadcastDeliveries.status, 'pending')));
      await cancelPending(tx, broadcastRef(row.id), { kinds: [BROADCAST_KIND], now, outcome: 'cancelled' });
    }
    return row;
  });
}

/** The language the broadcast's creator reads, for the progress message and the report. */
export async function creatorLanguage(db: DbOrTx, broadcast: Broadcast, defaultLanguage: Language): Promise<Language> {
  const [creator] = await db.select().from(members).where(eq(members.id, broadcast.createdBy));
  return languageFor(creator, undefined, defaultLanguage);
}

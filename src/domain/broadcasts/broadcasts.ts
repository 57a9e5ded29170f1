import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { broadcastDeliveries, broadcasts, type Broadcast, type BroadcastAudience } from '../../db/schema/index.js';
import { cancelPendingJobs, countRunning, enqueue } from '../jobs/queue.js';
import { audienceRecipients } from './audience.js';
import { BROADCAST_KIND, broadcastRef, deliveryJob } from './delivery.js';

/** Telegram's limit for one message; a longer broadcast is refused with the limit stated. */
/** Telegram's 4096 characters, less room for the header naming Warkop Indah and the sender (header.ts). */
export const BROADCAST_MAX = 3900;

export type TextCheck = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too_long'; length: number };

export function checkBroadcastText(text: string | undefined): TextCheck {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: false, reason: 'empty', length: 0 };
  if (text!.length > BROADCAST_MAX) return { ok: false, reason: 'too_long', length: text!.length };
  return { ok: true, text: text! };
}

export interface Entity {
  type: string;
  offset: number;
  length: number;
  [k: string]: unknown;
}

/**
 * The entities of `text` that fall inside the part starting at `start` (a command's payload),
 * moved to that part's offsets, so formatting survives `/siaran <text>`.
 */
export function entitiesFrom(entities: readonly Entity[] | undefined, start: number, length: number): Entity[] {
  return (entities ?? [])
    .filter((e) => e.offset >= start && e.offset + e.length <= start + length && e.type !== 'bot_command')
    .map((e) => ({ ...e, offset: e.offset - start }));
}

/** Writes the broadcast and one delivery row per recipient in one transaction; sending is the job's. */
export async function createBroadcast(
  db: Db,
  params: {
    createdBy: number;
    text: string;
    entities: Entity[] | null;
    audience: BroadcastAudience;
    agencyIds: number[];
    progress: { chatId: number; messageId: number };
    now: Date;
  },
): Promise<Broadcast> {
  return db.transaction((tx) => createBroadcastIn(tx, params));
}

/** createBroadcast inside the caller's transaction (with the dialog's end and the update's once-marker). */
export async function createBroadcastIn(tx: Tx, params: Parameters<typeof createBroadcast>[1]): Promise<Broadcast> {
  const recipients = await audienceRecipients(tx, params.audience, params.agencyIds);
  const [broadcast] = await tx
    .insert(broadcasts)
    .values({
      createdBy: params.createdBy,
      text: params.text,
      entities: params.entities?.length ? params.entities : null,
      audience: params.audience,
      agencyIds: params.audience === 'agencies' ? params.agencyIds : null,
      total: recipients.length,
      progressChatId: params.progress.chatId,
      progressMessageId: params.progress.messageId,
      progressEditedAt: params.now,
    })
    .returning();
  for (let i = 0; i < recipients.length; i += 1000) {
    const rows = await tx
      .insert(broadcastDeliveries)
      .values(recipients.slice(i, i + 1000).map((r) => ({ broadcastId: broadcast!.id, ...r })))
      .onConflictDoNothing()
      .returning({ id: broadcastDeliveries.id, broadcastId: broadcastDeliveries.broadcastId, chatId: broadcastDeliveries.chatId });
    await enqueue(tx, rows.map((r) => deliveryJob(r, params.now)));
  }
  return broadcast!;
}

export type StopResult = { ok: true; broadcast: Broadcast } | { ok: false; reason: 'none' | 'not_found' | 'finished' };

/**
 * Stops a broadcast in progress (the given one, or the latest). Deliveries not yet taken by a
 * worker are cancelled at once; those in flight finish and are counted. The job writes the report.
 */
export async function stopBroadcast(db: Db, params: { id?: number; by: number; now: Date }): Promise<StopResult> {
  return db.transaction(async (tx) => {
    const [target] = params.id
      ? await tx.select().from(broadcasts).where(eq(broadcasts.id, params.id)).for('update')
      : await tx.select().from(broadcasts).where(eq(broadcasts.status, 'sending')).orderBy(desc(broadcasts.id)).limit(1).for('update');
    if (!target) return { ok: false, reason: params.id ? 'not_found' : 'none' } as const;
    if (target.status !== 'sending') return { ok: false, reason: 'finished' } as const;
    const [stopped] = await tx
      .update(broadcasts)
      .set({ status: 'cancelled', cancelledBy: params.by })
      .where(eq(broadcasts.id, target.id))
      .returning();
    const cancelled = await cancelPendingJobs(tx, broadcastRef(target.id), { kinds: [BROADCAST_KIND], now: params.now, outcome: 'cancelled', unclaimedOnly: true });
    const ids = cancelled.map((j) => Number(j.payload.deliveryId));
    for (let i = 0; i < ids.length; i += 1000) {
      await tx
        .update(broadcastDeliveries)
        .set({ status: 'cancelled', processedAt: params.now })
        .where(and(inArray(broadcastDeliveries.id, ids.slice(i, i + 1000)), eq(broadcastDeliveries.status, 'pending')));
    }
    return { ok: true, broadcast: stopped! } as const;
  });
}

export interface DeliveryStats {
  total: number;
  delivered: number;
  failed: number;
  blocked: number;
  notFound: number;
  otherErrors: number;
  skipped: number;
  cancelled: number;
  pending: number;
}

export async function deliveryStats(db: DbOrTx, broadcastId: number): Promise<DeliveryStats> {
  const rows = await db
    .select({ status: broadcastDeliveries.status, reason: broadcastDeliveries.reason, n: sql<number>`count(*)::int` })
    .from(broadcastDeliveries)
    .where(eq(broadcastDeliveries.broadcastId, broadcastId))
    .groupBy(broadcastDeliveries.status, broadcastDeliveries.reason);
  const s: DeliveryStats = { total: 0, delivered: 0, failed: 0, blocked: 0, notFound: 0, otherErrors: 0, skipped: 0, cancelled: 0, pending: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    s.total += n;
    if (r.status === 'failed') {
      s.failed += n;
      if (r.reason === 'blocked') s.blocked += n;
      else if (r.reason === 'not_found') s.notFound += n;
      else s.otherErrors += n;
    } else {
      s[r.status] += n;
    }
  }
  return s;
}

/** Deliveries a live worker is holding right now (a stopped broadcast waits for them before its report). */
export async function inFlight(db: DbOrTx, broadcastId: number, now: Date): Promise<number> {
  return countRunning(db, [BROADCAST_KIND], now, broadcastRef(broadcastId));
}

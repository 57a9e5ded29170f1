import { and, asc, eq, exists, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Message } from 'telegraf/types';
import { broadcastDeliveries, broadcasts, chats, linkedChats, members, type Broadcast, type BroadcastDelivery, type DeliveryReason, type Language } from '../db/schema/index.js';
import { deliveryStats, inFlight } from '../domain/broadcasts/broadcasts.js';
import { withHeader } from '../domain/broadcasts/header.js';
import { displayName, languageFor } from '../domain/members.js';
import { translator, type Html } from '../i18n/index.js';
import { ChatUnreachableError, isMessageNotModified } from '../telegram/sender/errors.js';
import { claimRows } from './claim.js';
import type { Job, JobContext } from './scheduler.js';

interface Lookups {
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

type Result = { status: 'delivered'; messageId: number } | { status: 'failed' | 'skipped'; reason: DeliveryReason } | { status: 'retry' };

/** A delivery Telegram could not take (5xx, network) waits 10 s, doubling, and fails after 8 tries (~20 min). */
const RETRY_MS = 10_000;
const MAX_ATTEMPTS = 8;

/**
 * Broadcast delivery: each round claims a batch of pending deliveries (about a second's worth at
 * the global send rate) and sends them through the sender, which keeps within Telegram's limits
 * and waits out 429s. Every delivery's outcome is written as soon as it is known, so after a
 * restart only the rows still pending are sent. The progress message is edited at most every few
 * seconds (the throttle is a conditional update, so two instances do not both edit), and whoever
 * closes the broadcast writes the final report once.
 */
export function broadcastJob(options: { owner: string; leaseMs: number; progressMs: number; batch: number }): Job {
  const { owner, leaseMs, progressMs, batch } = options;

  /** What a batch needs to know about its recipients, in two queries rather than two per row. */
  async function lookups(ctx: JobContext, rows: BroadcastDelivery[], list: Broadcast[]): Promise<Lookups> {
    const { db } = ctx.database;
    const memberIds = rows.flatMap((r) => (r.memberId !== null ? [r.memberId] : []));
    const chatIds = rows.flatMap((r) => (r.memberId === null ? [r.chatId] : []));
    const recipients = memberIds.length
      ? await db
          .select({ id: members.id, language: members.language, telegramLanguage: members.telegramLanguage })
          .from(members)
          .where(and(inArray(members.id, memberIds), eq(members.reachable, true)))
      : [];
    const reachable = new Set(recipients.map((m) => m.id));
    const languages = new Map(recipients.map((m) => [m.id, languageFor(m, undefined, ctx.config.DEFAULT_LANGUAGE)] as const));
    const creators = await db
      .select({ id: members.id, fullName: members.fullName, firstName: members.firstName })
      .from(members)
      .where(inArray(members.id, [...new Set(list.map((b) => b.createdBy))]));
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
    return { reachable, groups, active, languages, senders };
  }

  async function deliver(ctx: JobContext, row: BroadcastDelivery, broadcast: Broadcast, known: Lookups): Promise<Result> {
    let threadId = row.threadId;
    if (row.memberId !== null) {
      if (!known.reachable.has(row.memberId)) return { status: 'skipped', reason: 'unreachable' };
    } else {
      if (!known.active.has(row.chatId)) return { status: 'skipped', reason: 'unreachable' };
      const link = known.groups.get(row.chatId);
      if (!link) return { status: 'skipped', reason: 'unlinked' };
      threadId = link.threadId;
    }
    const lang = (row.memberId !== null ? known.languages.get(row.memberId) : undefined) ?? ctx.config.DEFAULT_LANGUAGE;
    const header = translator(lang)('bc.header', { name: known.senders.get(broadcast.id) ?? '' }).toString();
    const body = withHeader(header, broadcast.text, broadcast.entities);
    try {
      const message = (await ctx.sender.call('sendMessage', {
        chat_id: row.chatId,
        ...(threadId !== null ? { message_thread_id: threadId } : {}),
        text: body.text,
        entities: body.entities,
      } as never)) as Message.TextMessage;
      return { status: 'delivered', messageId: message.message_id };
    } catch (err) {
      if (err instanceof ChatUnreachableError) return { status: 'failed', reason: 'blocked' };
      const e = err as { code?: number; description?: string };
      if (e.code === 400 && /chat not found|user not found|PEER_ID_INVALID|thread not found/i.test(e.description ?? '')) {
        return { status: 'failed', reason: 'not_found' };
      }
      if (typeof e.code === 'number' && e.code >= 400 && e.code < 500 && e.code !== 429) return { status: 'failed', reason: 'error' };
      return row.attempts >= MAX_ATTEMPTS ? { status: 'failed', reason: 'error' } : { status: 'retry' };
    }
  }

  async function record(ctx: JobContext, row: BroadcastDelivery, result: Result): Promise<void> {
    const now = ctx.clock.now();
    const mine = and(eq(broadcastDeliveries.id, row.id), eq(broadcastDeliveries.claimedBy, owner), eq(broadcastDeliveries.status, 'pending'));
    const set =
      result.status === 'retry'
        ? { claimedUntil: new Date(now.getTime() + RETRY_MS * 2 ** Math.max(0, row.attempts - 1)), claimedBy: null }
        : result.status === 'delivered'
          ? { status: 'delivered' as const, messageId: result.messageId, processedAt: now, claimedUntil: null }
          : { status: result.status, reason: result.reason, processedAt: now, claimedUntil: null };
    await ctx.database.db.update(broadcastDeliveries).set(set).where(mine);
  }

  async function editProgress(ctx: JobContext, broadcast: Broadcast, text: Html): Promise<void> {
    if (broadcast.progressChatId === null || broadcast.progressMessageId === null) return;
    try {
      await ctx.sender.call('editMessageText', {
        chat_id: broadcast.progressChatId,
        message_id: broadcast.progressMessageId,
        text: text.toString(),
        parse_mode: 'HTML',
      } as never);
    } catch (err) {
      if (!isMessageNotModified(err)) ctx.logger.info({ job: 'broadcasts', id: broadcast.id, code: (err as { code?: number }).code }, 'progress message not updated');
    }
  }

  async function creatorT(ctx: JobContext, broadcast: Broadcast) {
    const [creator] = await ctx.database.db.select().from(members).where(eq(members.id, broadcast.createdBy));
    return translator(languageFor(creator, undefined, ctx.config.DEFAULT_LANGUAGE));
  }

  async function progress(ctx: JobContext, broadcastId: number): Promise<void> {
    const now = ctx.clock.now();
    const [claimed] = await ctx.database.db
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
    if (!claimed) return;
    const s = await deliveryStats(ctx.database.db, broadcastId);
    const t = await creatorT(ctx, claimed);
    const done = s.delivered + s.failed + s.skipped + s.cancelled;
    await editProgress(ctx, claimed, t('bc.progress', { id: claimed.id, done, total: claimed.total, delivered: s.delivered, failed: s.failed, skipped: s.skipped }));
  }

  /** Closes broadcasts with nothing left to send and writes their report (exactly one worker does). */
  async function finish(ctx: JobContext): Promise<number> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    const pending = db
      .select({ one: sql`1` })
      .from(broadcastDeliveries)
      .where(and(eq(broadcastDeliveries.broadcastId, broadcasts.id), eq(broadcastDeliveries.status, 'pending')));
    const candidates = await db
      .select()
      .from(broadcasts)
      .where(and(isNull(broadcasts.reportedAt), or(eq(broadcasts.status, 'cancelled'), and(eq(broadcasts.status, 'sending'), sql`not ${exists(pending)}`))));
    let finished = 0;
    for (const candidate of candidates) {
      if (candidate.status === 'cancelled' && (await inFlight(db, candidate.id, now)) > 0) continue;
      const closed = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(broadcasts)
          .set({ reportedAt: now, finishedAt: now, status: candidate.status === 'sending' ? 'done' : 'cancelled' })
          .where(and(eq(broadcasts.id, candidate.id), isNull(broadcasts.reportedAt)))
          .returning();
        // Deliveries an instance took and never finished before the stop: they will not be sent now.
        if (row && row.status === 'cancelled') {
          await tx
            .update(broadcastDeliveries)
            .set({ status: 'cancelled', processedAt: now })
            .where(and(eq(broadcastDeliveries.broadcastId, row.id), eq(broadcastDeliveries.status, 'pending')));
        }
        return row;
      });
      if (!closed) continue;
      finished++;
      const s = await deliveryStats(db, closed.id);
      const t = await creatorT(ctx, closed);
      await editProgress(
        ctx,
        closed,
        closed.status === 'done'
          ? t('bc.report', { id: closed.id, total: closed.total, delivered: s.delivered, failed: s.failed, blocked: s.blocked, notFound: s.notFound, other: s.otherErrors, skipped: s.skipped })
          : t('bc.reportStopped', { id: closed.id, total: closed.total, delivered: s.delivered, failed: s.failed, skipped: s.skipped, cancelled: s.cancelled }),
      );
    }
    return finished;
  }

  return {
    name: 'broadcasts',
    async run(ctx) {
      const { db } = ctx.database;
      const now = ctx.clock.now();
      const sending = db
        .select({ one: sql`1` })
        .from(broadcasts)
        .where(and(eq(broadcasts.id, broadcastDeliveries.broadcastId), eq(broadcasts.status, 'sending')));
      const rows = await claimRows(db, broadcastDeliveries, {
        ready: and(eq(broadcastDeliveries.status, 'pending'), exists(sending)),
        order: [asc(broadcastDeliveries.broadcastId), asc(broadcastDeliveries.id)],
        limit: batch,
        now,
        leaseMs,
        owner,
      });
      if (rows.length > 0) {
        const ids = [...new Set(rows.map((r) => r.broadcastId))];
        const list = await db.select().from(broadcasts).where(inArray(broadcasts.id, ids));
        const byId = new Map(list.map((b) => [b.id, b]));
        const known = await lookups(ctx, rows, list);
        await Promise.all(rows.map(async (row) => record(ctx, row, await deliver(ctx, row, byId.get(row.broadcastId)!, known))));
        for (const id of ids) await progress(ctx, id);
      }
      return rows.length + (await finish(ctx));
    },
  };
}

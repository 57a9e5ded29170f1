import type { Message } from 'telegraf/types';
import type { Broadcast, BroadcastDelivery } from '../db/schema/index.js';
import { deliveryStats, inFlight } from '../domain/broadcasts/broadcasts.js';
import {
  BROADCAST_KIND,
  BROADCAST_POLICY,
  closableBroadcasts,
  closeBroadcast,
  creatorLanguage,
  loadBatch,
  recordDelivery,
  takeProgressTurn,
  type DeliveryResult,
  type Lookups,
} from '../domain/broadcasts/delivery.js';
import { withHeader } from '../domain/broadcasts/header.js';
import { isLastAttempt } from '../domain/jobs/policy.js';
import { claim, finishMany, retry, type Finished, type QueuedJob } from '../domain/jobs/queue.js';
import { translator, type Html } from '../i18n/index.js';
import { ChatUnreachableError, isMessageNotModified } from '../telegram/sender/errors.js';
import type { Job, JobContext } from './scheduler.js';

type Result = DeliveryResult | { status: 'retry' };

/**
 * Broadcast delivery: each round claims a batch of delivery jobs from the queue (about a second's
 * worth at the global send rate) and sends them through the sender, which keeps within Telegram's
 * limits and waits out 429s. Every delivery's outcome is written as soon as it is known, so after a
 * restart only the deliveries still pending are sent; the batch's jobs are closed together when it
 * is done, in one statement (a job whose delivery was recorded before a crash is skipped when it
 * is claimed again). The progress message is edited at most every few seconds (the throttle is a
 * conditional update, so two instances do not both edit), and whoever closes the broadcast writes
 * the final report once.
 */
export function broadcastJob(options: { owner: string; leaseMs: number; progressMs: number; batch: number }): Job {
  const { owner, leaseMs, progressMs, batch } = options;

  async function deliver(ctx: JobContext, job: QueuedJob, row: BroadcastDelivery, broadcast: Broadcast, known: Lookups): Promise<Result> {
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
      return isLastAttempt(BROADCAST_POLICY.retry, job.attempts) ? { status: 'failed', reason: 'error' } : { status: 'retry' };
    }
  }

  /** A job to close with its batch. */
  type Close = { job: QueuedJob; status: Finished; outcome?: string | undefined };

  /**
   * Writes the delivery's record and says how its job is to be closed (a retry is put back at once).
   * The job is closed with its batch: a crash in between leaves a job that finds its delivery done.
   */
  async function record(ctx: JobContext, job: QueuedJob, deliveryId: number, result: Result): Promise<Close | undefined> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    if (result.status === 'retry') {
      await retry(db, job, owner, BROADCAST_POLICY.retry, 'error', now);
      return undefined;
    }
    await recordDelivery(db, deliveryId, result, now);
    const status = result.status === 'delivered' ? 'sent' : result.status === 'failed' ? 'failed' : 'skipped';
    return { job, status, outcome: 'reason' in result ? result.reason : result.status === 'cancelled' ? 'cancelled' : undefined };
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
    return translator(await creatorLanguage(ctx.database.db, broadcast, ctx.config.DEFAULT_LANGUAGE));
  }

  async function progress(ctx: JobContext, broadcastId: number): Promise<void> {
    const claimed = await takeProgressTurn(ctx.database.db, broadcastId, ctx.clock.now(), progressMs);
    if (!claimed) return;
    const s = await deliveryStats(ctx.database.db, broadcastId);
    const t = await creatorT(ctx, claimed);
    const done = s.delivered + s.failed + s.skipped + s.cancelled;
    await editProgress(ctx, claimed, t('bc.progress', { id: claimed.id, done, total: claimed.total, delivered: s.delivered, failed: s.failed, skipped: s.skipped }));
  }

  /** Closes broadcasts with nothing left to send and writes their report (exactly one worker does). */
  async function close(ctx: JobContext): Promise<number> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    let finished = 0;
    for (const candidate of await closableBroadcasts(db)) {
      // A stopped broadcast waits for the deliveries in flight, so the report counts them.
      if (candidate.status === 'cancelled' && (await inFlight(db, candidate.id, now)) > 0) continue;
      const closed = await closeBroadcast(db, candidate, now);
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
      const jobs = await claim(db, { kinds: [BROADCAST_KIND], now: ctx.clock.now(), leaseMs, owner, limit: batch });
      if (jobs.length > 0) {
        const deliveryOf = (job: QueuedJob) => Number(job.payload.deliveryId);
        const { deliveries, broadcasts, known } = await loadBatch(db, jobs.map(deliveryOf), ctx.config.DEFAULT_LANGUAGE);
        const closes = await Promise.all(
          jobs.map(async (job): Promise<Close | undefined> => {
            const row = deliveries.get(deliveryOf(job));
            const broadcast = row ? broadcasts.get(row.broadcastId) : undefined;
            // Recorded already (a crash between the record and the job's close), or gone with its broadcast.
            if (!row || !broadcast || row.status !== 'pending') return { job, status: 'skipped', outcome: 'done' };
            // Stopped while this job waited out a lapsed lease: it is not sent now.
            if (broadcast.status !== 'sending') return record(ctx, job, row.id, { status: 'cancelled' });
            return record(ctx, job, row.id, await deliver(ctx, job, row, broadcast, known));
          }),
        );
        const toClose = closes.filter((c): c is Close => c !== undefined);
        const closed = await finishMany(db, toClose, owner, ctx.clock.now());
        for (const { job } of toClose) {
          if (!closed.has(job.id)) ctx.logger.warn({ job: 'broadcasts', id: job.id }, 'job lost its lease before it was closed');
        }
        for (const id of broadcasts.keys()) await progress(ctx, id);
      }
      return jobs.length + (await close(ctx));
    },
  };
}

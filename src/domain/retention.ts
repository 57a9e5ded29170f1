import { rowsOf } from '../db/client.js';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { BROADCAST_KIND, BROADCAST_POLICY } from './broadcasts/delivery.js';
import { IDEA_KIND, IDEA_NOTICE_POLICY } from './ideas/notices.js';
import { prune } from './jobs/queue.js';
import { pruneUpdateEffects } from './update-effects.js';

/** How long finished rows are kept, per table (what the product shows stays for its time). */
export interface RetentionPolicy {
  /** Finished jobs (reminders, notices, …) of kinds without a retention of their own. */
  outboxDays: number;
  /** Finished draft requests (the drafts themselves, the versions, are kept). */
  draftRequestDays: number;
  /** Broadcast deliveries: the per-member lines of a broadcast's delivery report. */
  broadcastDeliveryDays: number;
  /** Handled updates of the journal (only needed to recognise Telegram's redeliveries, kept 24 h). */
  updateJournalHours: number;
}

export interface PruneCounts {
  outbox: number;
  draftRequests: number;
  broadcastDeliveries: number;
  updateJournal: number;
}

const DAY_MS = 86_400_000;

/** Kinds whose finished jobs are kept for a time of their own (the rest: `outboxDays`). */
const JOB_KEEP_DAYS: Record<string, number> = {
  ...Object.fromEntries(Object.values(IDEA_KIND).map((kind) => [kind, IDEA_NOTICE_POLICY.keepDays!])),
  [BROADCAST_KIND]: BROADCAST_POLICY.keepDays!,
};

/** Runs `with d as (delete … returning 1) select count(*)` and reads the count on either driver. */
async function deleted(db: DbOrTx, del: ReturnType<typeof sql>): Promise<number> {
  const result = await db.execute(sql`with d as (${del} returning 1) select count(*)::int as n from d`);
  const rows = rowsOf<{ n: number }>(result);
  return Number(rows[0]?.n ?? 0);
}

/**
 * One small batch per table of rows past their time. Pending, queued, running and claimed rows
 * are never touched, whatever their age; the cut-off is on when the row was finished.
 */
export async function pruneBatch(db: DbOrTx, policy: RetentionPolicy, now: Date, batch: number): Promise<PruneCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const outbox = await prune(db, now, { defaultDays: policy.outboxDays, kinds: JOB_KEEP_DAYS }, batch);
  const draftRequests = await deleted(
    db,
    sql`delete from draft_requests where id in (
      select id from draft_requests where status in ('done', 'failed') and finished_at is not null
        and finished_at < ${before(policy.draftRequestDays)}::timestamptz
      order by id limit ${batch})`,
  );
  const broadcastDeliveries = await deleted(
    db,
    sql`delete from broadcast_deliveries where id in (
      select id from broadcast_deliveries where status <> 'pending' and processed_at is not null
        and processed_at < ${before(policy.broadcastDeliveryDays)}::timestamptz
      order by id limit ${batch})`,
  );
  // The journal's times are the database's own (received_at defaults to now()).
  const updateJournal = await deleted(
    db,
    sql`delete from telegram_updates where update_id in (
      select update_id from telegram_updates where handled_at is not null and received_at < now() - make_interval(hours => ${policy.updateJournalHours})
      order by update_id limit ${batch})`,
  );
  if (updateJournal < batch) await pruneUpdateEffects(db, policy.updateJournalHours);
  return { outbox, draftRequests, broadcastDeliveries, updateJournal };
}

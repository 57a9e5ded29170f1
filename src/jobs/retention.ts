import type { Config } from '../config.js';
import { pruneBatch, type RetentionPolicy } from '../domain/retention.js';
import type { Job } from './scheduler.js';

/** How often a pruning pass starts; a pass goes on, batch by batch, while there is more. */
const PASS_EVERY_MS = 3_600_000;

export function retentionPolicy(config: Config): RetentionPolicy {
  return {
    outboxDays: config.RETENTION_OUTBOX_DAYS,
    draftRequestDays: config.RETENTION_DRAFT_REQUEST_DAYS,
    broadcastDeliveryDays: config.RETENTION_BROADCAST_DELIVERY_DAYS,
    updateJournalHours: config.RETENTION_UPDATE_JOURNAL_HOURS,
  };
}

/**
 * Prunes finished rows of the outbox, draft requests, broadcast deliveries and the update journal
 * past their retention (src/config.ts), one small batch per table per scheduler round, so other
 * jobs run in between; once a pass finds less than a batch anywhere it rests for an hour.
 */
export function retentionJob(config: Config): Job {
  let nextPassAt = 0;
  return {
    name: 'retention',
    async run({ database, clock, logger }) {
      const now = clock.now();
      if (now.getTime() < nextPassAt) return 0;
      const batch = config.RETENTION_BATCH;
      const counts = await pruneBatch(database.db, retentionPolicy(config), now, batch);
      const total = counts.outbox + counts.draftRequests + counts.broadcastDeliveries + counts.updateJournal;
      const more = Object.values(counts).some((n) => n >= batch);
      if (!more) nextPassAt = now.getTime() + PASS_EVERY_MS;
      if (total > 0) logger.info({ job: 'retention', ...counts }, 'pruned finished rows');
      return more ? total : 0;
    },
  };
}

import { sessionSettings, type Config } from '../config.js';
import { DOWNLOAD_KIND, DOWNLOAD_POLICY } from '../domain/evidence/requests.js';
import { announcementRefreshHandlers } from './announcements.js';
import { broadcastJob } from './broadcasts.js';
import { coachingDigestJob, coachingOutboxHandlers } from './coaching.js';
import { evidenceDigestJob, evidenceOutboxHandlers } from './evidence.js';
import { queueWorker, workerId } from './worker.js';
import { pendingRsvpJob } from './pending-rsvps.js';
import type { Job } from './scheduler.js';
import { sessionOutboxHandlers } from './session-outbox.js';
import { competitionOutboxHandlers } from './competition-outbox.js';
import { backupOutboxHandlers } from './backup-outbox.js';

/** The background work of sessions and broadcasts, for one app instance (one lease owner). */
export function sessionJobs(config: Config): Job[] {
  const owner = workerId();
  const leaseMs = config.OUTBOX_LEASE_SECONDS * 1000;
  const settings = sessionSettings(config);
  return [
    pendingRsvpJob(settings),
    coachingDigestJob(config),
    queueWorker({
      name: 'outbox',
      handlers: {
        ...sessionOutboxHandlers,
        ...coachingOutboxHandlers,
        ...competitionOutboxHandlers,
        ...evidenceOutboxHandlers,
        ...backupOutboxHandlers,
        ...announcementRefreshHandlers(settings.editIntervalMs),
      },
      policies: { [DOWNLOAD_KIND]: DOWNLOAD_POLICY },
      owner,
      leaseMs,
    }),
    evidenceDigestJob(),
    broadcastJob({
      owner,
      leaseMs,
      progressMs: config.BROADCAST_PROGRESS_SECONDS * 1000,
      // About one second of sending per round, so other jobs get their turn between batches.
      batch: Math.max(1, Math.min(50, Math.floor(config.SEND_GLOBAL_PER_SEC))),
    }),
  ];
}

import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { backupHome, latestBackup, makeBackup, type BackupResult } from '../db/transfer/backups.js';
import { lastScheduledAt } from '../domain/dates/zoned.js';
import type { Logger } from '../logger.js';
import type { Job } from './scheduler.js';

/** `02:00` / `02.00` → hour and minute; undefined for `off`. */
export function backupTimeOf(config: Pick<Config, 'BACKUP_TIME'>): { hour: number; minute: number } | undefined {
  if (config.BACKUP_TIME === 'off') return undefined;
  const [hour, minute] = config.BACKUP_TIME.split(/[:.]/).map(Number) as [number, number];
  return { hour, minute };
}

/** Writes one backup and says where it went (path, size, pause — nothing secret). */
export async function backupAndLog(database: Database, config: Config, logger: Logger, reason: string, now?: Date): Promise<BackupResult> {
  try {
    const home = backupHome(database);
    if (!home) throw new Error('only an embedded database on disk is backed up by the bot');
    const result = await makeBackup(database, home, { keep: config.BACKUP_KEEP, ...(now ? { now } : {}) });
    logger.info({ reason, file: result.file, bytes: result.bytes, rows: result.rows, pauseMs: result.pauseMs, keep: config.BACKUP_KEEP }, 'backup written');
    return result;
  } catch (err) {
    logger.error({ reason, err: { type: (err as Error).name, message: (err as Error).message } }, 'backup failed');
    throw err;
  }
}

/**
 * The nightly backup: due when the newest backup in DATA_DIR/backups/ is older than the last
 * BACKUP_TIME (so a bot that was off at 02.00 catches up when it starts). It runs beside the
 * scheduler's tick, not in it: reminders are not held while the file is compressed and written.
 */
export function nightlyBackupJob(): Job {
  let running: Promise<unknown> | undefined;
  let newest: Date | null | undefined;
  let failedAt = 0;
  return {
    name: 'nightly-backup',
    async run({ database, config, clock, logger }) {
      const time = backupTimeOf(config);
      const home = backupHome(database);
      if (running || !time || !home) return 0;
      const now = clock.now();
      // After a failure (disk full…), try again in an hour rather than on every tick.
      if (now.getTime() - failedAt < 3_600_000) return 0;
      if (newest === undefined) newest = (await latestBackup(home))?.takenAt ?? null;
      const due = lastScheduledAt(now, time, config.TZ_NAME);
      if (newest && newest.getTime() >= due.getTime()) return 0;
      running = backupAndLog(database, config, logger.child({ component: 'backup' }), 'nightly', now)
        .then((result) => void (newest = result.takenAt))
        .catch(() => void (failedAt = now.getTime()))
        .finally(() => (running = undefined));
      return 0;
    },
    idle: async () => void (await running),
    stop: async () => void (await running),
  };
}

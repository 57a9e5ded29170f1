import { resolve } from 'node:path';
import { DatabaseLockedError, dataDirOwner, openDatabase } from '../db/client.js';
import { makeBackup, type BackupResult } from '../db/transfer/backups.js';
import { requestBackup } from '../db/transfer/control.js';
import { configFrom, type Io } from './common.js';

/**
 * `npm run backup`: a backup of the embedded database into DATA_DIR/backups/. While a bot runs on
 * DATA_DIR it is asked over its socket (it alone can read PGlite); otherwise the folder is opened here.
 */
export async function backupCommand(args: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  if (args.length > 0) {
    io.err('Usage: npm run backup   (writes DATA_DIR/backups/warkop-indah-….backup.gz)');
    return 2;
  }
  const config = configFrom(env, io);
  if (!config) return 2;
  if (config.DATABASE_URL) {
    io.err('This bot uses PostgreSQL (DATABASE_URL): back it up with the server\'s tools, e.g. pg_dump -Fc -f warkop.dump "$DATABASE_URL" (README, "Backups and moving"). npm run backup is for the embedded database.');
    return 2;
  }
  const dataDir = resolve(config.DATA_DIR);
  let result: BackupResult;
  let via: string;
  const owner = dataDirOwner(dataDir);
  if (owner) {
    result = await askBot(dataDir, owner, io);
    via = `by the running bot (pid ${owner})`;
  } else {
    let database;
    try {
      database = await openDatabase({ dataDir });
    } catch (err) {
      if (!(err instanceof DatabaseLockedError)) throw err;
      // A bot started just now: ask it instead.
      result = await askBot(dataDir, dataDirOwner(dataDir) ?? 0, io);
      via = 'by the running bot';
      return done(io, result, via);
    }
    try {
      result = await makeBackup(database, dataDir, { keep: config.BACKUP_KEEP });
      via = 'directly (no bot was running)';
    } finally {
      await database.close();
    }
  }
  return done(io, result, via);
}

async function askBot(dataDir: string, pid: number, io: Io): Promise<BackupResult> {
  try {
    return await requestBackup(dataDir);
  } catch (err) {
    io.err(`A bot is running on ${dataDir}${pid ? ` (pid ${pid})` : ''} but did not answer on its backup socket (${(err as Error).message}).`);
    throw err;
  }
}

function done(io: Io, result: BackupResult, via: string): number {
  io.out(`Backup written ${via}: ${result.file}`);
  io.out(`  ${result.tables} tables, ${result.rows} rows, ${(result.bytes / 1024).toFixed(1)} KB; the database was held for ${result.pauseMs} ms while it was read.`);
  io.out(`  Restore it with: npm run restore -- ${result.file}`);
  return 0;
}

import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataDirOwner, openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { readSnapshotFile } from '../db/transfer/file.js';
import { loadSnapshot } from '../db/transfer/load.js';
import { assertNoRows, configFrom, isEmptyDir, printReport, redactUrl, UsageError, type Io } from './common.js';

const USAGE = 'Usage: npm run restore -- FILE [--force]   (into an empty DATA_DIR, or the empty database of DATABASE_URL)';

/**
 * `npm run restore -- FILE [--force]`: a backup file into an empty DATA_DIR (or, with DATABASE_URL, an
 * empty PostgreSQL database). The file is read and checked in full first; the load is one transaction
 * verified table by table. `--force` sets an existing database folder aside (DATA_DIR/pglite.before-restore-…),
 * it never deletes it. Afterwards `npm start` continues where the backup was taken (see releaseLeases).
 */
export async function restoreCommand(args: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0]!.startsWith('--')) {
    io.err(USAGE);
    return 2;
  }
  const file = resolve(files[0]!);
  if (!existsSync(file)) {
    io.err(`No such file: ${file}`);
    return 2;
  }
  const config = configFrom(env, io);
  if (!config) return 2;
  const snapshot = await readSnapshotFile(file);
  io.out(`Backup of ${snapshot.takenAt} (${snapshot.tables.length} tables, ${snapshot.tables.reduce((s, t) => s + t.rows.length, 0)} rows): file checked.`);

  if (config.DATABASE_URL) {
    const database = await openDatabase({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, migrate: false, poolSize: 2 });
    try {
      await assertNoRows(database, `The database ${redactUrl(config.DATABASE_URL)}`);
      await restoreInto(database, snapshot, io);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.err(err.message);
      return 2;
    } finally {
      await database.close();
    }
    io.out(`Restored into ${redactUrl(config.DATABASE_URL)}. Start the bot with npm start.`);
    return 0;
  }

  const dataDir = resolve(config.DATA_DIR);
  const owner = dataDirOwner(dataDir);
  if (owner) {
    io.err(`A bot is running on ${dataDir} (pid ${owner}). Stop it first; a restore replaces its database.`);
    return 2;
  }
  const target = resolve(dataDir, 'pglite');
  let setAside: string | undefined;
  if (!isEmptyDir(target)) {
    if (!force) {
      io.err(`${dataDir} already holds a database (${target}). Restore into an empty DATA_DIR, or add --force to set the current database aside (it is renamed, not deleted).`);
      return 2;
    }
    setAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, setAside);
    io.out(`The current database was set aside in ${setAside}.`);
  }
  try {
    const database = await openDatabase({ dataDir });
    try {
      await restoreInto(database, snapshot, io);
    } finally {
      await database.close();
    }
  } catch (err) {
    // Nothing half-restored stays behind; a database set aside comes back.
    rmSync(target, { recursive: true, force: true });
    if (setAside) renameSync(setAside, target);
    throw err;
  }
  io.out(`Restored into ${dataDir}. Start the bot with npm start: it continues from the moment of the backup.`);
  return 0;
}

async function restoreInto(database: Database, snapshot: Awaited<ReturnType<typeof readSnapshotFile>>, io: Io): Promise<void> {
  if (database.engine === 'postgres') await migrateDatabase(database);
  printReport(io, await loadSnapshot(database, snapshot));
}

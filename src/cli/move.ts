import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseLockedError, dataDirOwner, openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { loadSnapshot } from '../db/transfer/load.js';
import { takeSnapshot } from '../db/transfer/snapshot.js';
import { assertNoRows, configFrom, isEmptyDir, printReport, redactUrl, UsageError, type Io } from './common.js';

const USAGE = [
  'Usage: npm run db:move -- --to postgres://user:password@host:5432/db     (DATA_DIR\'s embedded database → an empty PostgreSQL database)',
  '       npm run db:move -- --from postgres://… --to ./laptop-data          (a PostgreSQL database → an empty folder, for a laptop copy)',
].join('\n');

const isUrl = (v: string) => /^postgres(ql)?:\/\//.test(v);

/**
 * `npm run db:move`: everything from one database into an EMPTY other one, in one consistent snapshot
 * of the source and one transaction in the target, ids, sequences and timestamps kept, every table's
 * row count and checksum verified before the target commits. The source is left as it was.
 */
export async function moveCommand(args: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const options = parseArgs(args);
  if (!options) {
    io.err(USAGE);
    return 2;
  }
  const config = configFrom(env, io);
  if (!config) return 2;
  try {
    if (isUrl(options.to)) {
      const from = resolve(options.from ?? config.DATA_DIR);
      if (options.from && isUrl(options.from)) throw new UsageError('Both sides are PostgreSQL: use pg_dump | pg_restore for that.');
      await toPostgres(from, options.to, io);
    } else {
      const from = options.from ?? config.DATABASE_URL;
      if (!from || !isUrl(from)) throw new UsageError('To copy into a folder, name the PostgreSQL database to copy from with --from postgres://…');
      await toPglite(from, resolve(options.to), io);
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
}

function parseArgs(args: string[]): { to: string; from?: string } | undefined {
  const out: { to?: string; from?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== '--to' && flag !== '--from') return undefined;
    const value = inline ?? args[++i];
    if (!value) return undefined;
    out[flag === '--to' ? 'to' : 'from'] = value;
  }
  return out.to ? { to: out.to, ...(out.from ? { from: out.from } : {}) } : undefined;
}

async function toPostgres(dataDir: string, url: string, io: Io): Promise<void> {
  const owner = dataDirOwner(dataDir);
  if (owner) throw new UsageError(`A bot is running on ${dataDir} (pid ${owner}). Stop it first: the move must see every change, and none may come after it.`);
  if (isEmptyDir(resolve(dataDir, 'pglite'))) throw new UsageError(`There is no embedded database in ${dataDir} to move.`);
  const target = await openDatabase({ dataDir: 'unused', databaseUrl: url, migrate: false, poolSize: 2 });
  try {
    await assertNoRows(target, `The target database ${redactUrl(url)}`);
    let source: Database;
    try {
      source = await openDatabase({ dataDir });
    } catch (err) {
      if (err instanceof DatabaseLockedError) throw new UsageError(err.message);
      throw err;
    }
    try {
      io.out(`Migrating ${redactUrl(url)} with this version's migrations…`);
      await migrateDatabase(target);
      await copy(source, target, io);
    } finally {
      await source.close();
    }
  } finally {
    await target.close();
  }
  io.out(`Moved. The embedded database in ${dataDir} is unchanged; keep it until the bot runs well on PostgreSQL. Set this in .env (or the environment) and start the bot:`);
  io.out(`DATABASE_URL=${url}`);
}

async function toPglite(url: string, dataDir: string, io: Io): Promise<void> {
  const owner = dataDirOwner(dataDir);
  if (owner) throw new UsageError(`A bot is running on ${dataDir} (pid ${owner}). Choose an empty folder.`);
  const folder = resolve(dataDir, 'pglite');
  if (!isEmptyDir(folder)) throw new UsageError(`${dataDir} already holds a database; choose an empty folder.`);
  const source = await openDatabase({ dataDir: 'unused', databaseUrl: url, migrate: false, poolSize: 2 });
  try {
    const target = await openDatabase({ dataDir });
    try {
      await copy(source, target, io);
    } catch (err) {
      await target.close();
      rmSync(folder, { recursive: true, force: true });
      throw err;
    }
    await target.close();
  } finally {
    await source.close();
  }
  io.out(`Copied. The PostgreSQL database is unchanged. To run on the copy, leave DATABASE_URL unset and set:`);
  io.out(`DATA_DIR=${dataDir}`);
}

async function copy(source: Database, target: Database, io: Io): Promise<void> {
  const { snapshot, pauseMs } = await takeSnapshot(source);
  io.out(`Read ${snapshot.tables.length} tables (${snapshot.tables.reduce((s, t) => s + t.rows.length, 0)} rows) in one snapshot in ${pauseMs} ms; writing them in one transaction…`);
  printReport(io, await loadSnapshot(target, snapshot));
}

import { mkdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database } from '../client.js';
import { writeSnapshotFile } from './file.js';
import { takeSnapshot } from './snapshot.js';

/** The DATA_DIR of an embedded database on disk (the only case the bot backs up itself); undefined otherwise. */
export function backupHome(database: Database): string | undefined {
  return database.engine === 'pglite' ? database.dataDir : undefined;
}

/** The backups of a PGlite bot live with its data, in DATA_DIR/backups/. */
export function backupsDir(dataDir: string): string {
  return resolve(dataDir, 'backups');
}

const NAME = /^warkop-indah-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)(?:-(\d+))?Z\.backup\.gz$/;

export interface BackupFile {
  file: string;
  name: string;
  takenAt: Date;
  bytes: number;
}

export interface BackupResult extends BackupFile {
  /** How long the database was held while it was read (the bot's pause). */
  pauseMs: number;
  rows: number;
  tables: number;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** The backups in the folder, newest first. */
export async function listBackups(dataDir: string): Promise<BackupFile[]> {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    // The `-N` suffix (two in one second) is absent in most names: Number(undefined) would be NaN,
    // an Invalid Date, and the nightly job would then back up at every start.
    const [, y, mo, d, h, mi, s, n] = m.map((v) => (v === undefined ? 0 : Number(v)));
    const takenAt = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + n!);
    const file = join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info) files.push({ file, name, takenAt, bytes: info.size });
  }
  return files.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.name.localeCompare(a.name));
}

export async function latestBackup(dataDir: string): Promise<BackupFile | undefined> {
  return (await listBackups(dataDir))[0];
}

/** Removes all but the newest `keep` backups; returns the removed names. */
export async function pruneBackups(dataDir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(dataDir)).slice(Math.max(1, keep));
  for (const b of old) await rm(b.file, { force: true });
  return old.map((b) => b.name);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Writes a backup of the whole database to DATA_DIR/backups/ and prunes to `keep`. One at a time
 * per process: the nightly job, the admin command and `npm run backup` share this queue.
 */
export function makeBackup(database: Database, dataDir: string, options: { now?: Date; keep: number }): Promise<BackupResult> {
  const run = queue.then(async () => {
    const now = options.now ?? new Date();
    mkdirSync(backupsDir(dataDir), { recursive: true, mode: 0o700 });
    const { snapshot, pauseMs } = await takeSnapshot(database, now);
    const existing = new Set((await listBackups(dataDir)).map((b) => b.name));
    let name = `warkop-indah-${stamp(now)}.backup.gz`;
    for (let n = 1; existing.has(name); n++) name = `warkop-indah-${stamp(now).replace(/Z$/, '')}-${n}Z.backup.gz`;
    const file = join(backupsDir(dataDir), name);
    await writeSnapshotFile(snapshot, file);
    await pruneBackups(dataDir, options.keep);
    const bytes = (await stat(file)).size;
    const rows = snapshot.tables.reduce((sum, t) => sum + t.rows.length, 0);
    return { file, name, takenAt: now, bytes, pauseMs, rows, tables: snapshot.tables.length };
  });
  queue = run.catch(() => {});
  return run;
}

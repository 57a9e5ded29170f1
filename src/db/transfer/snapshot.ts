import { createHash } from 'node:crypto';
import type { Database, Engine } from '../client.js';
import { quoteIdent, readCatalog, type Query } from './catalog.js';
import { inTransaction } from './transaction.js';

export const SNAPSHOT_FORMAT = 'warkop-indah-backup';
export const SNAPSHOT_VERSION = 1;

/** A value as PostgreSQL writes it in text form (`null` for SQL NULL): exact for every type. */
export type Cell = string | null;

export interface TableData {
  name: string;
  columns: { name: string; type: string }[];
  rows: Cell[][];
  /** Order-independent: the same rows give the same checksum on either engine. */
  checksum: string;
}

export interface SequenceData {
  name: string;
  value: string;
  isCalled: boolean;
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  takenAt: string;
  engine: Engine;
  /** The drizzle migrations applied in the source (their hashes, in order). */
  migrations: string[];
}

export interface Snapshot extends SnapshotHeader {
  tables: TableData[];
  sequences: SequenceData[];
}

export interface TakenSnapshot {
  snapshot: Snapshot;
  /** How long the database was held for the reading (on PGlite, the bot's pause). */
  pauseMs: number;
}

/** Reads every table and sequence in one consistent transaction. */
export async function takeSnapshot(database: Database, now: Date = new Date()): Promise<TakenSnapshot> {
  const started = performance.now();
  const snapshot = await inTransaction(database, 'snapshot', (q) => readAll(q, database.engine, now));
  return { snapshot, pauseMs: Math.round(performance.now() - started) };
}

export async function readAll(q: Query, engine: Engine, now: Date): Promise<Snapshot> {
  const catalog = await readCatalog(q);
  const tables: TableData[] = [];
  for (const table of catalog.tables) {
    const select = table.columns.length ? table.columns.map((c, i) => `${quoteIdent(c.name)}::text as c${i}`).join(', ') : 'null';
    const order = table.key.length ? ` order by ${table.key.map(quoteIdent).join(', ')}` : '';
    const raw = await q<Record<string, Cell>>(`select ${select} from ${quoteIdent(table.name)}${order}`);
    const rows = raw.map((r) => table.columns.map((_, i) => r[`c${i}`] ?? null));
    tables.push({ name: table.name, columns: table.columns, rows, checksum: checksumRows(rows) });
  }
  const sequences: SequenceData[] = catalog.sequences.length
    ? await q<SequenceData>(
        catalog.sequences.map((name, i) => `select ${i} as i, $${i + 1}::text as name, last_value::text as value, is_called as "isCalled" from ${quoteIdent(name)}`).join(' union all ') + ' order by i',
        catalog.sequences,
      ).then((rows) => rows.map(({ name, value, isCalled }) => ({ name, value, isCalled })))
    : [];
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, takenAt: now.toISOString(), engine, migrations: await appliedMigrations(q), tables, sequences };
}

export async function appliedMigrations(q: Query): Promise<string[]> {
  const [exists] = await q<{ ok: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists?.ok) return [];
  return (await q<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by id')).map((r) => r.hash);
}

export function checksumRows(rows: Cell[][]): string {
  const hashes = rows.map((row) => createHash('sha256').update(JSON.stringify(row)).digest('hex')).sort();
  const all = createHash('sha256');
  for (const h of hashes) all.update(h);
  return all.digest('hex');
}

import type { Database } from '../client.js';
import { quoteIdent, readCatalog, type Query } from './catalog.js';
import { appliedMigrations, checksumRows, type Cell, type Snapshot } from './snapshot.js';
import { inTransaction } from './transaction.js';

export class TransferError extends Error {
  override name = 'TransferError';
}

export interface TableReport {
  name: string;
  rows: number;
  checksum: string;
}

/** Rows per INSERT: one JSON parameter carries them all. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 4_000_000;

/**
 * Writes a snapshot into an empty, migrated database in ONE transaction: every table in dependency
 * order with its ids as they were, then the sequences, then a read-back of every table that must give
 * the same row count and checksum (otherwise everything rolls back), and finally the leases of the
 * process the snapshot came from are let go (see releaseLeases). Refuses a target that holds any row,
 * lacks a table or column the snapshot has, or misses a migration the source had applied.
 */
export async function loadSnapshot(database: Database, snapshot: Snapshot): Promise<TableReport[]> {
  return inTransaction(database, 'write', async (q) => {
    const catalog = await readCatalog(q);
    const applied = await appliedMigrations(q);
    const unknown = snapshot.migrations.filter((hash) => !applied.includes(hash));
    if (unknown.length > 0) {
      throw new TransferError(`the data comes from a newer version of the bot (${unknown.length} migration(s) this version does not have): update the bot first`);
    }
    const targetTables = new Map(catalog.tables.map((t) => [t.name, t]));
    const filled: string[] = [];
    for (const table of catalog.tables) {
      const [row] = await q<{ any: boolean }>(`select exists(select 1 from ${quoteIdent(table.name)}) as any`);
      if (row?.any) filled.push(table.name);
    }
    if (filled.length > 0) throw new TransferError(`the target database is not empty (rows in ${filled.join(', ')})`);
    for (const table of snapshot.tables) {
      const target = targetTables.get(table.name);
      if (!target) throw new TransferError(`the target has no table ${table.name}`);
      const missing = table.columns.filter((c) => !target.columns.some((t) => t.name === c.name));
      if (missing.length > 0) throw new TransferError(`the target table ${table.name} has no column ${missing.map((c) => c.name).join(', ')}`);
    }

    const byName = new Map(snapshot.tables.map((t) => [t.name, t]));
    for (const target of catalog.tables) {
      const table = byName.get(target.name);
      if (table && table.rows.length > 0) await insertRows(q, table.name, table.columns, table.rows);
    }
    for (const sequence of snapshot.sequences) {
      if (!catalog.sequences.includes(sequence.name)) continue;
      await q('select setval($1::regclass, $2::bigint, $3::boolean)', [quoteIdent(sequence.name), sequence.value, sequence.isCalled]);
    }

    const reports: TableReport[] = [];
    for (const table of snapshot.tables) {
      const rows = await readRows(q, table.name, table.columns.map((c) => c.name));
      const checksum = checksumRows(rows);
      if (rows.length !== table.rows.length || checksum !== table.checksum) {
        throw new TransferError(`table ${table.name} did not arrive intact (${table.rows.length} rows sent, ${rows.length} read back${rows.length === table.rows.length ? ', different checksum' : ''})`);
      }
      reports.push({ name: table.name, rows: rows.length, checksum });
    }
    await releaseLeases(q);
    return reports;
  });
}

async function insertRows(q: Query, name: string, columns: { name: string; type: string }[], rows: Cell[][]): Promise<void> {
  const values = columns.map((c, i) => `(e->>${i})::${c.type}`).join(', ');
  // OVERRIDING SYSTEM VALUE: identity columns keep their ids too.
  const text = `insert into ${quoteIdent(name)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) overriding system value select ${values} from json_array_elements($1::json) e`;
  let batch: Cell[][] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await q(text, [JSON.stringify(batch)]);
    batch = [];
    chars = 0;
  };
  for (const row of rows) {
    batch.push(row);
    for (const cell of row) chars += cell?.length ?? 0;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
}

/** A table's rows, as text, in the given columns (the checksum's input). */
export async function readRows(q: Query, name: string, columns: string[]): Promise<Cell[][]> {
  const select = columns.length ? columns.map((c, i) => `${quoteIdent(c)}::text as c${i}`).join(', ') : 'null as c';
  const raw = await q<Record<string, Cell>>(`select ${select} from ${quoteIdent(name)}`);
  return raw.map((r) => columns.map((_, i) => r[`c${i}`] ?? null));
}

/**
 * The copied database starts without the process it came from, so nothing may wait for that
 * process's leases: every `claimed_until` / `claimed_by` (the job queue's — any table with those
 * columns) is cleared, and updates the old process had
 * taken but not finished lose their owner, so the next start takes them over at once. Pending work
 * then goes out once from the copy: what was already sent at the snapshot is marked so in it.
 */
export async function releaseLeases(q: Query): Promise<void> {
  const rows = await q<{ table: string; column: string }>(
    `select c.relname as "table", a.attname as "column" from pg_attribute a join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and a.attname in ('claimed_until', 'claimed_by') order by 1, 2`,
  );
  const tables = new Map<string, string[]>();
  for (const r of rows) (tables.get(r.table) ?? tables.set(r.table, []).get(r.table)!).push(r.column);
  for (const [table, columns] of tables) {
    const set = columns.map((c) => `${quoteIdent(c)} = null`).join(', ');
    const where = columns.map((c) => `${quoteIdent(c)} is not null`).join(' or ');
    await q(`update ${quoteIdent(table)} set ${set} where ${where}`);
  }
  const [journal] = await q<{ ok: boolean }>(
    `select exists(select 1 from information_schema.columns where table_schema = 'public' and table_name = 'telegram_updates' and column_name = 'owner') as ok`,
  );
  if (journal?.ok) await q('update telegram_updates set owner = null where handled_at is null and owner is not null');
}

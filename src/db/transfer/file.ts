import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { TransferError } from './load.js';
import { checksumRows, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Cell, type Snapshot, type SnapshotHeader } from './snapshot.js';

/**
 * A backup file: gzip'd JSON lines. The first line is the header (format, when, the source's
 * migrations, every table's columns, row count and checksum, the sequences); then one line per row,
 * `[table index, [cells…]]`, cells in PostgreSQL's text form. Reading checks every count and checksum,
 * so a damaged or cut-off file is refused before anything is written.
 */
interface FileHeader extends SnapshotHeader {
  tables: { name: string; columns: { name: string; type: string }[]; rows: number; checksum: string }[];
  sequences: Snapshot['sequences'];
}

export async function writeSnapshotFile(snapshot: Snapshot, file: string): Promise<void> {
  const header: FileHeader = {
    format: snapshot.format,
    version: snapshot.version,
    takenAt: snapshot.takenAt,
    engine: snapshot.engine,
    migrations: snapshot.migrations,
    tables: snapshot.tables.map((t) => ({ name: t.name, columns: t.columns, rows: t.rows.length, checksum: t.checksum })),
    sequences: snapshot.sequences,
  };
  function* lines(): Generator<string> {
    yield `${JSON.stringify(header)}\n`;
    for (const [index, table] of snapshot.tables.entries()) for (const row of table.rows) yield `${JSON.stringify([index, row])}\n`;
  }
  // Written next to its place and renamed: a backup file is complete or absent, never half there.
  const partial = `${file}.partial`;
  try {
    await pipeline(Readable.from(lines()), createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

export async function readSnapshotFile(file: string): Promise<Snapshot> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  let header: FileHeader | undefined;
  let rows: Cell[][][] = [];
  try {
    for await (const line of reader) {
      if (line === '') continue;
      const value = JSON.parse(line) as unknown;
      if (!header) {
        header = value as FileHeader;
        if (header.format !== SNAPSHOT_FORMAT) throw new TransferError(`${file} is not a Warkop Indah backup`);
        if (header.version > SNAPSHOT_VERSION) throw new TransferError(`${file} was written by a newer version of the bot (format ${header.version})`);
        rows = header.tables.map(() => []);
        continue;
      }
      const [index, cells] = value as [number, Cell[]];
      const bucket = rows[index];
      if (!bucket) throw new TransferError(`${file} is damaged (a row of an unknown table)`);
      bucket.push(cells);
    }
  } catch (err) {
    if (err instanceof TransferError) throw err;
    throw new TransferError(`${file} could not be read as a backup (${(err as Error).message})`);
  }
  if (!header) throw new TransferError(`${file} is empty`);
  const tables = header.tables.map((t, i) => {
    const data = rows[i]!;
    const checksum = checksumRows(data);
    if (data.length !== t.rows || checksum !== t.checksum) throw new TransferError(`${file} is damaged (table ${t.name}: ${data.length} of ${t.rows} rows, checksum ${checksum === t.checksum ? 'ok' : 'wrong'})`);
    return { name: t.name, columns: t.columns, rows: data, checksum };
  });
  return { format: header.format, version: header.version, takenAt: header.takenAt, engine: header.engine, migrations: header.migrations, tables, sequences: header.sequences };
}

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { readSnapshotFile, writeSnapshotFile } from '../../../src/db/transfer/file.js';
import { loadSnapshot, TransferError } from '../../../src/db/transfer/load.js';
import { takeSnapshot, type Snapshot } from '../../../src/db/transfer/snapshot.js';
import { engines, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

/** A table of the kind other features add (evidence files as bytea, json, arrays, instants, identity ids). */
const EXOTIC = `create table evidence_probe (
  id integer generated always as identity primary key,
  member_id integer references members(id),
  bytes bytea not null,
  meta jsonb,
  tags text[],
  scores double precision[],
  taken_at timestamp with time zone,
  amount numeric(12, 3),
  ratio double precision,
  note text,
  day date
)`;

const BYTES = Buffer.from([0, 1, 2, 92, 39, 34, 255, 254, 10, 13, 0, 120]);

async function fill(database: Database): Promise<void> {
  await database.query(EXOTIC);
  await database.query(`insert into members (telegram_id, first_name, full_name, language) values (555001, 'Ana', 'Ana ''Quote'' "Lestari" \\ ✓', 'id')`);
  const [member] = await database.query<{ id: number }>('select id from members where telegram_id = 555001');
  await database.query(
    `insert into evidence_probe (member_id, bytes, meta, tags, scores, taken_at, amount, ratio, note, day) values
      ($1, $2, $3::jsonb, $4::text[], $5::float8[], $6::timestamptz, $7::numeric, $8::float8, $9, $10::date),
      (null, '\\x'::bytea, 'null'::jsonb, '{}'::text[], null, null, null, null, null, null)`,
    [
      member!.id,
      BYTES,
      JSON.stringify({ emoji: '☕', nested: { a: [1, 2.5, null, 'x'] }, big: 12345678901234567890, quote: '"\'\\' }),
      '{"tag with space","comma,inside","quote\\"inside",NULL,"✓"}',
      '{0.1,1e-300,-0}',
      '2026-12-03T01:02:03.456789+00:00',
      '123456789.125',
      0.1 + 0.2,
      'line one\nline two\ttab \u0000'.replace('\u0000', ''),
      '2026-12-31',
    ],
  );
  // A row inserted and deleted: the sequence is ahead of the highest id, and must stay so.
  await database.query(`insert into evidence_probe (bytes) values ('\\x00')`);
  await database.query(`delete from evidence_probe where id = (select max(id) from evidence_probe)`);
}

function table(snapshot: Snapshot, name: string) {
  const t = snapshot.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

describe.each(engines)('copying a database (%s source)', (engine) => {
  let source: TestDatabase;
  const targets: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wi-copy-'));

  beforeAll(async () => {
    source = await openTestDatabase(engine);
    await source.reset();
    await fill(source);
  });
  afterAll(async () => {
    await source?.close();
    for (const t of targets) await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function emptyTarget(kind: (typeof engines)[number]): Promise<TestDatabase> {
    const target = await openTestDatabase(kind);
    targets.push(target);
    await target.query(EXOTIC);
    return target;
  }

  it.each(engines)('travels through a backup file into an empty %s database exactly, ids and sequences kept', async (targetEngine) => {
    const { snapshot } = await takeSnapshot(source);
    const file = join(dir, `${engine}-${targetEngine}.backup.gz`);
    await writeSnapshotFile(snapshot, file);
    const read = await readSnapshotFile(file);
    const target = await emptyTarget(targetEngine);
    const report = await loadSnapshot(target, read);
    expect(report.map((r) => r.name).sort()).toEqual(snapshot.tables.map((t) => t.name).sort());

    // Row by row, in text form and as the drivers read them back.
    const { snapshot: copy } = await takeSnapshot(target);
    for (const t of snapshot.tables) {
      const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sort(table(copy, t.name).rows), t.name).toEqual(sort(t.rows));
    }
    expect(copy.sequences).toEqual(snapshot.sequences);
    const [probe] = await target.query<{ bytes: Uint8Array; meta: unknown; tags: string; fourth: boolean; taken: string; amount: string; ratio: number; note: string }>(
      `select bytes, meta, tags::text as tags, tags[4] is null as fourth, to_char(taken_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as taken, amount::text as amount, ratio, note from evidence_probe order by id limit 1`,
    );
    expect(Buffer.from(probe!.bytes)).toEqual(BYTES);
    expect(probe!.meta).toEqual({ emoji: '☕', nested: { a: [1, 2.5, null, 'x'] }, big: 12345678901234567890, quote: '"\'\\' });
    // As text: postgres.js 3.4.9 reads a NULL inside an array as the string "NULL" (the value is right).
    expect(probe!.tags).toBe('{"tag with space","comma,inside","quote\\"inside",NULL,✓}');
    expect(probe!.fourth).toBe(true);
    expect(probe!.taken).toBe('2026-12-03 01:02:03.456789');
    expect(probe!.amount).toBe('123456789.125');
    expect(probe!.ratio).toBe(0.1 + 0.2);
    expect(probe!.note).toBe('line one\nline two\ttab ');
    // The next id continues after the source's last one (3 was used and deleted there).
    const [next] = await target.query<{ id: number }>(`insert into evidence_probe (bytes) values ('\\x01') returning id`);
    expect(next!.id).toBe(4);
  }, 180_000);

  it('refuses a target that already holds rows, and changes nothing in it', async () => {
    const { snapshot } = await takeSnapshot(source);
    const target = await emptyTarget(engine);
    await target.query(`insert into members (telegram_id, first_name, full_name, language) values (777, 'Al', 'Already here', 'id')`);
    await expect(loadSnapshot(target, snapshot)).rejects.toThrow(/not empty \(rows in .*members/);
    expect(await target.query('select telegram_id from members')).toHaveLength(1);
    expect(await target.query('select id from evidence_probe')).toHaveLength(0);
  }, 120_000);

  it('refuses data from a newer version (a migration the target lacks) and a table it does not have', async () => {
    const { snapshot } = await takeSnapshot(source);
    const target = await emptyTarget(engine);
    await expect(loadSnapshot(target, { ...snapshot, migrations: [...snapshot.migrations, 'f'.repeat(64)] })).rejects.toThrow(/newer version of the bot/);
    await target.query('drop table evidence_probe');
    await expect(loadSnapshot(target, snapshot)).rejects.toThrow(TransferError);
    expect(await target.query('select id from members')).toHaveLength(0);
  }, 120_000);

  it('refuses a damaged or cut-off backup file before writing anything', async () => {
    const { snapshot } = await takeSnapshot(source);
    const file = join(dir, `${engine}-damaged.backup.gz`);
    await writeSnapshotFile(snapshot, file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    // One cell changed in one row: the table's checksum no longer matches.
    const i = lines.findIndex((l) => l.includes('Already') || l.includes('Lestari'));
    lines[i] = lines[i]!.replace('Lestari', 'Lestary');
    writeFileSync(file, gzipSync(lines.join('\n')));
    await expect(readSnapshotFile(file)).rejects.toThrow(/damaged \(table members: .*checksum wrong\)/);
    // Cut off half way.
    const whole = readFileSync(join(dir, `${engine}-damaged.backup.gz`));
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(readSnapshotFile(file)).rejects.toThrow(TransferError);
  });
});

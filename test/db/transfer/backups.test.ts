import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { backupsDir, listBackups, makeBackup } from '../../../src/db/transfer/backups.js';
import { backupTimeOf } from '../../../src/jobs/backups.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

describe('nightly backup times and keeping', () => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'wi-keep-'));
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads BACKUP_TIME and BACKUP_KEEP, and refuses bad values naming the variable', () => {
    expect(backupTimeOf(loadConfig({}))).toEqual({ hour: 2, minute: 0 });
    expect(loadConfig({}).BACKUP_KEEP).toBe(14);
    expect(backupTimeOf(loadConfig({ BACKUP_TIME: '23.15' }))).toEqual({ hour: 23, minute: 15 });
    expect(backupTimeOf(loadConfig({ BACKUP_TIME: 'off' }))).toBeUndefined();
    expect(() => loadConfig({ BACKUP_TIME: '25:00' })).toThrow(/^BACKUP_TIME: must be a time such as 02:00, or off$/);
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).toThrow(/^BACKUP_KEEP:/);
  });

  it('keeps the newest BACKUP_KEEP backups and leaves other files alone', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const start = Date.parse('2026-12-01T18:00:00Z');
    for (let day = 0; day < 5; day++) await makeBackup(database, dir, { now: new Date(start + day * 86_400_000), keep: 3 });
    const kept = (await listBackups(dir)).map((b) => b.name);
    expect(kept).toEqual(['warkop-indah-2026-12-05T18-00-00Z.backup.gz', 'warkop-indah-2026-12-04T18-00-00Z.backup.gz', 'warkop-indah-2026-12-03T18-00-00Z.backup.gz']);
    // The time is read from the name: the nightly job compares it with the last BACKUP_TIME.
    expect((await listBackups(dir)).map((b) => b.takenAt.toISOString())).toEqual(['2026-12-05T18:00:00.000Z', '2026-12-04T18:00:00.000Z', '2026-12-03T18:00:00.000Z']);
    // Two in the same second get distinct names.
    await makeBackup(database, dir, { now: new Date(start + 4 * 86_400_000), keep: 3 });
    expect(readdirSync(backupsDir(dir)).filter((n) => n.includes('2026-12-05T18-00-00')).sort()).toEqual([
      'warkop-indah-2026-12-05T18-00-00-1Z.backup.gz',
      'warkop-indah-2026-12-05T18-00-00Z.backup.gz',
    ]);
    expect(readdirSync(dir)).toContain('notes.txt');
  }, 120_000);
});

import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { createScratchDatabase, type TestDatabase } from '../../helpers/databases.js';
import { Harness } from '../../helpers/harness.js';
import { emptySnapshot } from '../../../src/dev/telegram-double/index.js';
import { jpegBytes, pdfBytes } from '../../helpers/evidence.js';

/**
 * Backups: the files' bytes live in the database, so a dump of it carries them. Each test stores
 * evidence with one bot, backs the database up and restores it elsewhere, then a bot on the
 * restored copy — talking to a different Telegram (a new fake Bot API that never saw the files) —
 * hands over the ZIP with the very same bytes.
 */
const IDS = { admin: 920_001, ana: 920_002, rina: 920_003 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function asTest(database: Database): TestDatabase {
  return Object.assign(database, { reset: async () => {} });
}

async function storeEvidence(database: Database, engine: 'pglite' | 'postgres'): Promise<{ sk: Buffer; photo: Buffer }> {
  const h = new Harness(engine, asTest(database), { adminIds: [IDS.admin] });
  await h.start();
  try {
    const admin = h.user('Admin', { id: IDS.admin });
    const ana = h.user('Ana', { id: IDS.ana, username: 'ana' });
    const rina = h.user('Rina', { id: IDS.rina, username: 'rina' });
    await admin.send('/start');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    await rina.register('Rina Koordinator', 'Bagian Organisasi');
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const sk = pdfBytes('SK');
    const photo = jpegBytes();
    await ana.press(/^⬜ 16\./, await ana.ask('/bukti 1'));
    await ana.sendDocument(sk, { fileName: 'SK Bupati.pdf' });
    await ana.press(/^⬜ 25\./, await ana.ask('/bukti 1'));
    expect((await ana.sendPhoto(photo)).at(-1)?.text).toContain('Bukti dukung IGA: 2/20');
    return { sk, photo };
  } finally {
    await h.stop();
  }
}

async function zipFromRestored(database: Database, engine: 'pglite' | 'postgres'): Promise<JSZip> {
  // Telegram's update ids only grow: the restored journal has seen the first bot's.
  const h = new Harness(engine, asTest(database), { adminIds: [IDS.admin], api: { restore: { ...emptySnapshot(), nextUpdateId: 800_000_001 } } });
  await h.start();
  try {
    const ana = h.user('Ana', { id: IDS.ana, username: 'ana' });
    const replies = await ana.send('/bukti 1 unduh');
    const doc = replies.find((m) => m.document)?.document;
    expect(doc?.file_name, JSON.stringify(replies.map((m) => m.text))).toBe('Bukti dukung IGA 2026 - Getar Dilan.zip');
    expect(doc?.file_name).toBe('Bukti dukung IGA 2026 - Getar Dilan.zip');
    // This Telegram never had the files: no getFile, the bytes came from the restored database.
    expect(h.api.calls.some((c) => c.method === 'getFile')).toBe(false);
    return await JSZip.loadAsync(doc!.content);
  } finally {
    await h.stop();
  }
}

async function expectSameFiles(zip: JSZip, files: { sk: Buffer; photo: Buffer }): Promise<void> {
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
  expect(names).toHaveLength(3);
  expect((await zip.file('16 Regulasi inovasi daerah/16-1 SK Bupati.pdf')!.async('nodebuffer')).equals(files.sk)).toBe(true);
  const photoName = names.find((n) => n.startsWith('25 Sosialisasi inovasi/'))!;
  expect((await zip.file(photoName)!.async('nodebuffer')).equals(files.photo)).toBe(true);
}

// Two bots, two databases and a dump each: slow on a shared machine, not stuck.
describe('evidence backup and restore', { timeout: 180_000 }, () => {
  it('PGlite: dumpDataDir of DATA_DIR, loadDataDir into a new one, and the files come back', async () => {
    const first = mkdtempSync(join(tmpdir(), 'wi-evidence-a-'));
    const second = mkdtempSync(join(tmpdir(), 'wi-evidence-b-'));
    cleanups.push(() => rmSync(first, { recursive: true, force: true }), () => rmSync(second, { recursive: true, force: true }));

    const original = await openDatabase({ dataDir: first });
    let files: { sk: Buffer; photo: Buffer };
    try {
      files = await storeEvidence(original, 'pglite');
    } finally {
      await original.close();
    }

    // The backup: PGlite's own tarball of its data directory.
    const source = await PGlite.create(join(first, 'pglite'), { extensions: { pg_trgm } });
    const dump = await source.dumpDataDir('gzip');
    await source.close();
    expect(dump.size).toBeGreaterThan(0);
    rmSync(first, { recursive: true, force: true }); // the original is gone

    const target = await PGlite.create(join(second, 'pglite'), { extensions: { pg_trgm }, loadDataDir: dump });
    await target.close();
    const restored = await openDatabase({ dataDir: second });
    try {
      await expectSameFiles(await zipFromRestored(restored, 'pglite'), files);
    } finally {
      await restored.close();
    }
  });

  const pgDump = process.env.TEST_DATABASE_URL ? (() => { try { execSync('pg_dump --version', { stdio: 'ignore' }); return true; } catch { return false; } })() : false;

  it.skipIf(!pgDump)('PostgreSQL: pg_dump | psql into another database, and the files come back', async () => {
    const a = await createScratchDatabase();
    const b = await createScratchDatabase();
    cleanups.push(a.drop, b.drop);
    const original = await openDatabase({ dataDir: 'unused', databaseUrl: a.url, poolSize: 3 });
    let files: { sk: Buffer; photo: Buffer };
    try {
      files = await storeEvidence(original, 'postgres');
    } finally {
      await original.close();
    }
    execSync(`set -o pipefail; pg_dump --no-owner --format=plain "${a.url}" | psql --quiet --set ON_ERROR_STOP=1 "${b.url}"`, { stdio: ['ignore', 'ignore', 'pipe'], shell: '/bin/bash' });
    await a.drop();
    const restored = await openDatabase({ dataDir: 'unused', databaseUrl: b.url, poolSize: 3 });
    try {
      await expectSameFiles(await zipFromRestored(restored, 'postgres'), files);
    } finally {
      await restored.close();
    }
  });
});

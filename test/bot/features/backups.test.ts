import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../../src/db/transfer/file.js';
import { engines } from '../../helpers/databases.js';
import { useHarness } from '../../helpers/harness.js';
import { startBotOn } from '../../db/transfer/helpers.js';

const ADMIN = 900001;

describe('/cadangan on the embedded database', () => {
  const h = useHarness('pglite', { adminIds: [ADMIN] });
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('sends an admin a fresh backup as a file in the private chat; others are refused', async () => {
    // A bot as `npm start` runs it: its database in a DATA_DIR on disk.
    await h.app.stop('on disk');
    const dataDir = mkdtempSync(join(tmpdir(), 'wi-cadangan-'));
    dirs.push(dataDir);
    h.app = await startBotOn(h, { DATA_DIR: dataDir, BACKUP_TIME: 'off' });
    const ana = h.user('Ana', { id: ADMIN });
    const budi = h.user('Budi');
    await ana.register('Ana Lestari', 'Dinas Kesehatan');
    await budi.register('Budi Santoso', 'Dinas Kesehatan');

    expect((await budi.ask('/cadangan')).text).toBe('Maaf, perintah ini hanya untuk admin.');
    const replies = await ana.send('/cadangan');
    await h.settle();
    expect(replies[0]?.text).toBe('Cadangan data sedang dibuat. Berkasnya akan dikirim ke percakapan ini sebentar lagi.');
    const files = h.api.botMessages(ana.id).filter((m) => m.document);
    expect(files).toHaveLength(1);
    const doc = files[0]!.document!;
    expect(doc.file_name).toMatch(/^warkop-indah-2026-11-30T01-\d\d-\d\dZ\.backup\.gz$/);
    expect(doc.caption).toMatch(/^Cadangan data Warkop Indah per Senin, 30 November 2026 · 09\.\d\d WITA \(\d+ KB, \d+ baris data\)\./);
    expect(doc.caption).toContain('npm run restore -- NAMA_BERKAS');
    // The file is a whole backup: it reads back, checksums and all, with both members in it.
    const copy = join(dataDir, 'received.backup.gz');
    writeFileSync(copy, doc.content);
    const snapshot = await readSnapshotFile(copy);
    const members = snapshot.tables.find((t) => t.name === 'members')!;
    expect(members.rows.map((r) => r.find((v) => v === 'Ana Lestari' || v === 'Budi Santoso')).sort()).toEqual(['Ana Lestari', 'Budi Santoso']);
    // Nobody else received a file.
    expect(h.api.botMessages(budi.id).filter((m) => m.document)).toHaveLength(0);

    // In English too.
    await ana.press('English', await ana.ask('/bahasa'));
    await ana.send('/backup');
    await h.settle();
    const second = h.api.botMessages(ana.id).filter((m) => m.document).at(-1)!;
    expect(second.document!.caption).toMatch(/^Warkop Indah data backup as of Monday, 30 November 2026 · 09:\d\d WITA \(\d+ KB, \d+ rows of data\)/);
    await h.app.stop('test');
  }, 240_000);

  it('says so on a database that lives in memory only', async () => {
    const ana = h.user('Ana', { id: ADMIN });
    await ana.register('Ana Lestari', 'Dinas Kesehatan');
    expect((await ana.ask('/cadangan')).text).toBe('Data bot ini hanya tersimpan di memori (tanpa folder data), sehingga tidak ada cadangan yang dapat dibuat.');
  });
});

describe.runIf(engines.includes('postgres'))('/cadangan on PostgreSQL', () => {
  const h = useHarness('postgres', { adminIds: [ADMIN] });

  it('points to the server’s own tools and makes nothing', async () => {
    const ana = h.user('Ana', { id: ADMIN });
    await ana.register('Ana Lestari', 'Dinas Kesehatan');
    const reply = await ana.ask('/cadangan');
    expect(reply.text).toContain('Cadangan data dibuat dengan alat server tersebut (pg_dump), bukan oleh bot.');
    await h.settle();
    expect(h.api.botMessages(ana.id).filter((m) => m.document)).toHaveLength(0);
  });
});

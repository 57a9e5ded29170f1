import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../../../scripts/seed-demo.js';
import { openDatabase } from '../../../src/db/client.js';
import { moveCommand } from '../../../src/cli/move.js';
import { loadSnapshot } from '../../../src/db/transfer/load.js';
import { takeSnapshot } from '../../../src/db/transfer/snapshot.js';
import { createScratchDatabase } from '../../helpers/databases.js';
import { insertCompleteIdea } from '../../helpers/draft-ideas.js';
import { useHarness } from '../../helpers/harness.js';
import { setupForum } from '../../helpers/sessions.js';
import { bufferIo, rowsByTable, startBotOn } from './helpers.js';

/** From the embedded database to PostgreSQL: needs a server (TEST_DATABASE_URL). */
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('db:move to PostgreSQL', () => {
  const h = useHarness('pglite', { adminIds: [900001] });
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('copies a filled embedded database table by table, and the bot on PostgreSQL sees the same ideas, sessions and drafts', async () => {
    const { ana } = await setupForum(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinas Kesehatan');
    await h.db.transaction((tx) => seed(tx as never, h.clock.now(), 'Asia/Makassar'));
    const idea = await insertCompleteIdea(h.db, ana.id, { supporters: [budi.id], commenter: budi.id });
    await ana.send('/sesi_baru Kamis 09.00 | Aula Bappelitbangda | Bedah proposal KIPP');
    await ana.send(`/draf ${idea.id}`);
    await h.settle();
    const questions = ['/ide', '/sesi', `/draf ${idea.id} riwayat`, '/rekap'];
    const answers: string[] = [];
    // Every message of an answer, text or caption (/rekap answers a summary, then the chart as a photo).
    const answerTo = async (q: string) => (await ana.send(q)).map((m) => m.text ?? m.photo?.caption ?? m.document?.caption ?? '').join('\n');
    for (const q of questions) answers.push(await answerTo(q));
    expect(answers[3]).toContain('Rekap');
    expect(answers[2]).toContain('v1');

    // The forum's data in an embedded database on disk, as `npm start` keeps it.
    await h.app.stop('moving');
    const dataDir = mkdtempSync(join(tmpdir(), 'wi-move-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const disk = await openDatabase({ dataDir });
    await loadSnapshot(disk, (await takeSnapshot(h.database)).snapshot);
    await disk.close();

    const scratch = await createScratchDatabase();
    cleanup.push(scratch.drop);
    const io = bufferIo();
    expect(await moveCommand(['--to', scratch.url], { DATA_DIR: dataDir }, io), io.errors.join('\n')).toBe(0);
    expect(io.lines.at(-1)).toBe(`DATABASE_URL=${scratch.url}`);
    expect(io.lines.join('\n')).toMatch(/ideas\s+\d+ rows\s+checksum ok/);
    // Once there, the target is no longer empty: a second move is refused.
    const again = bufferIo();
    expect(await moveCommand(['--to', scratch.url], { DATA_DIR: dataDir }, again)).toBe(2);
    expect(again.errors.join('\n')).toContain('is not empty');

    // Every table, row by row.
    const source = await openDatabase({ dataDir });
    const { snapshot: before } = await takeSnapshot(source);
    await source.close();
    const target = await openDatabase({ dataDir: 'unused', databaseUrl: scratch.url, poolSize: 2 });
    const { snapshot: after } = await takeSnapshot(target);
    await target.close();
    expect(after.tables.map((t) => t.name)).toEqual(before.tables.map((t) => t.name));
    expect(rowsByTable(after)).toEqual(rowsByTable(before));
    expect(after.sequences).toEqual(before.sequences);
    expect(before.tables.find((t) => t.name === 'drafts')!.rows.length).toBe(1);

    // npm start with the printed DATABASE_URL: the same answers.
    h.app = await startBotOn(h, { DATABASE_URL: scratch.url });
    for (const [i, q] of questions.entries()) expect(await answerTo(q), q).toBe(answers[i]);
    // And it keeps working: a new session continues the ids.
    expect((await ana.send('/sesi_baru Jumat 09.00 | Aula | Lanjutan'))[0]?.text).toContain('#2');
    await h.app.stop('test');
  }, 300_000);
});

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../../../scripts/seed-demo.js';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { broadcastDeliveries, broadcasts, members, outbox } from '../../../src/db/schema/index.js';
import { makeBackup } from '../../../src/db/transfer/backups.js';
import { restoreCommand } from '../../../src/cli/restore.js';
import { readSnapshotFile } from '../../../src/db/transfer/file.js';
import { takeSnapshot } from '../../../src/db/transfer/snapshot.js';
import { createScratchDatabase, engines } from '../../helpers/databases.js';
import { useHarness, type Harness, type TestUser } from '../../helpers/harness.js';
import { announcementIn, privateTexts, setupForum } from '../../helpers/sessions.js';
import { bufferIo, rowsByTable, startBotOn } from './helpers.js';

// The session: Kamis, 3 Desember 2026 · 09.00 WITA. Its reminders: Rabu 16.00 WITA and Kamis 08.00 WITA.
const DAY_BEFORE = new Date('2026-12-02T08:00:05Z');
const HOUR_BEFORE = new Date('2026-12-03T00:00:05Z');
const NEWS = 'Sesi Warkop Indah pekan ini membahas proposal KIPP. Mohon hadir tepat waktu.';

describe.each(engines)('backup and restore (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  const tmp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  async function person(name: string): Promise<TestUser> {
    const user = h.user(name);
    await user.register(`${name} Lestari`, 'Dinkes');
    return user;
  }

  // Broadcasts arrive under a header naming Warkop Indah and the coordinator.
  const newsFor = (user: TestUser) => h.api.botMessages(user.id).filter((m) => m.text?.endsWith(NEWS)).length;
  const remindersFor = (user: TestUser) => privateTexts(h, user, 'Pengingat sesi #1').length;

  it('restores every row into an empty database, and the pending reminders and the half-sent broadcast go out once', async () => {
    // A forum a year in: the demo data, a session with answers (its reminders pending), a broadcast.
    const { ana, plain } = await setupForum(h);
    const budi = await person('Budi');
    const citra = await person('Citra');
    await h.db.transaction((tx) => seed(tx as never, h.clock.now(), 'Asia/Makassar'));
    await ana.send('/sesi_baru Kamis 09.00 | Aula Bappelitbangda | Bedah proposal KIPP');
    await budi.press('✅ Hadir', announcementIn(h, plain, 1));
    await ana.send('/siaran');
    const [choose] = await ana.send(NEWS);
    const { replies } = await ana.press(/Semua anggota aktif/, choose);
    await ana.press('✅ Kirim', replies.at(-1));
    await h.settle();
    // Ana, who sent it, also has its preview.
    expect([newsFor(ana), newsFor(budi), newsFor(citra)]).toEqual([2, 1, 1]);

    // The moment of the backup: the broadcast has reached Ana but not Budi and Citra (Budi's delivery
    // held by the process that was sending it), and that process also holds every pending reminder.
    const ids = (await h.db.select({ id: members.id }).from(members).where(inArray(members.telegramId, [budi.id, citra.id]))).map((m) => m.id);
    await h.db.update(broadcasts).set({ status: 'sending', finishedAt: null, reportedAt: null }).where(eq(broadcasts.id, 1));
    await h.db
      .update(broadcastDeliveries)
      .set({ status: 'pending', processedAt: null, messageId: null, reason: null })
      .where(and(eq(broadcastDeliveries.broadcastId, 1), inArray(broadcastDeliveries.memberId, ids)));
    // Their delivery jobs are pending again too.
    await h.db.execute(
      sql`update outbox set status = 'pending', processed_at = null, outcome = null where kind = 'broadcast.deliver' and (payload->>'deliveryId')::int in (select id from broadcast_deliveries where status = 'pending')`,
    );
    const heldUntil = new Date('2026-12-05T00:00:00Z');
    const held = await h.db.update(outbox).set({ claimedBy: 'process-that-died', claimedUntil: heldUntil }).where(eq(outbox.status, 'pending')).returning({ id: outbox.id });
    expect(held.length).toBeGreaterThan(0);

    const sourceDir = tmp('wi-source-');
    const backup = await makeBackup(h.database, sourceDir, { keep: 14 });
    expect(backup.file.startsWith(join(sourceDir, 'backups'))).toBe(true);
    expect(backup.rows).toBeGreaterThan(150);

    // The disk dies: the bot and its database are gone. Restore into a new, empty place.
    await h.app.stop('disk died');
    const restoredDir = tmp('wi-restored-');
    let env: Record<string, string> = { DATA_DIR: restoredDir };
    if (engine === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanup.push(scratch.drop);
      env = { ...env, DATABASE_URL: scratch.url };
    }
    const io = bufferIo();
    expect(await restoreCommand([backup.file], env, io), io.errors.join('\n')).toBe(0);
    expect(io.lines.join('\n')).toContain('every count and checksum verified');

    // Every row identical to the backup's moment (only the dead process's leases are let go).
    const open = (): Promise<Database> => openDatabase({ dataDir: restoredDir, databaseUrl: env.DATABASE_URL, poolSize: 2 });
    const restored = await open();
    const { snapshot: after } = await takeSnapshot(restored);
    const leases = await restored.query<{ n: number }>(
      `select count(*)::int as n from outbox where claimed_by is not null or claimed_until is not null`,
    );
    await restored.close();
    const before = await readSnapshotFile(backup.file);
    expect(rowsByTable(after)).toEqual(rowsByTable(before));
    expect(after.sequences).toEqual(before.sequences);
    expect(leases[0]!.n).toBe(0);
    // A second restore into the same place is refused and changes nothing.
    expect(await restoreCommand([backup.file], env, bufferIo())).toBe(2);

    // npm start on the restored database: the broadcast finishes, once per missing recipient…
    h.app = await startBotOn(h, engine === 'postgres' ? { DATABASE_URL: env.DATABASE_URL! } : { DATA_DIR: restoredDir });
    await h.runJobs();
    expect([newsFor(ana), newsFor(budi), newsFor(citra)]).toEqual([2, 2, 2]);
    const [bc] = await h.app.database.db.select().from(broadcasts).where(eq(broadcasts.id, 1));
    expect(bc!.status).toBe('done');

    // … and each reminder goes out at its time, once.
    expect(remindersFor(budi)).toBe(0);
    h.clock.set(DAY_BEFORE);
    await h.runJobs();
    await h.runJobs();
    expect(remindersFor(budi)).toBe(1);
    expect(h.api.botMessages(plain.id).filter((m) => m.text?.includes('Pengingat sesi Warkop Indah #1'))).toHaveLength(1);
    h.clock.set(HOUR_BEFORE);
    await h.runJobs();
    await h.runJobs();
    expect(remindersFor(budi)).toBe(2);
    expect(remindersFor(citra)).toBe(0);
    const stillPending = await h.app.database.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(eq(outbox.status, 'pending'), sql`${outbox.dueAt} <= ${HOUR_BEFORE.toISOString()}::timestamptz`));
    expect(Number(stillPending[0]!.n)).toBe(0);

    if (engine === 'pglite') {
      // The restored bot keeps its own nightly backups: one at its first start (none there yet), then
      // one for each 02.00 WITA the clock passed (Wednesday's and Thursday's).
      const names = readdirSync(join(restoredDir, 'backups')).filter((n) => n.endsWith('.backup.gz')).sort();
      expect(names).toEqual([
        expect.stringMatching(/^warkop-indah-2026-11-30T01-\d\d-\d\dZ\.backup\.gz$/), // the test clock has moved on a little since 09.00 WITA
        'warkop-indah-2026-12-02T08-00-05Z.backup.gz',
        'warkop-indah-2026-12-03T00-00-05Z.backup.gz',
      ]);
      expect(h.logs.text).toContain('backup written');
    }
    await h.app.stop('test');
  }, 300_000);
});

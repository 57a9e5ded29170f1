import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Update } from 'telegraf/types';
import { INSTANCE_LOCK_CLASS, InstanceLock } from '../../../src/db/instance-lock.js';
import { telegramUpdates } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { UpdateJournal } from '../../../src/telegram/intake/journal.js';
import { until } from '../../helpers/bot-process.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const logger = createLogger({ level: 'silent', secrets: [] });

let nextId = 1000;
function text(chatId: number, body = 'halo'): Update {
  const id = nextId++;
  return {
    update_id: id,
    message: { message_id: id, date: 1_700_000_000, chat: { id: chatId, type: 'private', first_name: 'A' }, from: { id: chatId, is_bot: false, first_name: 'A' }, text: body },
  } as Update;
}

/**
 * Two instances' journals on one database (on PGlite both locks live in its one session, which is
 * all the liveness test needs): ordering within a chat across instances, and takeover of the
 * updates of an instance that is gone — never of one that is alive.
 */
describe.each(engines)('update journal shared by instances (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let a: InstanceLock;
  let b: InstanceLock;
  let journalA: UpdateJournal;
  let journalB: UpdateJournal;

  beforeEach(async () => {
    a = await InstanceLock.acquire(database, logger);
    b = await InstanceLock.acquire(database, logger);
    journalA = new UpdateJournal(database.db, { owner: a.id, flushDelayMs: 1 });
    journalB = new UpdateJournal(database.db, { owner: b.id, flushDelayMs: 1 });
  });
  afterEach(async () => {
    await a.release();
    await b.release();
  });

  it('gives every instance its own id', () => {
    expect(a.id).not.toBe(b.id);
    expect(a.id).toBeGreaterThan(0);
  });

  it('records each update once, whoever receives it again', async () => {
    const u = text(1);
    expect([...(await journalA.record([u])).keys()]).toEqual([u.update_id]);
    expect((await journalB.record([u])).size).toBe(0);
    const [row] = await database.db.select().from(telegramUpdates).where(sql`update_id = ${u.update_id}`);
    expect(row?.owner).toBe(a.id);
    expect(row?.chatKey).toBe('c1');
  });

  it('writes waiting handled-marks with the next insert, and keeps them when that insert fails', async () => {
    // A long flush delay: only the next insert can have written the marks.
    const journal = new UpdateJournal(database.db, { owner: a.id, flushDelayMs: 60_000 });
    const first = text(11);
    await journal.record([first]);
    journal.markHandled(first.update_id);
    const handled = async (id: number) =>
      (await database.db.select({ at: telegramUpdates.handledAt }).from(telegramUpdates).where(sql`update_id = ${id}`))[0]?.at ?? null;
    expect(await handled(first.update_id)).toBeNull();

    const second = text(11);
    await journal.record([second]);
    expect(await handled(first.update_id)).not.toBeNull();
    expect(await handled(second.update_id)).toBeNull();

    // An insert that fails (an update id beyond bigint: every row refused) must not lose the mark it carried.
    journal.markHandled(second.update_id);
    await expect(journal.record([{ ...text(11), update_id: 2 ** 70 } as Update])).rejects.toThrow();
    expect(await handled(second.update_id)).toBeNull();
    await journal.flush();
    expect(await handled(second.update_id)).not.toBeNull();
  });

  it('holds an update back while an earlier one of its chat runs on another instance', async () => {
    const first = text(7);
    const mine = text(7);
    const second = text(7);
    const elsewhere = text(8);
    await journalA.record([first]);
    // Within one instance the dispatcher's per-chat queue keeps the order: no waiting on oneself.
    expect((await journalA.record([mine])).get(mine.update_id)).toMatchObject({ behind: false });
    const recorded = await journalB.record([second, elsewhere]);
    expect(recorded.get(second.update_id)).toMatchObject({ behind: true });
    expect(recorded.get(elsewhere.update_id)).toMatchObject({ behind: false });

    expect(await journalB.waitForEarlier(second, 150, 10)).toBe(false); // A is still at it
    const waiting = journalB.waitForEarlier(second, 30_000, 10);
    journalA.markHandled(first.update_id);
    await journalA.flush();
    // `mine` (also earlier, also on A) still holds it back.
    expect(await journalB.waitForEarlier(second, 150, 10)).toBe(false);
    journalA.markHandled(mine.update_id);
    await journalA.flush();
    expect(await waiting).toBe(true);
  });

  it('does not wait for an instance that is gone', async () => {
    const first = text(9);
    const second = text(9);
    await journalA.record([first]);
    expect((await journalB.record([second])).get(second.update_id)).toMatchObject({ behind: true });
    await a.release();
    expect(await journalB.waitForEarlier(second, 30_000, 10)).toBe(true);
  });

  it('takes over the unfinished updates of a stopped instance, never those of a live one', async () => {
    const [u1, u2, u3] = [text(21), text(22), text(23)];
    await journalA.record([u2, u1]);
    await journalB.record([u3]);
    // A journaled row from before instances had owners is anyone's.
    const legacy = text(24);
    await database.db.insert(telegramUpdates).values({ updateId: legacy.update_id, payload: legacy });

    expect((await journalB.claimOrphans()).map((u) => u.update_id)).toEqual([legacy.update_id]);
    // Its own rows are not orphans either: they are in its queue.
    expect(await journalB.claimOrphans()).toEqual([]);

    journalA.markHandled(u1.update_id);
    await journalA.flush();
    await a.release();
    expect((await journalB.claimOrphans()).map((u) => u.update_id)).toEqual([u2.update_id]);
    const owners = await database.db.select({ id: telegramUpdates.updateId, owner: telegramUpdates.owner }).from(telegramUpdates).orderBy(telegramUpdates.updateId);
    expect(owners).toEqual([
      { id: u1.update_id, owner: a.id },
      { id: u2.update_id, owner: b.id },
      { id: u3.update_id, owner: b.id },
      { id: legacy.update_id, owner: b.id },
    ]);
  });

  it('notices a lost lock (a dropped connection) and takes it again', async () => {
    const u = text(31);
    await journalA.record([u]);
    if (engine === 'postgres') {
      const lockHolders = "select pid from pg_locks where locktype = 'advisory' and objsubid = 2 and classid::bigint = $1 and objid::bigint = $2";
      const holders = (await database.query(lockHolders, [INSTANCE_LOCK_CLASS, a.id])) as { pid: number }[];
      expect(holders).toHaveLength(1);
      await database.query('select pg_terminate_backend($1)', [holders[0]!.pid]);
      // pg_terminate_backend only signals the backend: wait until it is gone and its lock released.
      await until(async () => {
        const alive = (await database.query('select 1 from pg_stat_activity where pid = $1', [holders[0]!.pid])) as unknown[];
        const held = (await database.query(lockHolders, [INSTANCE_LOCK_CLASS, a.id])) as unknown[];
        return alive.length === 0 && held.length === 0;
      }, 'the terminated backend to exit');
    } else {
      await database.query('select pg_advisory_unlock($1::int, $2::int)', [INSTANCE_LOCK_CLASS, a.id]);
    }
    // Meanwhile A counts as gone: its unfinished update is anyone's.
    expect((await journalB.claimOrphans()).map((x) => x.update_id)).toEqual([u.update_id]);
    // The first check may only find the connection dead; by the next one the lock is back.
    await a.keepAlive();
    await a.keepAlive();
    const v = text(32);
    await journalA.record([v]);
    expect(await journalB.claimOrphans()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { outbox, type NewOutboxRow } from '../../../src/db/schema/index.js';
import { claim, finishMany, laterJobsDue } from '../../../src/domain/jobs/queue.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const now = new Date('2026-12-03T00:00:30Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const job = (key: string, chatId: number | null, dueAt: Date, ref = 'session:1'): NewOutboxRow => ({ kind: 'session.reminder', ref, dedupeKey: key, chatId, dueAt, payload: {} });

describe.each(engines)('the queue, a claimed batch at a time (%s)', (engine) => {
  const database = useTestDatabase(engine);

  it('closes a batch in one statement, only the jobs the owner still holds', async () => {
    const { db } = database;
    await db.insert(outbox).values([job('a', 1, at(-20)), job('b', 2, at(-20)), job('c', 3, at(-20))]);
    const rows = await claim(db, { kinds: ['session.reminder'], now, leaseMs: 60_000, owner: 'one', limit: 10 });
    expect(rows).toHaveLength(3);
    // The lease on c lapsed and another instance took it.
    const c = rows.find((r) => r.dedupeKey === 'c')!;
    await db.update(outbox).set({ claimedBy: 'two' }).where(inArray(outbox.id, [c.id]));
    const closed = await finishMany(
      db,
      rows.map((r, i) => ({ job: r, status: i === 0 ? ('sent' as const) : ('skipped' as const), outcome: i === 0 ? undefined : 'x'.repeat(600) })),
      'one',
      now,
    );
    expect([...closed].sort()).toEqual(rows.filter((r) => r !== c).map((r) => r.id).sort());
    const after = await db.select().from(outbox).orderBy(outbox.dedupeKey);
    expect(after.map((r) => [r.dedupeKey, r.status, r.outcome?.length ?? null, r.claimedUntil])).toEqual([
      ['a', 'sent', null, null],
      ['b', 'skipped', 500, null],
      ['c', 'pending', null, c.claimedUntil],
    ]);
    expect(await finishMany(db, [], 'one', now)).toEqual(new Set());
  });

  it('tells which jobs of a batch a later due job of the same chat and subject supersedes', async () => {
    const { db } = database;
    await db.insert(outbox).values([
      job('early-1', 1, at(-60)),
      job('late-1', 1, at(-10)),
      job('early-2', 2, at(-60)),
      job('future-2', 2, at(60)), // not due yet: supersedes nothing
      job('early-3', 3, at(-60)),
      job('late-3-other-session', 3, at(-10), 'session:2'),
      job('fan-out-early', null, at(-60)),
      job('fan-out-late', null, at(-10)),
    ]);
    const rows = await db.select().from(outbox);
    const superseded = await laterJobsDue(db, rows, now);
    const keys = rows.filter((r) => superseded.has(r.id)).map((r) => r.dedupeKey).sort();
    expect(keys).toEqual(['early-1', 'fan-out-early']);
    expect(await laterJobsDue(db, [], now)).toEqual(new Set());
  });
});

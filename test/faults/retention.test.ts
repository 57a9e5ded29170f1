import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { broadcastDeliveries, broadcasts, draftRequests, ideas, members, outbox } from '../../src/db/schema/index.js';
import { pruneBatch, type RetentionPolicy } from '../../src/domain/retention.js';
import { retentionJob } from '../../src/jobs/retention.js';
import type { JobContext } from '../../src/jobs/scheduler.js';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';

const DAY = 86_400_000;
const policy: RetentionPolicy = { outboxDays: 90, draftRequestDays: 30, broadcastDeliveryDays: 365, updateJournalHours: 48 };

describe.each(engines)('retention (%s)', (engine) => {
  const h = useHarness(engine);

  it('prunes finished rows past their time in small batches, never pending or recent ones', async () => {
    const now = h.clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    const [member] = await h.db.select().from(members).where(sql`${members.telegramId} = ${ana.id}`);
    const [idea] = await h.db.insert(ideas).values({ name: 'Getar Dilan', agencyId: member!.agencyId!, ownerId: member!.id }).returning();

    // Outbox: 12 old sent rows (pruned, over several batches) and what must stay.
    const old = Array.from({ length: 12 }, (_, i) => ({ kind: 'test', ref: 'r', dedupeKey: `old-${i}`, dueAt: ago(200), status: 'sent' as const, processedAt: ago(199) }));
    await h.db.insert(outbox).values([
      ...old,
      { kind: 'test', ref: 'r', dedupeKey: 'old-failed', dueAt: ago(200), status: 'failed', processedAt: ago(199), outcome: 'bug' },
      { kind: 'test', ref: 'r', dedupeKey: 'old-pending', dueAt: ago(200), status: 'pending' },
      { kind: 'test', ref: 'r', dedupeKey: 'old-claimed', dueAt: ago(200), status: 'pending', claimedBy: 'x', claimedUntil: new Date(now.getTime() + 60_000) },
      { kind: 'test', ref: 'r', dedupeKey: 'recent-sent', dueAt: ago(10), status: 'sent', processedAt: ago(10) },
      { kind: 'test', ref: 'r', dedupeKey: 'future-pending', dueAt: new Date(now.getTime() + DAY), status: 'pending' },
    ]);
    const request = (status: 'queued' | 'running' | 'done' | 'failed', days: number, finished: boolean) => ({
      kind: 'build' as const, ideaId: idea!.id, memberId: member!.id, chatId: ana.id, language: 'id' as const, layoutId: 'kipp-umum-2023', status, requestedAt: ago(days), ...(finished ? { finishedAt: ago(days) } : {}),
    });
    await h.db.insert(draftRequests).values([request('done', 40, true), request('failed', 40, true), request('queued', 40, false), request('running', 40, false), request('done', 5, true)]);
    const [broadcast] = await h.db.insert(broadcasts).values({ createdBy: member!.id, text: 'Halo', audience: 'members', total: 3 }).returning();
    await h.db.insert(broadcastDeliveries).values([
      { broadcastId: broadcast!.id, chatId: 1, status: 'delivered', processedAt: ago(400) },
      { broadcastId: broadcast!.id, chatId: 2, status: 'pending' },
      { broadcastId: broadcast!.id, chatId: 3, status: 'delivered', processedAt: ago(100) },
    ]);
    await h.database.query(`insert into telegram_updates (update_id, payload, received_at, handled_at) values
      (9000001, '{}', now() - interval '100 hours', now() - interval '100 hours'),
      (9000002, '{}', now() - interval '100 hours', null),
      (9000003, '{}', now() - interval '2 hours', now() - interval '2 hours')`);

    // Batches of 5: the job keeps going while a table had a full batch, then rests.
    const job = retentionJob({ ...h.config, RETENTION_BATCH: 5, RETENTION_OUTBOX_DAYS: 90, RETENTION_DRAFT_REQUEST_DAYS: 30, RETENTION_BROADCAST_DELIVERY_DAYS: 365, RETENTION_UPDATE_JOURNAL_HOURS: 48 });
    const ctx = { database: h.app.database, clock: h.clock, logger: h.logger } as unknown as JobContext;
    const rounds: number[] = [];
    for (let n = await job.run(ctx); n > 0; n = await job.run(ctx)) rounds.push(n);
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(await job.run(ctx)).toBe(0);

    const keys = (await h.db.select({ k: outbox.dedupeKey }).from(outbox)).map((r) => r.k).sort();
    expect(keys).toEqual(['future-pending', 'old-claimed', 'old-pending', 'recent-sent']);
    const requests = await h.db.select({ status: draftRequests.status, requestedAt: draftRequests.requestedAt }).from(draftRequests);
    expect(requests.map((r) => r.status).sort()).toEqual(['done', 'queued', 'running']);
    expect((await h.db.select().from(broadcastDeliveries)).map((d) => d.chatId).sort()).toEqual([2, 3]);
    const journal = (await h.database.query('select update_id from telegram_updates where update_id between 9000000 and 9000010 order by 1')) as { update_id: number | string }[];
    expect(journal.map((r) => Number(r.update_id))).toEqual([9000002, 9000003]);

    // Nothing left to prune: a second pass deletes nothing.
    expect(await pruneBatch(h.db, policy, now, 5)).toEqual({ outbox: 0, draftRequests: 0, broadcastDeliveries: 0, updateJournal: 0 });
  });
});

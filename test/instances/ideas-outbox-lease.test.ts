import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ideasOutboxJob } from '../../src/jobs/idea-notices.js';
import { outbox } from '../../src/db/schema/index.js';
import { claim } from '../../src/domain/jobs/queue.js';
import type { JobContext } from '../../src/jobs/scheduler.js';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';
import { agencyId, memberOf, seedIdea } from '../helpers/ideas.js';

/**
 * The ideas outbox claims rows with a one-minute lease and sends them one by one. When sending is
 * slow (a busy group's 20/min shared by every instance), the rows not yet started are given back
 * before the lease runs out: another instance may take them at once, and never takes a row this
 * one is still sending.
 */
describe.each(engines)('ideas outbox lease (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('gives back what it cannot start before its lease nears the end; every notice goes out once', async () => {
    const rina = h.user('Rina', { id: 900001 });
    const ana = h.user('Ana');
    await rina.register('Rina Koordinator', 'Bagian Organisasi');
    await ana.register('Ana Lestari', 'Dinkes');
    const owner = await memberOf(h, ana);
    const coordinator = await memberOf(h, rina);
    const agency = await agencyId(h, 'Dinkes');
    // Four coordinator moves of Ana's ideas: four notices owed to her, none sent yet.
    for (const name of ['Getar Dilan', 'Rompi KPK', 'Peta Baper', 'Sipakainga']) {
      await seedIdea(h, { name, ownerId: owner.id, agencyId: agency, at: h.clock.now(), moves: [{ to: 'discussed', at: h.clock.now() }], actor: { id: coordinator.id, role: 'coordinator' } });
    }
    const rows = () => h.db.select().from(outbox).where(eq(outbox.kind, 'idea.stage_owner')).orderBy(asc(outbox.id));
    const worker = ideasOutboxJob('test-worker');
    expect(await rows()).toHaveLength(4);

    // Each notice takes 25 s to get out (the clock moves as Telegram takes it).
    const notices = () => h.api.botMessages(ana.id).filter((m) => m.text?.startsWith('📍 Ide Anda'));
    const off = h.api.onEvent((e) => {
      if (e.type === 'sent' && e.message.chat_id === ana.id) h.clock.advance(25_000);
    });
    const jc: JobContext = { database: h.database, sender: h.app.sender, clock: h.clock, logger: h.logger, config: h.config };
    try {
      // Started at 0 s and 25 s; at 50 s only 10 s of the minute would be left: the rest goes back.
      expect(await worker.run(jc)).toBe(2);
      expect(notices()).toHaveLength(2);
      const after = await rows();
      expect(after.map((r) => r.status)).toEqual(['sent', 'sent', 'pending', 'pending']);
      expect(after.slice(2).map((r) => [r.claimedUntil, r.claimedBy, r.attempts])).toEqual([[null, null, 0], [null, null, 0]]);

      // Free at once for any instance (here, another claim straight away) …
      const taken = await claim(h.db, { kinds: ['idea.stage_owner'], now: h.clock.now(), leaseMs: 60_000, owner: 'other', limit: 10 });
      expect(taken.map((r) => r.id)).toEqual(after.slice(2).map((r) => r.id));
      await h.db.update(outbox).set({ claimedUntil: null, claimedBy: null, attempts: 0 }).where(eq(outbox.kind, 'idea.stage_owner'));
      // … and the next run sends them.
      expect(await worker.run(jc)).toBe(2);
    } finally {
      off();
    }
    expect(notices()).toHaveLength(4);
    expect(new Set(notices().map((m) => m.text)).size).toBe(4);
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ideas, ideaStageEvents, members, outbox, type Member } from '../../../src/db/schema/index.js';
import { createIdea } from '../../helpers/ideas.js';
import { moveIdeaStage } from '../../../src/domain/ideas/move.js';
import { toggleSupport } from '../../../src/domain/ideas/supports.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

describe.each(engines)('moveIdeaStage and toggleSupport on the database (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let owner: Member;
  let coordinator: Member;
  let others: Member[];
  const at = new Date('2026-11-30T16:30:00Z'); // 1 December 00:30 WITA

  beforeEach(async () => {
    const rows = await database.db
      .insert(members)
      .values(Array.from({ length: 7 }, (_, i) => ({ telegramId: 1000 + i, firstName: `M${i}`, agencyId: 1, role: i === 1 ? ('coordinator' as const) : ('member' as const) })))
      .returning();
    [owner, coordinator, ...others] = rows as [Member, Member, ...Member[]];
  });

  it('writes stage, date, history and notices together, and lets only one of two racing moves through', async () => {
    const { idea } = await createIdea(database.db, { name: 'Getar Dilan', agencyId: 1, ownerId: owner.id }, at);
    const results = await Promise.all(
      [0, 1].map(() => moveIdeaStage(database.db, { ideaId: idea.id, to: 'implemented', actor: coordinator, at, timeZone: 'Asia/Makassar', expectedFrom: 'pitched' })),
    );
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'changed' });
    const [row] = await database.db.select().from(ideas);
    expect(row).toMatchObject({ stage: 'implemented', implementedOn: '2026-12-01' });
    const events = await database.db.select().from(ideaStageEvents).where(eq(ideaStageEvents.ideaId, idea.id));
    expect(events.map((e) => e.toStage)).toEqual(['pitched', 'implemented']);
    expect(events[1]?.createdAt.toISOString()).toBe(at.toISOString());
    const notices = await database.db.select().from(outbox);
    // No forum topic: only the owner's notice.
    expect(notices.map((n) => n.kind)).toEqual(['idea.stage_owner']);
  });

  it('writes nothing for a refused move', async () => {
    const { idea } = await createIdea(database.db, { name: 'Rompi KPK', agencyId: 1, ownerId: owner.id }, at);
    const result = await moveIdeaStage(database.db, { ideaId: idea.id, to: 'trial', actor: owner, at, timeZone: 'Asia/Makassar' });
    expect(result).toEqual({ ok: false, reason: 'owner_one_step' });
    expect(await database.db.select().from(ideaStageEvents)).toHaveLength(1);
    expect(await database.db.select().from(outbox)).toEqual([]);
    expect(await moveIdeaStage(database.db, { ideaId: 999, to: 'trial', actor: coordinator, at, timeZone: 'Asia/Makassar' })).toEqual({ ok: false, reason: 'not_found' });
  });

  it('keeps the support counter equal to the support rows under concurrent presses', async () => {
    const { idea } = await createIdea(database.db, { name: 'Peta Baper', agencyId: 1, ownerId: owner.id }, at);
    // Five members press once, two of them twice (on and off again), all at once.
    const presses = [...others, others[0]!, others[1]!].map((m) => toggleSupport(database.db, idea.id, m.id, at));
    const results = await Promise.all(presses);
    expect(results.every((r) => r.ok)).toBe(true);
    const [row] = await database.db.select().from(ideas);
    expect(row?.supportCount).toBe(3);
    expect(await toggleSupport(database.db, idea.id, owner.id, at)).toEqual({ ok: false, reason: 'own_idea' });
  });
});

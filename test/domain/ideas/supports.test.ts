import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { ideas, ideaSupports, members, type Member } from '../../../src/db/schema/index.js';
import { deleteIdea } from '../../../src/domain/ideas/ideas.js';
import { createIdea } from '../../helpers/ideas.js';
import { pressSupport } from '../../../src/domain/ideas/supports.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

describe.each(engines)('pressSupport: the 👍 press as one statement, adding only (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let owner: Member;
  let others: Member[];
  const at = new Date('2026-11-30T16:30:00Z');
  let nextUpdate = 1;
  const press = (ideaId: number, member: Member, updateId = nextUpdate++) => pressSupport(database.db, { updateId, scope: 'idea.support', ideaId, memberId: member.id, at });

  const state = async (ideaId: number) => {
    const [row] = await database.db.select({ count: ideas.supportCount }).from(ideas).where(eq(ideas.id, ideaId));
    const [rows] = await database.db.select({ n: sql<number>`count(*)::int` }).from(ideaSupports).where(eq(ideaSupports.ideaId, ideaId));
    return { counter: row!.count, rows: Number(rows!.n) };
  };

  beforeEach(async () => {
    const rows = await database.db
      .insert(members)
      .values(Array.from({ length: 31 }, (_, i) => ({ telegramId: 2000 + i, firstName: `M${i}`, agencyId: 1 })))
      .returning();
    [owner, ...others] = rows as [Member, ...Member[]];
  });

  it('adds once, a second press changes nothing, and refuses the owner and a deleted idea', async () => {
    const { idea } = await createIdea(database.db, { name: 'Getar Dilan', agencyId: 1, ownerId: owner.id }, at);
    expect(await press(idea.id, others[0]!)).toEqual({ ok: true, supported: true, count: 1, changed: true, replayed: false });
    expect(await press(idea.id, others[1]!)).toEqual({ ok: true, supported: true, count: 2, changed: true, replayed: false });
    // Pressing again never takes support back (withdrawing is its own, confirmed step).
    expect(await press(idea.id, others[0]!)).toEqual({ ok: true, supported: true, count: 2, changed: false, replayed: false });
    expect(await press(idea.id, owner)).toEqual({ ok: false, reason: 'own_idea', replayed: false });
    expect(await press(999, others[0]!)).toEqual({ ok: false, reason: 'not_found', replayed: false });
    expect(await state(idea.id)).toEqual({ counter: 2, rows: 2 });
    await deleteIdea(database.db, idea.id, at);
    expect(await press(idea.id, others[2]!)).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await state(idea.id)).toEqual({ counter: 2, rows: 2 });
  });

  it('changes nothing when the same update runs again, and says what is true now', async () => {
    const { idea } = await createIdea(database.db, { name: 'Peta Baper', agencyId: 1, ownerId: owner.id }, at);
    expect(await press(idea.id, others[0]!, 500)).toMatchObject({ ok: true, supported: true, count: 1, replayed: false });
    expect(await press(idea.id, others[0]!, 500)).toEqual({ ok: true, supported: true, count: 1, changed: true, replayed: true });
    expect(await press(idea.id, others[0]!, 500)).toEqual({ ok: true, supported: true, count: 1, changed: true, replayed: true });
    expect(await state(idea.id)).toEqual({ counter: 1, rows: 1 });
  });

  it('keeps the counter exact under thirty concurrent presses, and equal to the rows when members press twice at once', async () => {
    const { idea } = await createIdea(database.db, { name: 'Sigap', agencyId: 1, ownerId: owner.id }, at);
    const results = await Promise.all(others.map((m) => press(idea.id, m)));
    expect(results.every((r) => r.ok && r.supported)).toBe(true);
    // Each press saw the count its own statement left: thirty distinct values 1..30.
    expect(results.map((r) => (r.ok ? r.count : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await state(idea.id)).toEqual({ counter: 30, rows: 30 });
    // Ten members press twice at the same moment (two updates each): whatever order they land in,
    // the counter equals the rows.
    await Promise.all(others.slice(0, 10).flatMap((m) => [press(idea.id, m), press(idea.id, m)]));
    expect(await state(idea.id)).toEqual({ counter: 30, rows: 30 });
  });
});

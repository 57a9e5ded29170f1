import { beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { agencies, ideaAwards, ideas, members, type Member } from '../../../src/db/schema/index.js';
import { readDataVersion } from '../../../src/domain/data-versions.js';
import { addAward } from '../../../src/domain/ideas/awards.js';
import { deleteIdea } from '../../../src/domain/ideas/ideas.js';
import { moveIdeaStage } from '../../../src/domain/ideas/move.js';
import { toggleSupport } from '../../../src/domain/ideas/supports.js';
import { loadRecap } from '../../../src/domain/recap/load.js';
import { createIdea } from '../../helpers/ideas.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const TZ = 'Asia/Makassar';
const T = (iso: string) => new Date(iso);
const INPUTS = ['ideas', 'idea_awards', 'agencies'] as const;

// The recap is memoised while cache.data_versions is unchanged; these prove that every kind of write
// the recap depends on invalidates it at once — also writes that bypass the domain (the trigger, not
// the app, bumps the version) — and that a 👍 does not.
describe.each(engines)('the memoised recap follows every change (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let coordinator: Member;
  let supporter: Member;
  let ids: Record<string, number>;
  let ideaId: number;

  beforeEach(async () => {
    const rows = await database.db.select().from(agencies).where(inArray(agencies.shortName, ['Dinkes', 'DKP']));
    ids = Object.fromEntries(rows.map((r) => [r.shortName, r.id]));
    [coordinator, supporter] = (await database.db
      .insert(members)
      .values([
        { telegramId: 5000, firstName: 'Rina', agencyId: ids.Dinkes!, role: 'coordinator' },
        { telegramId: 5001, firstName: 'Budi', agencyId: ids.DKP! },
      ])
      .returning()) as [Member, Member];
    ({ idea: { id: ideaId } } = await createIdea(database.db, { name: 'Sehat Bersama', agencyId: ids.Dinkes!, ownerId: coordinator.id }, T('2026-03-01T02:00:00Z')));
  });

  const recap = () => loadRecap(database.db, 2026, TZ);
  const dinkes = async () => (await recap()).agencies.find((a) => a.agencyId === ids.Dinkes)!;

  it('is served again, unchanged, while nothing it reads changes; a 👍 does not bump the version', async () => {
    const first = await recap();
    expect(await recap()).toBe(first);
    const version = await readDataVersion(database.db, INPUTS);
    expect(await toggleSupport(database.db, ideaId, supporter.id, T('2026-03-02T02:00:00Z'))).toMatchObject({ ok: true, supported: true });
    const [row] = await database.db.select({ n: ideas.supportCount }).from(ideas).where(eq(ideas.id, ideaId));
    expect(row?.n).toBe(1);
    expect(await readDataVersion(database.db, INPUTS)).toBe(version);
    expect(await recap()).toBe(first);
    // Shared between callers, so nobody may change it.
    expect(Object.isFrozen(first.agencies[0]!.inProgress)).toBe(true);
  });

  it('changes at once after a stage move, a new idea, an award and a deletion', async () => {
    expect(await dinkes()).toMatchObject({ pitched: 1, implemented: 0, results: 0, inProgressTotal: 1 });
    const moved = await moveIdeaStage(database.db, { ideaId, to: 'implemented', actor: coordinator, at: T('2026-05-01T01:00:00Z'), timeZone: TZ });
    expect(moved.ok).toBe(true);
    expect(await dinkes()).toMatchObject({ pitched: 1, implemented: 1, met: true, inProgressTotal: 0 });
    const { idea: second } = await createIdea(database.db, { name: 'ANC Hipnoterapi', agencyId: ids.Dinkes!, ownerId: coordinator.id }, T('2026-06-01T02:00:00Z'));
    expect(await dinkes()).toMatchObject({ pitched: 2, inProgressTotal: 1 });
    await addAward(database.db, ideaId, { level: 'provinsi', competition: 'JIPP', year: 2026, result: 'TOP 30' }, coordinator.id, T('2026-07-01T00:00:00Z'));
    expect(await dinkes()).toMatchObject({ results: 1 });
    expect(await deleteIdea(database.db, second.id, T('2026-07-02T00:00:00Z'))).toBe(true);
    expect(await dinkes()).toMatchObject({ pitched: 1, inProgressTotal: 0 });
  });

  it('changes after writes made directly on the tables, not through the domain', async () => {
    await recap();
    await database.db.update(ideas).set({ stage: 'trial' }).where(eq(ideas.id, ideaId));
    expect(await dinkes()).toMatchObject({ close: true, inProgress: { trial: 1 } });
    await database.db.update(ideas).set({ agencyId: ids.DKP! }).where(eq(ideas.id, ideaId));
    expect(await dinkes()).toMatchObject({ pitched: 0, inProgressTotal: 0 });
    await database.db.insert(ideaAwards).values({ ideaId, level: 'nasional', competition: 'KIPP', year: 2026, result: 'TOP 99' });
    expect((await recap()).totals.results).toBe(1);
    await database.db.delete(ideaAwards);
    expect((await recap()).totals.results).toBe(0);
    await database.db.update(agencies).set({ shortName: 'DKP Luwu Utara' }).where(eq(agencies.id, ids.DKP!));
    expect((await recap()).agencies.find((a) => a.agencyId === ids.DKP)?.shortName).toBe('DKP Luwu Utara');
    await database.db.update(agencies).set({ active: false }).where(eq(agencies.id, ids.DKP!));
    expect((await recap()).agencies.some((a) => a.agencyId === ids.DKP)).toBe(false);
    await database.query(`update ideas set deleted_at = now() where id = ${ideaId}`);
    expect((await recap()).totals.pitched).toBe(0);
  });

  it('a rolled-back change leaves the version as it was, and the next change still shows', async () => {
    const before = await readDataVersion(database.db, INPUTS);
    const first = await recap();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(ideas).set({ stage: 'trial' }).where(eq(ideas.id, ideaId));
        // Inside the writing transaction its own change is visible, and not kept for anyone else.
        expect((await loadRecap(tx, 2026, TZ)).totals.inProgress.trial).toBe(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await readDataVersion(database.db, INPUTS)).toBe(before);
    expect(await recap()).toBe(first);
    // A version number taken by the rolled-back transaction is never handed out again.
    await database.db.update(ideas).set({ stage: 'discussed' }).where(eq(ideas.id, ideaId));
    expect(await readDataVersion(database.db, INPUTS)).not.toBe(before);
    expect((await recap()).totals.inProgress).toMatchObject({ pitched: 0, discussed: 1 });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { agencies, ideas, members, type Member, type Stage } from '../../../src/db/schema/index.js';
import { localDate } from '../../../src/domain/dates/zoned.js';
import { addAward } from '../../../src/domain/ideas/awards.js';
import { loadExportIdeas } from '../../../src/domain/ideas/export.js';
import { createIdea } from '../../helpers/ideas.js';
import { moveIdeaStage } from '../../../src/domain/ideas/move.js';
import { loadRecap } from '../../../src/domain/recap/load.js';
import { buildRecap, countIdeas } from '../../../src/domain/recap/rules.js';
import { listActiveAgencies } from '../../../src/domain/agencies.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const TZ = 'Asia/Makassar';
const T = (iso: string) => new Date(iso);

describe.each(engines)('the recap on the database, and the export agreeing with it (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let coordinator: Member;
  let ids: Record<string, number>;

  beforeEach(async () => {
    const rows = await database.db.select().from(agencies).where(inArray(agencies.shortName, ['Kec. Masamba', 'Dinkes', 'DKP', 'Bapenda', 'Diskominfo']));
    ids = Object.fromEntries(rows.map((r) => [r.shortName, r.id]));
    [coordinator] = (await database.db.insert(members).values({ telegramId: 5000, firstName: 'Rina', agencyId: ids.Dinkes!, role: 'coordinator' }).returning()) as [Member];
  });

  async function story(name: string, agency: string, pitched: string, moves: [Stage, string][] = []): Promise<number> {
    const { idea } = await createIdea(database.db, { name, agencyId: ids[agency]!, ownerId: coordinator.id }, T(pitched));
    for (const [to, at] of moves) {
      const r = await moveIdeaStage(database.db, { ideaId: idea.id, to, actor: coordinator, at: T(at), timeZone: TZ, note: to === 'archived' ? 'tidak dilanjutkan' : undefined });
      if (!r.ok) throw new Error(`${name} → ${to}: ${r.reason}`);
    }
    return idea.id;
  }

  async function seed() {
    // Pitched 10 Dec 2026, implemented 5 Jan 2027 (WITA).
    await story('Masamba Bersih', 'Kec. Masamba', '2026-12-10T02:00:00Z', [['implemented', '2027-01-05T01:00:00Z']]);
    // Pitched 2025, implemented 2026, replicated 2027: counts in 2026 only.
    const sehat = await story('Sehat Bersama', 'Dinkes', '2025-03-01T02:00:00Z', [
      ['implemented', '2026-02-01T01:00:00Z'],
      ['replicated', '2027-02-01T01:00:00Z'],
    ]);
    await addAward(database.db, sehat, { level: 'provinsi', competition: 'JIPP', year: 2026, result: 'TOP 30' }, coordinator.id, T('2026-07-01T00:00:00Z'));
    await story('ANC Hipnoterapi', 'Dinkes', '2026-05-01T02:00:00Z', [['trial', '2026-08-01T01:00:00Z']]);
    // Implemented in 2026, archived in 2026: dropped.
    await story('Lumbung Desa', 'DKP', '2026-01-10T02:00:00Z', [
      ['implemented', '2026-03-01T01:00:00Z'],
      ['archived', '2026-06-01T01:00:00Z'],
    ]);
    // Implemented in 2026, moved back to trial in 2026, implemented again in 2027: a 2027 implementation.
    await story('Getar Dilan', 'DKP', '2024-06-01T02:00:00Z', [
      ['implemented', '2026-04-01T01:00:00Z'],
      ['trial', '2026-05-01T01:00:00Z'],
      ['implemented', '2027-03-01T01:00:00Z'],
    ]);
    // 1 Jan 2027 00:30 WITA is 2027 (still 2026 in UTC).
    await story('Pajak Mudah', 'Bapenda', '2026-12-31T16:30:00Z', [['discussed', '2027-01-02T01:00:00Z']]);
    // An agency that was deactivated counts nowhere.
    await story('Satu Data', 'Diskominfo', '2026-01-20T02:00:00Z', [['implemented', '2026-03-01T01:00:00Z']]);
    await database.db.update(agencies).set({ active: false }).where(eq(agencies.id, ids.Diskominfo!));
  }

  it('moving back clears the implementation date; implementing again starts it anew', async () => {
    await seed();
    const [getar] = await database.db.select().from(ideas).where(eq(ideas.name, 'Getar Dilan'));
    expect(getar).toMatchObject({ stage: 'implemented', implementedOn: '2027-03-01' });
    const [sehat] = await database.db.select().from(ideas).where(eq(ideas.name, 'Sehat Bersama'));
    expect(sehat).toMatchObject({ stage: 'replicated', implementedOn: '2026-02-01' });
  });

  it('counts 2026 and 2027 by hand', async () => {
    await seed();
    const y2026 = await loadRecap(database.db, 2026, TZ);
    const pick = (r: typeof y2026, short: string) => r.agencies.find((a) => a.shortName === short)!;
    expect(pick(y2026, 'Kec. Masamba')).toMatchObject({ pitched: 1, implemented: 0, met: false });
    expect(pick(y2026, 'Dinkes')).toMatchObject({ pitched: 1, implemented: 1, results: 1, inProgressTotal: 1, met: true });
    expect(pick(y2026, 'DKP')).toMatchObject({ pitched: 1, implemented: 0, inProgressTotal: 0, met: false, close: false });
    expect(pick(y2026, 'Bapenda')).toMatchObject({ pitched: 0, inProgressTotal: 1, met: false });
    expect(y2026.agencies.some((a) => a.shortName === 'Diskominfo')).toBe(false);
    expect(y2026.totals).toMatchObject({ pitched: 3, implemented: 1, results: 1, agenciesMet: 1, inProgressTotal: 2 });

    const y2027 = await loadRecap(database.db, 2027, TZ);
    expect(pick(y2027, 'Kec. Masamba')).toMatchObject({ pitched: 0, implemented: 1, met: true });
    expect(pick(y2027, 'DKP')).toMatchObject({ implemented: 1, met: true });
    expect(pick(y2027, 'Bapenda')).toMatchObject({ pitched: 1 });
    expect(y2027.totals).toMatchObject({ pitched: 1, implemented: 2, agenciesMet: 2 });
    expect(y2027.previousMet).toBe(1);
    expect(y2027.years.map((y) => [y.year, y.pitched, y.implemented, y.results])).toEqual([
      [2024, 1, 0, 0],
      [2025, 1, 0, 0],
      [2026, 3, 1, 1],
      [2027, 1, 2, 0],
    ]);
  });

  it('the export and the recap agree: the recap computed from the exported rows is the recap', async () => {
    await seed();
    const active = await listActiveAgencies(database.db);
    const byShort = new Map((await database.db.select().from(agencies)).map((a) => [a.shortName, a.id]));
    const exported = await loadExportIdeas(database.db, undefined, TZ);
    const facts = exported.map((r) => ({ agencyId: byShort.get(r.agencyShort)!, stage: r.stage, pitchedOn: localDate(r.createdAt, TZ), implementedOn: r.implementedOn }));
    const results = exported.flatMap((r) => r.awards.map((a) => ({ agencyId: byShort.get(r.agencyShort)!, year: a.year })));
    for (const year of [2025, 2026, 2027]) {
      expect(await loadRecap(database.db, year, TZ)).toEqual(buildRecap(year, active, countIdeas(facts, results)));
    }
  });
});

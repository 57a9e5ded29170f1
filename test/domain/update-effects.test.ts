import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { agencies, updateEffects } from '../../src/db/schema/index.js';
import { applyOnce } from '../../src/domain/update-effects.js';
import { engines, useTestDatabase } from '../helpers/databases.js';

/** A change to make once per update: one agency row, its id as the result. */
const addAgency = (name: string) => async (tx: Parameters<Parameters<typeof applyOnce>[3]>[0]) => {
  const [row] = await tx.insert(agencies).values({ name, shortName: name }).returning({ id: agencies.id });
  return { id: row!.id };
};

describe.each(engines)('a change made once per update (%s)', (engine) => {
  const database = useTestDatabase(engine);
  const count = async (name: string) => (await database.db.select().from(agencies).where(eq(agencies.name, name))).length;

  it('a first run writes its marker with the result; a re-run replays it without changing anything', async () => {
    const first = await applyOnce(database.db, 501, 'test.add', addAgency('Dinas Satu'), { mayHaveRun: false });
    expect(first.replayed).toBe(false);
    const [marker] = await database.db.select().from(updateEffects).where(sql`update_id = 501`);
    expect(marker?.result).toEqual(first.value);

    const again = await applyOnce(database.db, 501, 'test.add', addAgency('Dinas Satu'), { mayHaveRun: true });
    expect(again).toEqual({ value: first.value, replayed: true });
    expect(await count('Dinas Satu')).toBe(1);
  });

  it('a run wrongly taken for a first one finds the marker, rolls its change back and replays', async () => {
    const first = await applyOnce(database.db, 502, 'test.add', addAgency('Dinas Dua'));
    const again = await applyOnce(database.db, 502, 'test.add', addAgency('Dinas Dua'), { mayHaveRun: false });
    expect(again).toEqual({ value: first.value, replayed: true });
    expect(await count('Dinas Dua')).toBe(1);
  });

  it('a change that fails leaves no marker, so the next run makes it', async () => {
    await expect(
      applyOnce(database.db, 503, 'test.add', async (tx) => {
        await addAgency('Dinas Tiga')(tx);
        throw new Error('refused');
      }, { mayHaveRun: false }),
    ).rejects.toThrow('refused');
    expect(await count('Dinas Tiga')).toBe(0);
    const retried = await applyOnce(database.db, 503, 'test.add', addAgency('Dinas Tiga'), { mayHaveRun: true });
    expect(retried.replayed).toBe(false);
    expect(await count('Dinas Tiga')).toBe(1);
  });

  it('scopes of one update are separate changes', async () => {
    await applyOnce(database.db, 504, 'test.a', async () => 1, { mayHaveRun: false });
    const b = await applyOnce(database.db, 504, 'test.b', async () => 2, { mayHaveRun: false });
    expect(b).toEqual({ value: 2, replayed: false });
  });
});

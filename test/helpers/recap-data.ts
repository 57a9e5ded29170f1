import { eq } from 'drizzle-orm';
import { agencies } from '../../src/db/schema/index.js';
import { addAward } from '../../src/domain/ideas/awards.js';
import type { Harness } from './harness.js';
import { agencyId, memberOf, seedIdea } from './ideas.js';

export const RECAP_ADMIN_ID = 900_001;
const T = (iso: string) => new Date(iso);

/**
 * Hand-made data for the 2026 recap (WITA = UTC+8):
 *  DKP          2026: implemented (Mar), trial, pitched; award 2026          → 3 ideas, 1 implemented, 1 award, met
 *  Dinkes       2026: discussed, archived; 2025 idea implemented 2026-02-10  → 2 ideas, 1 implemented, award 2025 not counted, met
 *  Disdukcapil  2025 idea implemented 2025                                   → 0 ideas, not met (met in 2025)
 *  BKAD         2026: 2 pitched + 1 at 2026-01-01 00:30 WITA (2025-12-31 UTC);
 *               one at 2027-01-01 00:30 WITA (2026-12-31 UTC) is 2027's      → 3 ideas, not met
 *  Bapenda      2026: implemented then archived                              → 1 idea (archived), 0 implemented, not met
 *  Diskominfo   2026: implemented, but the agency is deactivated             → not listed, not counted
 */
export async function seedRecap(h: Harness) {
  const admin = h.user('Admin', { id: RECAP_ADMIN_ID });
  await admin.register('Rina Koordinator', 'Bagian Organisasi');
  const owner = (await memberOf(h, admin)).id;
  const [dkp, dinkes, dukcapil, bkad, bapenda, kominfo] = await Promise.all(
    ['DKP', 'Dinkes', 'Disdukcapil', 'BKAD', 'Bapenda', 'Diskominfo'].map((s) => agencyId(h, s)),
  );
  const idea = (name: string, agency: number, at: string, moves: NonNullable<Parameters<typeof seedIdea>[1]['moves']> = []) =>
    seedIdea(h, { name, ownerId: owner, agencyId: agency, at: T(at), moves });

  const dkp1 = await idea('Getar Dilan', dkp!, '2026-01-15T02:00:00Z', [{ to: 'implemented', at: T('2026-03-01T01:00:00Z') }]);
  await idea('Pangan Lestari', dkp!, '2026-02-15T02:00:00Z', [{ to: 'trial', at: T('2026-04-01T01:00:00Z') }]);
  await idea('Lumbung Desa', dkp!, '2026-06-15T02:00:00Z');
  await addAward(h.db, dkp1, { level: 'provinsi', competition: 'JIPP', year: 2026, result: 'TOP 30' }, owner, T('2026-07-01T00:00:00Z'));

  await idea('ANC Hipnoterapi', dinkes!, '2026-03-15T02:00:00Z', [{ to: 'discussed', at: T('2026-03-20T01:00:00Z') }]);
  await idea('Posyandu Digital', dinkes!, '2026-04-15T02:00:00Z', [{ to: 'archived', at: T('2026-05-01T01:00:00Z') }]);
  const old = await idea('Sehat Bersama', dinkes!, '2025-05-15T02:00:00Z', [{ to: 'implemented', at: T('2026-02-10T01:00:00Z') }]);
  await addAward(h.db, old, { level: 'kabupaten', competition: 'other', year: 2025, result: 'Top 7' }, owner, T('2025-12-01T00:00:00Z'));

  await idea('Sipakatau', dukcapil!, '2025-02-15T02:00:00Z', [{ to: 'implemented', at: T('2025-08-01T01:00:00Z') }]);

  await idea('Pajak Mudah', bkad!, '2026-05-15T02:00:00Z');
  await idea('Aset Tertib', bkad!, '2026-06-15T02:00:00Z');
  await idea('Tahun Baru', bkad!, '2025-12-31T16:30:00Z');
  await idea('Tahun Depan', bkad!, '2026-12-31T16:30:00Z');

  await idea('PBB Online', bapenda!, '2026-01-20T02:00:00Z', [
    { to: 'implemented', at: T('2026-03-01T01:00:00Z') },
    { to: 'archived', at: T('2026-06-01T01:00:00Z') },
  ]);

  await idea('Satu Data', kominfo!, '2026-01-20T02:00:00Z', [{ to: 'implemented', at: T('2026-03-01T01:00:00Z') }]);
  await h.db.update(agencies).set({ active: false }).where(eq(agencies.id, kominfo!));
  return admin;
}


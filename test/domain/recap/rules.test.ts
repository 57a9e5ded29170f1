import { describe, expect, it } from 'vitest';
import { buildRecap, countIdeas, implementationYear, stopsImplementation, type IdeaFacts } from '../../../src/domain/recap/rules.js';

const agencies = [
  { id: 1, name: 'Kecamatan Masamba', shortName: 'Kec. Masamba' },
  { id: 2, name: 'Dinas Kesehatan', shortName: 'Dinkes' },
  { id: 3, name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
  { id: 4, name: 'Badan Pendapatan Daerah', shortName: 'Bapenda' },
];

/**
 * Hand-computed stories (dates already in WITA):
 *  Masamba  pitched 2026-12-10, implemented 2027-01-05                    → 2026: pitched 1; 2027: implemented 1
 *  Dinkes   pitched 2025-03-01, implemented 2026-02-01, replicated since   → 2026: implemented 1 (replication is no new count)
 *           pitched 2026-05-01, now in trial                               → 2026: pitched 1; in progress (trial) now
 *  DKP      pitched 2026-01-10, implemented 2026-03-01, then archived      → 2026: pitched 1, implemented 0 (dropped)
 *           pitched 2024-06-01, moved back from implemented to trial       → date cleared: implemented 0 anywhere; trial now
 *  Bapenda  pitched 2026-02-01, discussed now                              → 2026: pitched 1; in progress (discussed)
 *           (inactive agency 9)  implemented 2026                          → not counted anywhere
 */
const ideas: IdeaFacts[] = [
  { agencyId: 1, stage: 'implemented', pitchedOn: '2026-12-10', implementedOn: '2027-01-05' },
  { agencyId: 2, stage: 'replicated', pitchedOn: '2025-03-01', implementedOn: '2026-02-01' },
  { agencyId: 2, stage: 'trial', pitchedOn: '2026-05-01', implementedOn: null },
  { agencyId: 3, stage: 'archived', pitchedOn: '2026-01-10', implementedOn: '2026-03-01' },
  { agencyId: 3, stage: 'trial', pitchedOn: '2024-06-01', implementedOn: null },
  { agencyId: 4, stage: 'discussed', pitchedOn: '2026-02-01', implementedOn: null },
  { agencyId: 9, stage: 'implemented', pitchedOn: '2026-02-01', implementedOn: '2026-04-01' },
];
const results = [
  { agencyId: 2, year: 2026 },
  { agencyId: 3, year: 2027 },
  { agencyId: 9, year: 2026 },
];

describe('the recap rules', () => {
  it('knows when implementation began, and what stops it', () => {
    expect(implementationYear({ stage: 'implemented', implementedOn: '2027-01-05' })).toBe(2027);
    expect(implementationYear({ stage: 'replicated', implementedOn: '2026-02-01' })).toBe(2026);
    expect(implementationYear({ stage: 'archived', implementedOn: '2026-03-01' })).toBeUndefined();
    expect(implementationYear({ stage: 'trial', implementedOn: null })).toBeUndefined();
    expect(stopsImplementation('implemented', 'trial')).toBe(true);
    expect(stopsImplementation('replicated', 'pitched')).toBe(true);
    expect(stopsImplementation('implemented', 'archived')).toBe(false);
    expect(stopsImplementation('implemented', 'replicated')).toBe(false);
    expect(stopsImplementation('trial', 'discussed')).toBe(false);
  });

  it('pitched 2026 and implemented 2027: a 2026 idea, a 2027 innovation, never both on one line', () => {
    const counts = countIdeas(ideas, results);
    const y2026 = buildRecap(2026, agencies, counts);
    const y2027 = buildRecap(2027, agencies, counts);
    const masamba26 = y2026.agencies.find((a) => a.agencyId === 1)!;
    const masamba27 = y2027.agencies.find((a) => a.agencyId === 1)!;
    expect(masamba26).toMatchObject({ pitched: 1, implemented: 0, inProgressTotal: 0, met: false, close: false });
    expect(masamba27).toMatchObject({ pitched: 0, implemented: 1, inProgressTotal: 0, met: true });
  });

  it('counts 2026 by hand: replicated counts once, archived and moved back do not, inactive agencies are left out', () => {
    const recap = buildRecap(2026, agencies, countIdeas(ideas, results));
    expect(recap.agencies.map((a) => [a.shortName, a.pitched, a.inProgressTotal, a.implemented, a.results, a.met, a.close])).toEqual([
      ['Bapenda', 1, 1, 0, 0, false, false],
      ['Dinkes', 1, 1, 1, 1, true, false],
      ['DKP', 1, 1, 0, 0, false, true],
      ['Kec. Masamba', 1, 0, 0, 0, false, false],
    ]);
    expect(recap.totals).toEqual({
      pitched: 4,
      inProgress: { pitched: 0, discussed: 1, initiative: 0, trial: 2 },
      inProgressTotal: 3,
      implemented: 1,
      results: 1,
      agencies: 4,
      agenciesMet: 1,
      agenciesClose: 1,
    });
    // 2025: nothing was implemented; 2024 has the first pitch, so the years view starts there.
    expect(recap.previousMet).toBe(0);
    expect(recap.years).toEqual([
      { year: 2024, pitched: 1, implemented: 0, results: 0, agenciesMet: 0 },
      { year: 2025, pitched: 1, implemented: 0, results: 0, agenciesMet: 0 },
      { year: 2026, pitched: 4, implemented: 1, results: 1, agenciesMet: 1 },
    ]);
  });

  it('counts 2027 with the change from 2026', () => {
    const recap = buildRecap(2027, agencies, countIdeas(ideas, results));
    expect(recap.totals).toMatchObject({ pitched: 0, implemented: 1, results: 1, agenciesMet: 1, inProgressTotal: 3 });
    expect(recap.previousMet).toBe(1);
    expect(recap.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(recap.years.at(-1)).toEqual({ year: 2027, pitched: 0, implemented: 1, results: 1, agenciesMet: 1 });
  });

  it('shows at least the year before when nothing happened', () => {
    const recap = buildRecap(2030, agencies, countIdeas([], []));
    expect(recap.years.map((y) => y.year)).toEqual([2029, 2030]);
    expect(recap.totals.agenciesMet).toBe(0);
  });
});

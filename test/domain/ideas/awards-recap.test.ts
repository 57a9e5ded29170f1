import { describe, expect, it } from 'vitest';
import { detectCompetition, detectYear, parseAward } from '../../../src/domain/ideas/awards.js';
import { buildRecap } from '../../../src/domain/ideas/recap.js';

describe('award parsing', () => {
  it('reads level, competition and year', () => {
    expect(parseAward('provinsi TOP 30 KIPP Sulsel 2021', 2026)).toEqual({
      ok: true,
      award: { level: 'provinsi', competition: 'JIPP', year: 2021, result: 'TOP 30 KIPP Sulsel 2021' },
    });
    expect(parseAward('nasional TOP 45 KIPP', 2026)).toMatchObject({ ok: true, award: { level: 'nasional', competition: 'KIPP', year: 2026 } });
    expect(parseAward('Nasional  Innovative Government Award 2024', 2026)).toMatchObject({ ok: true, award: { competition: 'IGA', year: 2024 } });
    expect(parseAward('kab Top 7 + 3 partisipatif', 2026)).toMatchObject({ ok: true, award: { level: 'kabupaten', competition: 'other' } });
    expect(parseAward('dunia juara', 2026)).toEqual({ ok: false, reason: 'level' });
    expect(parseAward('provinsi', 2026)).toEqual({ ok: false, reason: 'text' });
    expect(parseAward(`provinsi ${'x'.repeat(301)}`, 2026)).toEqual({ ok: false, reason: 'too_long' });
  });

  it('tells competitions apart', () => {
    expect(detectCompetition('Finalis JIPP', 'nasional')).toBe('JIPP');
    expect(detectCompetition('TOP 99 SINOVIK', 'nasional')).toBe('KIPP');
    expect(detectCompetition('Indeks Inovasi Daerah', 'nasional')).toBe('IGA');
    expect(detectCompetition('Juara lomba', 'kabupaten')).toBe('other');
    expect(detectYear('TOP 45 tahun 2019', 2026)).toBe(2019);
    expect(detectYear('TOP 45', 2026)).toBe(2026);
  });
});

describe('recap arithmetic', () => {
  const agencies = [
    { id: 1, name: 'Dinas Kesehatan', shortName: 'Dinkes' },
    { id: 2, name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
    { id: 3, name: 'Badan Keuangan dan Aset Daerah', shortName: 'BKAD' },
    { id: 4, name: 'Badan Pendapatan Daerah', shortName: 'Bapenda' },
    { id: 5, name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil' },
  ];

  it('counts per agency and in total, agencies without an implemented innovation first', () => {
    const recap = buildRecap({
      year: 2026,
      agencies,
      stageCounts: [
        { agencyId: 1, stage: 'pitched', count: 2 },
        { agencyId: 1, stage: 'implemented', count: 1 },
        { agencyId: 2, stage: 'trial', count: 3 },
        { agencyId: 4, stage: 'archived', count: 1 },
        { agencyId: 99, stage: 'pitched', count: 7 }, // inactive agency: ignored
      ],
      implemented: [
        { agencyId: 1, count: 1 },
        { agencyId: 5, count: 2 },
        { agencyId: 99, count: 1 },
      ],
      awards: [{ agencyId: 2, count: 2 }],
    });
    expect(recap.agencies.map((a) => [a.shortName, a.total, a.implemented, a.awards, a.met])).toEqual([
      ['Bapenda', 1, 0, 0, false],
      ['BKAD', 0, 0, 0, false],
      ['DKP', 3, 0, 2, false],
      ['Dinkes', 3, 1, 0, true],
      ['Disdukcapil', 0, 2, 0, true],
    ]);
    expect(recap.totals).toEqual({
      byStage: { pitched: 2, discussed: 0, initiative: 0, trial: 3, implemented: 1, replicated: 0, archived: 1 },
      total: 7,
      implemented: 3,
      awards: 2,
      agencies: 5,
      agenciesMet: 2,
    });
  });
});

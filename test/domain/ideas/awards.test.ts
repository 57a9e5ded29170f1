import { describe, expect, it } from 'vitest';
import { detectCompetition, detectYear, parseAward } from '../../../src/domain/ideas/awards.js';

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

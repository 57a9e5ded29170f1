import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allIndicatorSets, indicatorSetFor, indicatorsDir, inSeason, parseIndicatorSet } from '../../../src/domain/evidence/indicators.js';
import { checkUpload, MAX_FILE_BYTES } from '../../../src/domain/evidence/files.js';
import { cellText, safeName } from '../../../src/domain/evidence/zip.js';

const raw = () => JSON.parse(readFileSync(join(indicatorsDir, 'iga-2026.json'), 'utf8')) as Record<string, unknown> & { indicators: Array<Record<string, unknown>> };

describe('IGA indicators as data', () => {
  it('has the 2026 per-innovation list (indicators 16–35), marked as reported, with the season', () => {
    const set = indicatorSetFor(2026);
    expect(set.indicators).toHaveLength(20);
    expect(set.indicators.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => 16 + i));
    expect(set.indicators.filter((i) => i.mandatory).map((i) => i.code)).toEqual(['regulasi', 'sdm', 'kecepatan', 'kemanfaatan', 'video']);
    expect(set.indicators.every((i) => i.reported && i.levels.id.length === 3)).toBe(true);
    expect(set.indicators.find((i) => i.code === 'video')?.weight).toBe(4);
    expect(set.season).toEqual({ opens: '2026-05-01', closes: '2026-08-31', reported: true });
    expect(inSeason(set, '2026-06-01')).toBe(true);
    expect(inSeason(set, '2026-11-30')).toBe(false);
  });

  it('uses the newest earlier list for a year without its own file', () => {
    expect(indicatorSetFor(2030).year).toBe(allIndicatorSets().at(-1)!.year);
    expect(indicatorSetFor(2019).year).toBe(allIndicatorSets()[0]!.year);
  });

  it('rejects a file with a duplicate code, levels that differ between languages, or a backwards season', () => {
    const dup = raw();
    dup.indicators[1]!.code = dup.indicators[0]!.code;
    expect(() => parseIndicatorSet(JSON.stringify(dup), 'dup.json')).toThrow(/used twice/);
    const levels = raw();
    (levels.indicators[0]!.levels as { en: string[] }).en.pop();
    expect(() => parseIndicatorSet(JSON.stringify(levels), 'levels.json')).toThrow(/levels differ/);
    const season = raw();
    season.season = { opens: '2026-09-01', closes: '2026-05-01' };
    expect(() => parseIndicatorSet(JSON.stringify(season), 'season.json')).toThrow(/closes before it opens/);
    const extra = raw();
    extra.indicators[0]!.surprise = true;
    expect(() => parseIndicatorSet(JSON.stringify(extra), 'extra.json')).toThrow(/extra\.json/);
  });
});

describe('evidence files', () => {
  it('accepts documents, images and short videos up to 20 MB, and refuses archives and programs', () => {
    expect(checkUpload({ fileName: 'SK.PDF', size: 1000 })).toEqual({ ok: true, mimeType: 'application/pdf' });
    expect(checkUpload({ fileName: 'scan', mimeType: 'image/jpeg', size: 1000 })).toEqual({ ok: true, mimeType: 'image/jpeg' });
    expect(checkUpload({ fileName: 'rekap.xlsx', size: MAX_FILE_BYTES })).toMatchObject({ ok: true });
    expect(checkUpload({ fileName: 'rekap.xlsx', size: MAX_FILE_BYTES + 1 })).toEqual({ ok: false, reason: 'too_large' });
    expect(checkUpload({ fileName: 'semua.zip', mimeType: 'application/zip' })).toEqual({ ok: false, reason: 'unsupported' });
    expect(checkUpload({ fileName: 'setup.exe', mimeType: 'application/octet-stream' })).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('names ZIP entries safely and keeps spreadsheet cells from being read as formulas', () => {
    expect(safeName('SK/Bupati: No. 12*?.pdf')).toBe('SK Bupati No. 12 .pdf');
    expect(safeName('..\\..\\rahasia.pdf')).toBe('rahasia.pdf');
    expect(safeName(`${'a'.repeat(100)}.pdf`)).toBe(`${'a'.repeat(76)}.pdf`);
    expect(cellText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(cellText('SK Bupati')).toBe('SK Bupati');
  });
});

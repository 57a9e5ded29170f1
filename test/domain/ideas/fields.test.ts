import { describe, expect, it } from 'vitest';
import { checkName, checkText, clip, parseIdeaNumber, parseLocalDate, splitOneLine } from '../../../src/domain/ideas/fields.js';
import { decodeFilters, encodeFilters } from '../../../src/domain/ideas/list.js';
import { isSimilar, significantWords } from '../../../src/domain/ideas/similar.js';

describe('idea fields', () => {
  it('checks the name: one line, 3–120 characters', () => {
    expect(checkName('  Getar\n Dilan ')).toEqual({ ok: true, value: 'Getar Dilan' });
    expect(checkName('AB')).toMatchObject({ ok: false, reason: 'too_short', length: 2 });
    expect(checkName('x'.repeat(121))).toMatchObject({ ok: false, reason: 'too_long', length: 121 });
    expect(checkName('x'.repeat(120)).ok).toBe(true);
  });

  it('checks texts: at most 2000 characters, paragraphs kept', () => {
    expect(checkText('a  b\n\n\n\nc ')).toEqual({ ok: true, value: 'a b\n\nc' });
    expect(checkText('y'.repeat(2000)).ok).toBe(true);
    expect(checkText('y'.repeat(2001))).toMatchObject({ ok: false, reason: 'too_long', max: 2000, length: 2001 });
    expect(checkText('   ')).toMatchObject({ ok: false, reason: 'too_short' });
  });

  it('splits a one-line pitch on a dash, but not inside names like E-Kinerja', () => {
    expect(splitOneLine('Getar Dilan — tanam sayur')).toEqual({ name: 'Getar Dilan', text: 'tanam sayur' });
    expect(splitOneLine('Getar Dilan–tanam sayur')).toEqual({ name: 'Getar Dilan', text: 'tanam sayur' });
    expect(splitOneLine('E-Kinerja - laporan kinerja harian')).toEqual({ name: 'E-Kinerja', text: 'laporan kinerja harian' });
    expect(splitOneLine('E-Kinerja -- laporan')).toEqual({ name: 'E-Kinerja', text: 'laporan' });
    expect(splitOneLine('E-Kinerja')).toBeUndefined();
  });

  it('parses dates and idea numbers', () => {
    expect(parseLocalDate('2026-12-03')).toBe('2026-12-03');
    expect(parseLocalDate('3-12-2026')).toBe('2026-12-03');
    expect(parseLocalDate('03/12/2026')).toBe('2026-12-03');
    expect(parseLocalDate('31-02-2026')).toBeUndefined();
    expect(parseLocalDate('besok')).toBeUndefined();
    expect(parseIdeaNumber('#12')).toBe(12);
    expect(parseIdeaNumber('12')).toBe(12);
    expect(parseIdeaNumber('0')).toBeUndefined();
    expect(parseIdeaNumber('12a')).toBeUndefined();
    expect(parseIdeaNumber('1234567890')).toBeUndefined();
  });

  it('clips on a word boundary', () => {
    expect(clip('pelayanan publik terpadu satu pintu', 30)).toBe('pelayanan publik terpadu…');
    expect(clip('abcdefghijklmnop', 10)).toBe('abcdefghi…');
    expect(clip('pendek', 12)).toBe('pendek');
  });
});

describe('list filters in callback data', () => {
  it('round-trips and stays short', () => {
    const f = { stage: 'trial' as const, agencyId: 123456789, year: 2026, mine: true };
    expect(encodeFilters(f)).toBe('s3.a123456789.y2026.m');
    expect(decodeFilters(encodeFilters(f))).toEqual(f);
    expect(encodeFilters({})).toBe('-');
    expect(decodeFilters('-')).toEqual({});
  });

  it('rejects forged filters', () => {
    expect(decodeFilters('s9')).toBeUndefined();
    expect(decodeFilters('a0')).toBeUndefined();
    expect(decodeFilters('y12')).toBeUndefined();
    expect(decodeFilters('x1')).toBeUndefined();
    expect(decodeFilters('')).toBeUndefined();
  });
});

describe('similar-idea rule', () => {
  it('drops stop words and short words', () => {
    expect(significantWords('Inovasi yang untuk warga: Tanam sayur di pekarangan, 2026!')).toEqual(['tanam', 'sayur', 'pekarangan']);
  });

  it('calls ideas similar by name or by most of the words', () => {
    expect(isSimilar({ nameSimilarity: 0.5, shared: 0, total: 10 })).toBe(true);
    expect(isSimilar({ nameSimilarity: 0.2, shared: 3, total: 5 })).toBe(true);
    expect(isSimilar({ nameSimilarity: 0.2, shared: 2, total: 3 })).toBe(false);
    expect(isSimilar({ nameSimilarity: 0.2, shared: 3, total: 10 })).toBe(false);
    expect(isSimilar({ nameSimilarity: 0.1, shared: 8, total: 40 })).toBe(true);
  });
});

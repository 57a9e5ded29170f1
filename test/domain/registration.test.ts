import { describe, expect, it } from 'vitest';
import { capitaliseName, checkFullName } from '../../src/domain/registration.js';

describe('names as a person writes them', () => {
  it('capitalises a name typed in lower case and keeps one that has capitals', () => {
    expect(capitaliseName('dewi')).toBe('Dewi');
    expect(capitaliseName('citra dewi, s.kep.')).toBe('Citra Dewi, S.Kep.');
    expect(capitaliseName('andi muhammad bin yusuf')).toBe('Andi Muhammad bin Yusuf');
    expect(capitaliseName('dr. sri-wahyuni')).toBe('dr. Sri-Wahyuni');
    expect(capitaliseName("ma'ruf")).toBe("Ma'ruf");
    expect(capitaliseName('Budi Santoso, S.E.')).toBe('Budi Santoso, S.E.');
    expect(capitaliseName('DEWI McDonald')).toBe('DEWI McDonald');
    expect(capitaliseName('<b>Ana</b> & co')).toBe('<b>Ana</b> & co');
    expect(checkFullName('  dewi   lestari ')).toEqual({ ok: true, name: 'Dewi Lestari' });
  });
});

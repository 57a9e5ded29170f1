import { describe, expect, it } from 'vitest';
import { aliasShortNames } from '../../src/domain/agency-aliases.js';

describe('agency aliases', () => {
  it('maps whole words of a query to agencies', () => {
    expect(aliasShortNames('Puskesmas Masamba')).toEqual(['Dinkes']);
    expect(aliasShortNames('rumah sakit')).toEqual(['RSUD Andi Djemma']);
    expect(aliasShortNames('rsk')).toEqual([]);
    expect(aliasShortNames('persekolahan')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { withHeader } from '../../../src/domain/broadcasts/header.js';

describe('broadcast header', () => {
  it('puts the header first, in bold, and moves the coordinator’s formatting past it (UTF-16 offsets)', () => {
    const header = '📢 Siaran Warkop Indah — dikirim oleh koordinator Budi Santoso, S.E.';
    const out = withHeader(header, 'Rapat diundur ke Kamis.', [{ type: 'italic', offset: 6, length: 8 }]);
    expect(out.text).toBe(`${header}\n\nRapat diundur ke Kamis.`);
    expect(out.entities[0]).toEqual({ type: 'bold', offset: 0, length: header.length });
    const italic = out.entities[1]!;
    expect(out.text.slice(italic.offset, italic.offset + italic.length)).toBe('diundur ');
    expect(withHeader(header, 'x', null).entities).toHaveLength(1);
  });
});

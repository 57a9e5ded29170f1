import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutFields, layoutsDir, parseLayout, readLayouts, sectionMaxWords, LayoutError } from '../../../src/domain/drafts/layout.js';

const kipp = () => JSON.parse(readFileSync(join(layoutsDir, 'kipp-umum-2023.json'), 'utf8')) as Record<string, unknown> & { sections: Record<string, unknown>[] };

describe('proposal layouts', () => {
  it('every committed layout file is valid', () => {
    const files = readdirSync(layoutsDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const layout = parseLayout(file, readFileSync(join(layoutsDir, file), 'utf8'));
      expect(layout.sections.reduce((n, s) => n + s.weight, 0)).toBe(100);
      for (const section of layout.sections) {
        expect(section.title.id.length).toBeGreaterThan(0);
        expect(section.title.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('KIPP umum 2023 follows the table in DOMAIN.md', () => {
    const [layout] = readLayouts().filter((l) => l.id === 'kipp-umum-2023');
    expect(layout).toBeDefined();
    const table = layout!.sections.map((s) => [s.number, s.title.id, sectionMaxWords(s), s.weight]);
    expect(table).toEqual([
      [1, 'Ringkasan', 200, 0],
      [2, 'Latar Belakang dan Tujuan', 300, 10],
      [3, 'Kebaruan / Nilai Tambah', 200, 15],
      [4, 'Implementasi Inovasi', 200, 5],
      [5, 'Signifikansi', 600, 30],
      [6, 'Adaptabilitas', 300, 20],
      [7, 'Sumber Daya', 200, 5],
      [8, 'Strategi Keberlanjutan', 500, 15],
    ]);
    const adaptability = layoutFields(layout!).filter((f) => f.section.key === 'adaptability');
    expect(adaptability.map((f) => [f.key, f.maxWords])).toEqual([
      ['adaptability.replicated', 100],
      ['adaptability.potential', 200],
    ]);
  });

  it('a new layout is just a new file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layouts-'));
    writeFileSync(join(dir, 'kipp-umum-2023.json'), JSON.stringify(kipp()));
    writeFileSync(join(dir, 'kipp-umum-2025.json'), JSON.stringify({ ...kipp(), id: 'kipp-umum-2025', year: 2025 }));
    expect(readLayouts(dir).map((l) => l.id)).toEqual(['kipp-umum-2025', 'kipp-umum-2023']);
  });

  it.each([
    ['weights that do not add up to 100', (l: ReturnType<typeof kipp>) => void (l.sections[0]!.weight = 5), /add up to 100/],
    ['sections out of order', (l: ReturnType<typeof kipp>) => void (l.sections[1]!.number = 7), /numbered 1, 2, 3/],
    ['a section with both a limit and parts', (l: ReturnType<typeof kipp>) => void (l.sections[5]!.maxWords = 300), /either maxWords or parts/],
    ['an unknown data feed', (l: ReturnType<typeof kipp>) => void (l.sections[0]!.feeds = ['idea.budget']), /feeds/],
    ['an unknown template writer', (l: ReturnType<typeof kipp>) => void (l.sections[0]!.writer = 'poem'), /writer/],
    ['a missing English guidance', (l: ReturnType<typeof kipp>) => void (l.sections[0]!.guidance = { id: 'Ringkas' }), /guidance/],
    ['an unexpected field', (l: ReturnType<typeof kipp>) => void (l.sections[0]!.maxwords = 200), /maxwords|Unrecognized/i],
  ])('rejects %s', (_name, spoil, message) => {
    const layout = kipp();
    spoil(layout);
    expect(() => parseLayout('kipp-umum-2023.json', JSON.stringify(layout))).toThrow(message);
  });

  it('names the file in errors and wants the file named after the id', () => {
    expect(() => parseLayout('broken.json', '{ not json')).toThrow(/broken\.json: not valid JSON/);
    expect(() => parseLayout('other-name.json', JSON.stringify(kipp()))).toThrow(LayoutError);
    expect(() => parseLayout('other-name.json', JSON.stringify(kipp()))).toThrow(/named after its id/);
  });
});

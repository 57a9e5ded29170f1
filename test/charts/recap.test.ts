import { afterAll, describe, expect, it } from 'vitest';
import { fitsPhoto, recapChart } from '../../src/charts/recap.js';
import { chartToPng, chartToSvg, stopChartWorker } from '../../src/charts/render.js';
import { buildRecap, countIdeas } from '../../src/domain/recap/rules.js';
import { imageSize } from '../../src/dev/telegram-double/image-size.js';

const agencies = [
  { id: 1, name: 'Dinas Kesehatan', shortName: 'Dinkes' },
  { id: 2, name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
  { id: 3, name: 'Kecamatan Masamba', shortName: 'Kec. Masamba' },
];
const recap = buildRecap(
  2026,
  agencies,
  countIdeas(
    [
      { agencyId: 1, stage: 'implemented', pitchedOn: '2026-01-10', implementedOn: '2026-03-01' },
      { agencyId: 1, stage: 'trial', pitchedOn: '2025-01-10', implementedOn: null },
      { agencyId: 2, stage: 'trial', pitchedOn: '2026-02-10', implementedOn: null },
      { agencyId: 2, stage: 'pitched', pitchedOn: '2026-04-10', implementedOn: null },
    ],
    [{ agencyId: 2, year: 2026 }],
  ),
);
const asOf = new Date('2026-12-04T02:00:00Z');

type Option = { series: { name: string; data: (number | null)[]; markLine?: { data: { xAxis: number }[] } }[]; yAxis: { data?: unknown[] }[]; title: { text: string }[] };

describe('the recap chart definition', () => {
  afterAll(() => stopChartWorker());

  it('is plain JSON: bars per agency by stage, the target line at 1, agencies that met it marked', () => {
    const spec = recapChart(recap, 'id', asOf, 'Asia/Makassar');
    const option = spec.option as unknown as Option;
    expect(JSON.parse(JSON.stringify(spec.option))).toEqual(spec.option);
    expect(option.title[0]!.text).toBe('Satu Perangkat Daerah Satu Inovasi 2026');
    expect(option.yAxis[0]!.data).toEqual([
      { value: '✓ Dinkes', textStyle: { color: '#2e7d32', fontWeight: 'bold' } },
      { value: 'DKP', textStyle: { color: '#37474f' } },
      { value: 'Kec. Masamba', textStyle: { color: '#37474f' } },
    ]);
    const byName = new Map(option.series.map((s) => [s.name, s]));
    expect(byName.get('Mulai diterapkan 2026')!.data).toEqual([1, null, null]);
    expect(byName.get('Mulai diterapkan 2026')!.markLine!.data).toEqual([{ xAxis: 1 }]);
    expect(byName.get('Uji coba (sekarang)')!.data).toEqual([1, 1, null]);
    expect(byName.get('Usulan (sekarang)')!.data).toEqual([null, 1, null]);
    // Right of the bars: ideas pitched in 2026 and ★ results.
    expect(option.yAxis[2]!.data).toEqual(['1', '2 · ★1', '0']);
    // The years view: 2025 and 2026.
    expect(byName.get('Ide diusulkan')!.data).toEqual([1, 3]);
    expect(byName.get('Inovasi mulai diterapkan')!.data).toEqual([0, 1]);
    expect(byName.get('Hasil kompetisi')!.data).toEqual([0, 1]);
    expect(spec.width).toBe(1080);
  });

  it('speaks English, and grows with the number of agencies', () => {
    const option = recapChart(recap, 'en', asOf, 'Asia/Makassar').option as unknown as Option;
    expect(option.title[0]!.text).toBe('One Agency One Innovation 2026');
    expect(option.series.map((s) => s.name)).toContain('Trial (now)');
    const many = buildRecap(2026, Array.from({ length: 46 }, (_, i) => ({ id: i + 1, name: `PD ${i}`, shortName: `PD ${i}` })), countIdeas([], []));
    const tall = recapChart(many, 'id', asOf, 'Asia/Makassar');
    expect(tall.height).toBeGreaterThan(46 * 26);
    expect(fitsPhoto(tall)).toBe(true);
    expect(fitsPhoto({ width: 1080, height: 9000 })).toBe(false);
    expect(fitsPhoto({ width: 400, height: 8100 })).toBe(false); // ratio over 20
  });

  it('renders to SVG with the labels and to a PNG of the stated size', async () => {
    const spec = recapChart(recap, 'id', asOf, 'Asia/Makassar');
    const svg = await chartToSvg(spec);
    expect(svg).toMatch(/^<svg/);
    for (const label of ['✓ Dinkes', 'Kec. Masamba', 'Per tahun', 'Target']) expect(svg).toContain(label);
    const png = await chartToPng(spec);
    expect(imageSize(png)).toEqual({ type: 'png', width: spec.width, height: spec.height });
  });
});

import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { RECAP_ADMIN_ID, seedRecap } from '../../../helpers/recap-data.js';

async function workbookOf(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe.each(engines)('export (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [RECAP_ADMIN_ID] });

  it('sends an .xlsx with the ideas of the year and the recap, real dates, Indonesian headers', async () => {
    const admin = await seedRecap(h);
    const [doc] = await admin.send('/ekspor 2026');
    expect(doc?.document?.file_name).toBe('ide-inovasi-2026.xlsx');
    expect(doc?.document?.caption).toContain('diusulkan atau diterapkan pada 2026');
    const workbook = await workbookOf(doc!.document!.content);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ide inovasi', 'Rekap 2026']);

    const ideasSheet = workbook.getWorksheet('Ide inovasi')!;
    expect(rowValues(ideasSheet, 1).slice(0, 12)).toEqual([
      'No. ide', 'Nama inovasi', 'Kepanjangan', 'Perangkat daerah', 'Singkatan PD', 'Pengusul', 'Tahap', 'Bentuk', 'Jenis',
      'Tanggal usulan', 'Mulai uji coba', 'Mulai penerapan',
    ]);
    const names = Array.from({ length: ideasSheet.rowCount - 1 }, (_, i) => ideasSheet.getRow(i + 2).getCell(2).value);
    // Pitched in 2026 (WITA) or implemented in 2026; the 2025 Disdukcapil idea and the 2027 one are out.
    expect(names).toEqual(['Getar Dilan', 'Pangan Lestari', 'Lumbung Desa', 'ANC Hipnoterapi', 'Posyandu Digital', 'Sehat Bersama', 'Pajak Mudah', 'Aset Tertib', 'Tahun Baru', 'PBB Online', 'Satu Data']);
    const getar = ideasSheet.getRow(2);
    expect(getar.getCell(7).value).toBe('Diterapkan');
    expect(getar.getCell(10).value).toEqual(new Date('2026-01-15T10:00:00Z'));
    expect(getar.getCell(10).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(getar.getCell(12).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(getar.getCell(12).numFmt).toBe('dd/mm/yyyy');
    expect(getar.getCell(15).value).toBe('2026 · Provinsi · JIPP: TOP 30');
    // 00:30 WITA on New Year's Day, not the UTC evening before.
    expect(ideasSheet.getRow(10).getCell(10).value).toEqual(new Date('2026-01-01T00:30:00Z'));

    const recap = workbook.getWorksheet('Rekap 2026')!;
    // The same numbers under the same headings as /rekap (test/bot/features/ideas/recap.test.ts).
    expect(rowValues(recap, 1)).toEqual([
      'Perangkat daerah', 'Singkatan PD', 'Ide diusulkan (tahun ini)', 'Usulan (sekarang)', 'Dibahas (sekarang)', 'Inisiatif (sekarang)',
      'Uji coba (sekarang)', 'Sedang berjalan (sekarang)', 'Inovasi mulai diterapkan (tahun ini)', 'Target tercapai', 'Hasil kompetisi',
    ]);
    const byShort = new Map<string, unknown[]>();
    for (let r = 2; r <= recap.rowCount; r++) byShort.set(String(recap.getRow(r).getCell(2).value ?? ''), rowValues(recap, r));
    expect(byShort.get('DKP')?.slice(2)).toEqual([3, 1, 0, 0, 1, 2, 1, 'Ya', 1]);
    expect(byShort.get('Dinkes')?.slice(2)).toEqual([2, 0, 1, 0, 0, 1, 1, 'Ya', 0]);
    // Four ideas waiting at Usulan now, one of them pitched in 2027.
    expect(byShort.get('BKAD')?.slice(2)).toEqual([3, 4, 0, 0, 0, 4, 0, 'Tidak', 0]);
    expect(byShort.has('Diskominfo')).toBe(false);
    const total = rowValues(recap, recap.rowCount);
    expect(total[0]).toBe('Jumlah');
    expect(total.slice(2, 10)).toEqual([9, 5, 1, 0, 1, 7, 2, '2/' + String(byShort.size - 1)]);
    expect(total[10]).toBe(1);
  });

  it('sends both CSV files with a BOM, readable by csv-parse, headers in the member’s language', async () => {
    const admin = await seedRecap(h);
    await admin.send('/bahasa');
    await admin.press('English');
    const docs = await admin.send('/export csv');
    expect(docs.map((d) => d.document?.file_name)).toEqual(['innovation-ideas-2026-11-30.csv', 'recap-2026.csv']);
    const [ideasCsv, recapCsv] = docs.map((d) => d.document!.content);
    expect([...ideasCsv!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const ideas = parse(ideasCsv!, { bom: true, columns: true }) as Record<string, string>[];
    // Without a year: every idea, also 2025's and 2027's.
    expect(ideas).toHaveLength(13);
    const getar = ideas.find((r) => r['Innovation name'] === 'Getar Dilan')!;
    expect(getar).toMatchObject({ 'Idea no.': '1', Stage: 'Implemented', 'Pitched on': '2026-01-15 10:00', 'Implementation start': '2026-03-01', 'Trial start': '' });
    const recap = parse(recapCsv!, { bom: true, columns: true }) as Record<string, string>[];
    const dinkes = recap.find((r) => r['Agency short name'] === 'Dinkes')!;
    expect(dinkes).toMatchObject({ 'Ideas pitched (this year)': '2', 'Discussed (now)': '1', 'In progress (now)': '1', 'Innovations implemented (this year)': '1', 'Target met': 'Yes' });
    expect(recap.at(-1)?.Agency).toBe('Total');
  });

  it('is for coordinators only and explains bad arguments', async () => {
    await seedRecap(h);
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    expect((await budi.ask('/ekspor')).text).toContain('hanya untuk koordinator');
    const admin = h.user('Admin', { id: RECAP_ADMIN_ID });
    expect((await admin.ask('/ekspor pdf')).text).toContain('Cara pakai: /ekspor');
    const group = h.api.createGroup({ title: 'Warkop', type: 'supergroup' });
    h.api.addBotToGroup(group, admin.user);
    await h.settle();
    expect((await admin.ask('/ekspor', { chat: group })).text).toContain('percakapan pribadi');
    // A member asking in the group is refused for the role there, not sent to the private chat first.
    const inGroup = (await budi.ask('/ekspor', { chat: group })).text;
    expect(inGroup).toContain('hanya untuk koordinator');
    expect(inGroup).not.toContain('percakapan pribadi');
  });
});

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../helpers/databases.js';
import { ideaOf, person } from '../../../helpers/competitions.js';
import { useHarness } from '../../../helpers/harness.js';
import { COORDINATOR_ID } from '../../../helpers/sessions.js';

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe.each(engines)('/ekspor with competitions (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [COORDINATOR_ID] });

  it('adds the candidates, scores and results sheets (and CSV files)', async () => {
    const ana = h.user('Ana', { id: COORDINATOR_ID, username: 'ana' });
    await ana.register('Ana Lestari', 'Bappelitbangda');
    const budi = await person(h, 'Budi', 'Dinkes');
    const citra = await person(h, 'Citra', 'BKAD');
    await ideaOf(h, budi, 'Getar Dilan');
    await ideaOf(h, budi, 'Posyandu Digital');
    await ana.send('/kompetisi_baru kabupaten 2026');
    await ana.send('/kandidat 1 K1');
    await ana.send('/kandidat 2 K1');
    await ana.send('/penilai K1 @citra');
    let panel = await citra.ask('/nilai C1');
    for (const v of [8, 9, 7, 9, 8, 6, 8]) panel = (await citra.press(String(v), panel)).message!;
    await ana.send('/tahap_kandidat C2 submitted');

    const [doc] = await ana.send('/ekspor');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(doc!.document!.content as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ide inovasi', 'Rekap 2026', 'Kandidat', 'Nilai', 'Hasil']);
    const cands = workbook.getWorksheet('Kandidat')!;
    expect(rowValues(cands, 1)).toEqual(['Kompetisi', 'Kandidat', 'No. ide', 'Ide', 'Singkatan PD', 'Tahap', 'Daftar pendek']);
    expect(rowValues(cands, 2)).toEqual(['K1 · Seleksi KIPP Kabupaten Luwu Utara 2026', 'C1', 1, 'Getar Dilan', 'Dinkes', 'Persiapan', 'Tidak']);
    expect(rowValues(cands, 3)[5]).toBe('Dikirim');
    const scores = workbook.getWorksheet('Nilai')!;
    expect(scores.rowCount).toBe(8);
    expect(rowValues(scores, 2).slice(1, 6)).toEqual(['C1', 'Getar Dilan', 'Citra BKAD', 'Latar Belakang dan Tujuan', 8]);
    const results = workbook.getWorksheet('Hasil')!;
    expect(rowValues(results, 2).slice(1, 8)).toEqual(['C1', 'Getar Dilan', 'Dinkes', 83, 1, 1, 0]);
    // Not scored: no total, no rank, shown anyway.
    expect(rowValues(results, 3).slice(1, 7)).toEqual(['C2', 'Posyandu Digital', 'Dinkes', undefined, undefined, 0]);

    const files = await ana.send('/ekspor csv');
    expect(files.map((f) => f.document?.file_name)).toEqual(['ide-inovasi-2026-11-30.csv', 'rekap-2026.csv', 'Kandidat-2026-11-30.csv', 'Nilai-2026-11-30.csv', 'Hasil-2026-11-30.csv']);
    const rows = parse(files[4]!.document!.content.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ Kandidat: 'C1', 'Total berbobot': '83', Peringkat: '1' });
  });
});

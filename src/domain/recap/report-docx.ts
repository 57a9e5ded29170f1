import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, ImageRun, PageNumber, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Language } from '../../db/schema/index.js';
import { formatDate, formatNumber, formatShortDate } from '../../i18n/format.js';
import { catalogues } from '../../i18n/index.js';
import type { ReportLists } from './report-data.js';
import type { Recap } from './rules.js';

/**
 * The yearly report for the leadership (`/rekap 2026 laporan`): "Laporan Pelaksanaan Warkop Indah
 * Tahun 2026" as a Word document — summary, the recap picture, every agency's figures, the
 * innovations implemented in the year with their stage dates, competition results and the sessions
 * held with attendance. Numbers and dates are written in the reader's language (Indonesian style).
 */
export interface ReportInput {
  recap: Recap;
  lists: ReportLists;
  /** The recap picture (PNG) and its size in pixels. */
  chart: { png: Buffer; width: number; height: number } | undefined;
  lang: Language;
  now: Date;
  timeZone: string;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { bold?: boolean; align?: 'left' | 'right' | 'center'; shade?: boolean; width?: number } = {}): TableCell {
  return new TableCell({
    borders,
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
    ...(opts.shade ? { shading: { fill: 'E8EEF2' } } : {}),
    children: [
      new Paragraph({
        alignment: opts.align === 'right' ? AlignmentType.RIGHT : opts.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold ?? false, size: 20 })],
      }),
    ],
  });
}

function table(headers: { text: string; width: number; align?: 'left' | 'right' | 'center' }[], rows: string[][], boldLast = false): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h.text, { bold: true, shade: true, width: h.width, align: 'center' })) }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((text, i) => cell(text, { bold: boldLast && r === rows.length - 1, align: headers[i]?.align ?? 'left', width: headers[i]?.width ?? 10 })),
          }),
      ),
    ],
  });
}

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 360, after: 160 }, children: [new TextRun(text)] });
const para = (text: string, opts: { italics?: boolean } = {}) =>
  new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, italics: opts.italics ?? false })] });

export async function buildReportDocx(input: ReportInput): Promise<Buffer> {
  const { recap, lists, lang, now, timeZone } = input;
  const m = catalogues[lang];
  const year = recap.year;
  const num = (n: number) => formatNumber(n, lang);
  const day = (iso: string | null) => (iso ? formatShortDate(new Date(`${iso}T00:00:00Z`), lang, 'UTC') : '—');
  const totals = recap.totals;
  const percent = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(
    totals.agencies ? totals.agenciesMet / totals.agencies : 0,
  );
  const attended = lists.sessions.reduce((n, s) => n + s.attended, 0);
  const title = m['recap.report.title']({ year });

  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: m['recap.report.subtitle'], color: '455A64' })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: m['recap.report.issued']({ date: formatDate(now, lang, timeZone) }), color: '455A64', size: 20 })],
    }),

    heading(m['recap.report.h.summary']),
    para(m['recap.report.summary.target']({ met: totals.agenciesMet, total: totals.agencies, percent, year }) + ' ' + m['recap.report.summary.change']({ previousYear: year - 1, previous: recap.previousMet })),
  ];
  if (totals.agenciesClose > 0) children.push(para(m['recap.report.summary.close']({ count: totals.agenciesClose })));
  children.push(
    para(m['recap.report.summary.ideas']({ year, pitched: totals.pitched, implemented: totals.implemented, progress: totals.inProgressTotal })),
    para(m['recap.report.summary.results']({ year, count: lists.results.length })),
    para(m['recap.report.summary.sessions']({ count: lists.sessions.length, attended })),
    para(m['recap.report.rule']({ year }), { italics: true }),
  );

  if (input.chart) {
    // Fits an A4 page with 2 cm margins (about 650 × 900 px at 96 dpi).
    const scale = Math.min(640 / input.chart.width, 880 / input.chart.height, 1);
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, spacing: { after: 160 }, children: [new TextRun(m['recap.report.h.chart'])] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: input.chart.png,
            transformation: { width: Math.round(input.chart.width * scale), height: Math.round(input.chart.height * scale) },
            altText: { name: title, title, description: m['recap.chart.title']({ year }) },
          }),
        ],
      }),
    );
  }

  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, spacing: { after: 160 }, children: [new TextRun(m['recap.report.h.table'])] }),
    table(
      [
        { text: m['recap.report.col.no'], width: 6, align: 'right' },
        { text: m['recap.report.col.agency'], width: 40 },
        { text: m['recap.report.col.pitched']({ year }), width: 11, align: 'right' },
        { text: m['recap.report.col.progress'], width: 11, align: 'right' },
        { text: m['recap.report.col.implemented']({ year }), width: 11, align: 'right' },
        { text: m['recap.report.col.results'], width: 11, align: 'right' },
        { text: m['recap.report.col.met'], width: 10, align: 'center' },
      ],
      [
        ...[...recap.agencies]
          .sort((a, b) => a.name.localeCompare(b.name, 'id'))
          .map((a, i) => [
            `${i + 1}.`,
            a.name,
            num(a.pitched),
            num(a.inProgressTotal),
            num(a.implemented),
            num(a.results),
            a.met ? m['recap.report.met'] : m['recap.report.notMet'],
          ]),
        ['', m['recap.report.total'], num(totals.pitched), num(totals.inProgressTotal), num(totals.implemented), num(totals.results), `${num(totals.agenciesMet)}/${num(totals.agencies)}`],
      ],
      true,
    ),
  );

  children.push(heading(m['recap.report.h.implemented']({ year })));
  if (lists.implemented.length === 0) children.push(para(m['recap.report.none']));
  else
    children.push(
      table(
        [
          { text: m['recap.report.col.no'], width: 6, align: 'right' },
          { text: m['recap.report.col.innovation'], width: 30 },
          { text: m['recap.report.col.agency'], width: 24 },
          { text: m['recap.report.col.dates'], width: 28 },
          { text: m['recap.report.col.stage'], width: 12 },
        ],
        lists.implemented.map((r, i) => [
          `${i + 1}.`,
          r.expansion ? `${r.name} (${r.expansion})` : r.name,
          r.agencyName,
          m['recap.report.dates']({ pitched: formatShortDate(r.pitchedAt, lang, timeZone), trial: day(r.trialStartedOn), implemented: day(r.implementedOn) }),
          m[`ideas.stage.${r.stage}`],
        ]),
      ),
    );

  children.push(heading(m['recap.report.h.results']({ year })));
  if (lists.results.length === 0) children.push(para(m['recap.report.none']));
  else
    children.push(
      table(
        [
          { text: m['recap.report.col.no'], width: 6, align: 'right' },
          { text: m['recap.report.col.innovation'], width: 26 },
          { text: m['recap.report.col.agency'], width: 26 },
          { text: m['recap.report.col.competition'], width: 18 },
          { text: m['recap.report.col.result'], width: 24 },
        ],
        lists.results.map((r, i) => [
          `${i + 1}.`,
          r.ideaName,
          r.agencyName,
          `${m[`ideas.competition.${r.competition}`]} · ${m[`ideas.awardLevel.${r.level}`]}`,
          r.result,
        ]),
      ),
    );

  children.push(heading(m['recap.report.h.sessions']({ year })));
  if (lists.sessions.length === 0) children.push(para(m['recap.report.none']));
  else
    children.push(
      table(
        [
          { text: m['recap.report.col.no'], width: 6, align: 'right' },
          { text: m['recap.report.col.date'], width: 18 },
          { text: m['recap.report.col.session'], width: 32 },
          { text: m['recap.report.col.place'], width: 20 },
          { text: m['recap.report.col.attended'], width: 12, align: 'right' },
          { text: m['recap.report.col.registered'], width: 12, align: 'right' },
        ],
        lists.sessions.map((s, i) => [`${i + 1}.`, formatShortDate(s.startsAt, lang, timeZone), s.title, s.place, num(s.attended), num(s.registered)]),
      ),
    );

  const doc = new Document({
    creator: 'Warkop Indah',
    title,
    description: m['recap.report.subtitle'],
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: `${m['recap.report.footer']} · `, size: 16, color: '78909C' }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '78909C' })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { Composer } from 'telegraf';
import { localDate } from '../../../domain/dates/zoned.js';
import { loadExportIdeas, type ExportIdea } from '../../../domain/ideas/export.js';
import { loadRecap } from '../../../domain/recap/load.js';
import { progressStages, type AgencyRecap, type Recap } from '../../../domain/recap/rules.js';
import { yearIn } from '../../../i18n/format.js';
import type { MessageKey, Messages, Translate } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { replyHtml } from '../../reply.js';
import { loadCompetitionExport } from '../../../domain/competitions/export.js';
import { competitionSheets } from '../competitions/export-sheets.js';
import { ideaSpec } from './commands.js';
import { parseYear } from './recap.js';
import { digitalLabel, formLabel, stageLabel } from '../../views/ideas.js';

/**
 * `/ekspor [tahun] [csv]` (coordinators): the ideas and the One Agency One Innovation recap as
 * an .xlsx workbook (two sheets), or as two CSV files. Headers follow the member's language;
 * dates are real dates in Excel and ISO dates in CSV.
 */
type Cell = string | number | Date | null;
type DateKind = 'date' | 'datetime';
/** Catalogue keys that take no parameters: column headers. */
type PlainKey = { [K in MessageKey]: Messages[K] extends string ? K : never }[MessageKey];
interface Column<T> {
  header: PlainKey;
  width: number;
  value: (row: T) => Cell;
  date?: DateKind;
}

/** Excel has no time zones: a WITA wall-clock time is written as that clock reading. */
function wallClock(at: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)));
}

const day = (value: string | null): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

function ideaColumns(t: Translate, timeZone: string): Column<ExportIdea>[] {
  return [
    { header: 'ideas.export.col.id', width: 8, value: (r) => r.id },
    { header: 'ideas.export.col.name', width: 28, value: (r) => r.name },
    { header: 'ideas.export.col.expansion', width: 36, value: (r) => r.expansion },
    { header: 'ideas.export.col.agency', width: 36, value: (r) => r.agencyName },
    { header: 'ideas.export.col.agencyShort', width: 14, value: (r) => r.agencyShort },
    { header: 'ideas.export.col.owner', width: 24, value: (r) => r.ownerName },
    { header: 'ideas.export.col.stage', width: 13, value: (r) => stageLabel(t, r.stage) },
    { header: 'ideas.export.col.form', width: 16, value: (r) => (r.form ? formLabel(t, r.form) : null) },
    { header: 'ideas.export.col.digital', width: 12, value: (r) => (r.digital == null ? null : digitalLabel(t, r.digital)) },
    { header: 'ideas.export.col.pitchedAt', width: 17, value: (r) => wallClock(r.createdAt, timeZone), date: 'datetime' },
    { header: 'ideas.export.col.trialStartedOn', width: 13, value: (r) => day(r.trialStartedOn), date: 'date' },
    { header: 'ideas.export.col.implementedOn', width: 13, value: (r) => day(r.implementedOn), date: 'date' },
    { header: 'ideas.export.col.supports', width: 10, value: (r) => r.supportCount },
    { header: 'ideas.export.col.comments', width: 10, value: (r) => r.commentCount },
    {
      header: 'ideas.export.col.awards',
      width: 40,
      value: (r) =>
        r.awards.length
          ? r.awards
              .map((a) => `${a.year} · ${t(`ideas.awardLevel.${a.level}`).toString()} · ${t(`ideas.competition.${a.competition}`).toString()}: ${a.result}`)
              .join('; ')
          : null,
    },
    { header: 'ideas.export.col.summary', width: 40, value: (r) => r.summary },
    { header: 'ideas.export.col.problem', width: 40, value: (r) => r.problem },
    { header: 'ideas.export.col.solution', width: 40, value: (r) => r.solution },
    { header: 'ideas.export.col.beneficiaries', width: 30, value: (r) => r.beneficiaries },
    { header: 'ideas.export.col.archivedReason', width: 30, value: (r) => r.archivedReason },
  ];
}

/** The recap sheet: the same numbers, under the same headings, as /rekap (domain/recap/rules.ts). */
type RecapRow = Omit<AgencyRecap, 'agencyId' | 'met' | 'close'> & { met: string };

function recapColumns(): Column<RecapRow>[] {
  const perStage = progressStages.map((s): Column<RecapRow> => ({ header: `recap.export.col.now.${s}`, width: 12, value: (r) => r.inProgress[s] }));
  return [
    { header: 'ideas.export.col.agency', width: 40, value: (r) => r.name },
    { header: 'ideas.export.col.agencyShort', width: 14, value: (r) => r.shortName },
    { header: 'recap.export.col.pitched', width: 14, value: (r) => r.pitched },
    ...perStage,
    { header: 'recap.export.col.progress', width: 14, value: (r) => r.inProgressTotal },
    { header: 'recap.export.col.implemented', width: 16, value: (r) => r.implemented },
    { header: 'ideas.export.col.met', width: 12, value: (r) => r.met },
    { header: 'ideas.export.col.awardCount', width: 14, value: (r) => r.results },
  ];
}

function recapRows(t: Translate, recap: Recap): RecapRow[] {
  const yes = t('common.yes').toString();
  const no = t('common.no').toString();
  const rows: RecapRow[] = recap.agencies.map(({ agencyId: _id, close: _close, ...a }) => ({ ...a, met: a.met ? yes : no }));
  const totals = recap.totals;
  rows.push({
    name: t('ideas.export.totalRow').toString(),
    shortName: '',
    pitched: totals.pitched,
    inProgress: totals.inProgress,
    inProgressTotal: totals.inProgressTotal,
    implemented: totals.implemented,
    results: totals.results,
    met: `${totals.agenciesMet}/${totals.agencies}`,
  });
  return rows;
}

function addSheet<T>(workbook: ExcelJS.Workbook, t: Translate, name: string, columns: Column<T>[], rows: T[], boldLast = false): void {
  // Excel limits sheet names to 31 characters.
  const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: t(c.header).toString(), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  columns.forEach((c, i) => {
    if (c.date) sheet.getColumn(i + 1).numFmt = c.date === 'date' ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
  });
  if (boldLast && rows.length) sheet.getRow(rows.length + 1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function csvOf<T>(t: Translate, columns: Column<T>[], rows: T[]): Buffer {
  const iso = (value: Cell, kind: DateKind | undefined): string | number | null => {
    if (!(value instanceof Date)) return value;
    const text = value.toISOString();
    return kind === 'date' ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
  };
  const body = stringify(
    rows.map((row) => columns.map((c) => iso(c.value(row), c.date))),
    // escape_formulas: a member-written cell starting with = + - @ tab or CR gets a leading ' so a
    // spreadsheet shows it as text instead of running it (OWASP's CSV injection advice).
    { header: true, columns: columns.map((c) => t(c.header).toString()), record_delimiter: 'windows', escape_formulas: true },
  );
  // The BOM tells Excel the file is UTF-8 (names such as “Pelayanan” with curly quotes, é, …).
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(body, 'utf8')]);
}

export function exportFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, ideaSpec('ekspor'), async (ctx) => {
    const words = ctx.payload.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let csv = false;
    let year: number | undefined;
    for (const word of words) {
      if (word === 'csv') csv = true;
      else if (word === 'xlsx' || word === 'excel') csv = false;
      else if (parseYear(word) !== undefined && year === undefined) year = parseYear(word);
      else return replyHtml(ctx, ctx.t('ideas.export.usage'));
    }
    const timeZone = ctx.deps.config.TZ_NAME;
    const now = ctx.deps.clock.now();
    const recapYear = year ?? yearIn(now, timeZone);
    const ideas = await loadExportIdeas(ctx.db, year, timeZone);
    const recap = await loadRecap(ctx.db, recapYear, timeZone);
    const t = ctx.t;
    const scope = year === undefined ? t('ideas.export.scope.all').toString() : t('ideas.export.scope.year', { year }).toString();
    const stamp = year === undefined ? localDate(now, timeZone) : String(year);
    const ideaFile = `${t('ideas.export.file.ideas').toString()}-${stamp}`;
    const columns = ideaColumns(t, timeZone);
    const recapCols = recapColumns();
    const rows = recapRows(t, recap);
    // Competitions (issue #16): candidates, scores and results, each in its own sheet / file.
    const competitions = await loadCompetitionExport(ctx.db);
    const compSheets = competitions.length ? competitionSheets(t, ctx.lang, competitions) : [];

    if (csv) {
      await ctx.replyWithDocument(
        { source: csvOf(t, columns, ideas), filename: `${ideaFile}.csv` },
        { caption: t('ideas.export.caption.ideasCsv', { scope }).toString(), parse_mode: 'HTML' },
      );
      await ctx.replyWithDocument(
        { source: csvOf(t, recapCols, rows), filename: `${t('ideas.export.file.recap').toString()}-${recapYear}.csv` },
        { caption: t('ideas.export.caption.recapCsv', { year: recapYear }).toString(), parse_mode: 'HTML' },
      );
      for (const sheet of compSheets) {
        if (sheet.rows.length === 0) continue;
        await ctx.replyWithDocument({ source: csvOf(t, sheet.columns, sheet.rows), filename: `${t(sheet.name).toString()}-${stamp}.csv` });
      }
      return;
    }
    // Loaded on first use: exceljs alone adds a sixth to the bot's start-up time and memory.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    workbook.creator = 'Warkop Indah';
    workbook.created = now;
    addSheet(workbook, t, t('ideas.export.sheet.ideas').toString(), columns, ideas);
    addSheet(workbook, t, t('ideas.export.sheet.recap', { year: recapYear }).toString(), recapCols, rows, true);
    for (const sheet of compSheets) addSheet(workbook, t, t(sheet.name).toString(), sheet.columns, sheet.rows);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await ctx.replyWithDocument(
      { source: buffer, filename: `${ideaFile}.xlsx` },
      { caption: t('ideas.export.caption.xlsx', { scope, year: recapYear }).toString(), parse_mode: 'HTML' },
    );
  });
  return composer;
}

import { Composer } from 'telegraf';
import { recapChart, fitsPhoto } from '../../../charts/recap.js';
import { chartToPng } from '../../../charts/render.js';
import { loadRecap } from '../../../domain/recap/load.js';
import { loadReportLists, loadYearResults, type YearResult } from '../../../domain/recap/report-data.js';
import type { Recap } from '../../../domain/recap/rules.js';
import { yearIn } from '../../../i18n/format.js';
import { joinHtml, type Html, type Translate } from '../../../i18n/index.js';
import { onCommand, type CommandContext } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { ensureRole } from '../../middlewares/guards.js';
import { replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';

/**
 * `/rekap [tahun] [laporan]`: the One Agency One Innovation recap of a year as a short text and a
 * picture (the full table per agency); with `laporan` (coordinators) the yearly report as .docx.
 * The counting rules live in domain/recap/rules.ts, the picture in charts/recap.ts.
 */
export function parseYear(word: string): number | undefined {
  if (!/^\d{4}$/.test(word)) return undefined;
  const year = Number(word);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

const LIST_NAMES = 15;
const LIST_RESULTS = 5;

function names(t: Translate, list: readonly string[], max = LIST_NAMES): string {
  if (list.length <= max) return list.join(', ');
  return `${list.slice(0, max).join(', ')} ${t('recap.andMore', { count: list.length - max }).toString()}`;
}

/** The ten-second summary: every number on a line belongs to that line's heading. */
export function recapSummary(t: Translate, recap: Recap, results: readonly YearResult[]): Html {
  const { totals, year } = recap;
  const diff = totals.agenciesMet - recap.previousMet;
  const change =
    diff > 0
      ? t('recap.change.up', { year: year - 1, count: recap.previousMet, diff })
      : diff < 0
        ? t('recap.change.down', { year: year - 1, count: recap.previousMet, diff: -diff })
        : t('recap.change.same', { year: year - 1, count: recap.previousMet });
  const met = recap.agencies.filter((a) => a.met).map((a) => a.shortName);
  const close = recap.agencies.filter((a) => a.close).map((a) => a.shortName);
  const lines: Html[] = [
    t('recap.title', { year }),
    t('recap.target', { met: totals.agenciesMet, total: totals.agencies, change: change.toString() }),
    met.length ? t('recap.metList', { names: names(t, met) }) : t('recap.metNone'),
  ];
  if (close.length) lines.push(t('recap.close', { count: close.length, names: names(t, close) }));
  lines.push(t('recap.ideas', { year, pitched: totals.pitched, progress: totals.inProgressTotal }));
  lines.push(t('recap.results', { year, count: results.length }));
  for (const r of results.slice(0, LIST_RESULTS)) {
    lines.push(
      t('recap.resultLine', {
        result: r.result,
        competition: t(`ideas.competition.${r.competition}`).toString(),
        level: t(`ideas.awardLevel.${r.level}`).toString(),
        idea: r.ideaName,
        agency: r.agencyName,
      }),
    );
  }
  if (results.length > LIST_RESULTS) lines.push(joinHtml(['  ', t('recap.andMore', { count: results.length - LIST_RESULTS }).toString()]));
  lines.push(joinHtml([]), t('recap.rule', { year }), t('recap.more', { year }));
  return joinHtml(lines, '\n');
}

async function sendPicture(ctx: CommandContext, recap: Recap): Promise<void> {
  const timeZone = ctx.deps.config.TZ_NAME;
  const lang = ctx.lang;
  await ctx.sendChatAction('upload_photo').catch(() => undefined);
  let png: Buffer;
  const spec = recapChart(recap, lang, ctx.deps.clock.now(), timeZone);
  try {
    png = await chartToPng(spec);
  } catch (err) {
    ctx.log.error({ err }, 'recap chart could not be rendered');
    await replyHtml(ctx, ctx.t('recap.chartFailed'));
    return;
  }
  const filename = ctx.t('recap.file.chart', { year: recap.year }).toString();
  if (fitsPhoto(spec)) {
    await ctx.replyWithPhoto({ source: png, filename }, { caption: ctx.t('recap.photoCaption', { year: recap.year }).toString(), parse_mode: 'HTML' });
  } else {
    await ctx.replyWithDocument({ source: png, filename }, { caption: ctx.t('recap.documentCaption', { year: recap.year }).toString(), parse_mode: 'HTML' });
  }
}

async function sendReport(ctx: CommandContext, recap: Recap): Promise<void> {
  const timeZone = ctx.deps.config.TZ_NAME;
  const now = ctx.deps.clock.now();
  const lang = ctx.lang;
  await replyHtml(ctx, ctx.t('recap.reportWorking', { year: recap.year }));
  await ctx.sendChatAction('upload_document').catch(() => undefined);
  const lists = await loadReportLists(ctx.db, recap.year, timeZone, now);
  const spec = recapChart(recap, lang, now, timeZone);
  let chart: { png: Buffer; width: number; height: number } | undefined;
  try {
    chart = { png: await chartToPng(spec), width: spec.width, height: spec.height };
  } catch (err) {
    ctx.log.error({ err }, 'recap chart could not be rendered for the report');
  }
  // docx (a large library) is loaded with the first report, not at every start.
  const { buildReportDocx } = await import('../../../domain/recap/report-docx.js');
  const docx = await buildReportDocx({ recap, lists, chart, lang, now, timeZone });
  await ctx.replyWithDocument(
    { source: docx, filename: ctx.t('recap.file.report', { year: recap.year }).toString() },
    { caption: ctx.t('recap.reportCaption', { year: recap.year }).toString(), parse_mode: 'HTML' },
  );
}

export function recapFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, ideaSpec('rekap'), async (ctx) => {
    const words = ctx.payload.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let year: number | undefined;
    let report = false;
    for (const word of words) {
      if (word === 'laporan' || word === 'report') report = true;
      else if (year === undefined && parseYear(word) !== undefined) year = parseYear(word);
      else if (/^\d+$/.test(word) || words.length === 1) return replyHtml(ctx, ctx.t('recap.badYear', { input: word.slice(0, 20) }));
      else return replyHtml(ctx, ctx.t('recap.usage'));
    }
    if (report && !(await ensureRole(ctx, 'coordinator'))) return;
    const timeZone = ctx.deps.config.TZ_NAME;
    const recap = await loadRecap(ctx.db, year ?? yearIn(ctx.deps.clock.now(), timeZone), timeZone);
    if (report) return sendReport(ctx, recap);
    const results = await loadYearResults(ctx.db, recap.year);
    await replyHtml(ctx, recapSummary(ctx.t, recap, results));
    await sendPicture(ctx, recap);
  });
  return composer;
}

import { Composer } from 'telegraf';
import { stages } from '../../../db/schema/index.js';
import { loadRecap, type AgencyRecap, type Recap, type StageCounts } from '../../../domain/ideas/recap.js';
import { yearIn } from '../../../i18n/format.js';
import { joinHtml, type Html, type Translate } from '../../../i18n/index.js';
import { onCommand } from '../../command.js';
import type { BotContext } from '../../context.js';
import { replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { stageLabel } from './view.js';

/** Telegram allows 4096 characters; parts stay well under it and break only between lines. */
const PART_LIMIT = 3500;

export function parseYear(word: string): number | undefined {
  if (!/^\d{4}$/.test(word)) return undefined;
  const year = Number(word);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

function stageSummary(t: Translate, counts: StageCounts): string {
  return stages
    .filter((s) => counts[s] > 0)
    .map((s) => t('ideas.recap.stageCount', { count: counts[s], stage: stageLabel(t, s) }).toString())
    .join(', ');
}

function agencyLine(t: Translate, a: AgencyRecap): Html {
  const parts: Html[] = [a.total > 0 ? t('ideas.recap.ideas', { count: a.total, stages: stageSummary(t, a.byStage) }) : t('ideas.recap.noIdeas')];
  if (a.implemented > 0) parts.push(t('ideas.recap.implemented', { count: a.implemented }));
  if (a.awards > 0) parts.push(t('ideas.recap.awards', { count: a.awards }));
  return t('ideas.recap.agency', { short: a.shortName, detail: joinHtml(parts, ' · ') });
}

/** The recap as lines: heading, agencies without an implemented innovation first, then the others, totals. */
export function recapLines(t: Translate, recap: Recap): Html[] {
  const notMet = recap.agencies.filter((a) => !a.met);
  const met = recap.agencies.filter((a) => a.met);
  const lines: Html[] = [
    t('ideas.recap.title', { year: recap.year }),
    t('ideas.recap.rule', { year: recap.year }),
    t('ideas.recap.summary', { met: recap.totals.agenciesMet, total: recap.totals.agencies }),
    joinHtml([]),
  ];
  if (notMet.length) lines.push(t('ideas.recap.notMet', { count: notMet.length }), ...notMet.map((a) => agencyLine(t, a)), joinHtml([]));
  if (met.length) lines.push(t('ideas.recap.met', { count: met.length }), ...met.map((a) => agencyLine(t, a)), joinHtml([]));
  const totals = recap.totals;
  lines.push(
    t('ideas.recap.totals', {
      total: totals.total,
      stages: stageSummary(t, totals.byStage),
      implemented: totals.implemented,
      awards: totals.awards,
      met: totals.agenciesMet,
      agencies: totals.agencies,
    }),
    t('ideas.recap.note'),
  );
  return lines;
}

/** Groups lines into messages under the limit, never splitting a line. */
export function packLines(lines: readonly Html[], limit = PART_LIMIT): Html[] {
  const parts: Html[][] = [[]];
  let size = 0;
  for (const line of lines) {
    const length = line.toString().length + 1;
    if (size + length > limit && parts.at(-1)!.length > 0) {
      parts.push([]);
      size = 0;
    }
    if (parts.at(-1)!.length === 0 && line.toString() === '') continue;
    parts.at(-1)!.push(line);
    size += length;
  }
  return parts.filter((p) => p.length > 0).map((p) => joinHtml(p, '\n'));
}

export function recapFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, ideaSpec('rekap'), async (ctx) => {
    const arg = ctx.payload.trim();
    const timeZone = ctx.deps.config.TZ_NAME;
    const year = arg ? parseYear(arg) : yearIn(ctx.deps.clock.now(), timeZone);
    if (year === undefined) return replyHtml(ctx, ctx.t('ideas.recap.badYear', { input: arg.slice(0, 20) }));
    const recap = await loadRecap(ctx.db, year, timeZone);
    for (const part of packLines(recapLines(ctx.t, recap))) await replyHtml(ctx, part);
  });
  return composer;
}

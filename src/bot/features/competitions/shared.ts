import type { CompetitionRound, Language } from '../../../db/schema/index.js';
import { fromLocal, parseIsoDate } from '../../../domain/dates/zoned.js';
import { findCandidate, type CandidateView } from '../../../domain/competitions/candidates.js';
import { findRound } from '../../../domain/competitions/rounds.js';
import { formatDate } from '../../../i18n/format.js';
import type { Translate } from '../../../i18n/index.js';
import type { BotContext } from '../../context.js';
import { replyHtml } from '../../reply.js';

/** `K3`, `k3` or `3`. */
export function parseRoundNumber(word: string | undefined): number | undefined {
  const m = /^[kK]?(\d{1,9})$/.exec(word ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `C4`, `c4` or `4`. */
export function parseCandidateNumber(word: string | undefined): number | undefined {
  const m = /^[cC]?(\d{1,9})$/.exec(word ?? '');
  return m ? Number(m[1]) : undefined;
}

export async function roundFromArg(ctx: BotContext, word: string): Promise<CompetitionRound | undefined> {
  const id = parseRoundNumber(word);
  if (id === undefined) {
    await replyHtml(ctx, ctx.t('comp.badNumber', { input: word.slice(0, 40) }));
    return undefined;
  }
  const round = await findRound(ctx.db, id);
  if (!round) await replyHtml(ctx, ctx.t('comp.notFound', { id }));
  return round;
}

export async function candidateFromArg(ctx: BotContext, word: string): Promise<CandidateView | undefined> {
  const id = parseCandidateNumber(word);
  if (id === undefined) {
    await replyHtml(ctx, ctx.t('comp.cand.badNumber', { input: word.slice(0, 40) }));
    return undefined;
  }
  const candidate = await findCandidate(ctx.db, id);
  if (!candidate) await replyHtml(ctx, ctx.t('comp.cand.notFound', { id }));
  return candidate;
}

/** A stage's date as `Kamis, 3 Juni 2027`, with "(perkiraan)" when only reported. */
export function stageDate(t: Translate, date: string | null, reported: boolean, lang: Language, timeZone: string): string {
  const d = date ? parseIsoDate(date) : undefined;
  if (!d) return t('comp.noDate').toString();
  return formatDate(fromLocal({ ...d, hour: 12, minute: 0 }, timeZone), lang, timeZone) + (reported ? t('comp.reported').toString() : '');
}

export function stepLabel(round: Pick<CompetitionRound, 'steps'>, key: string, lang: Language): string {
  return round.steps.find((s) => s.key === key)?.label[lang] ?? key;
}

export const fmt = (n: number | null, lang: Language): string =>
  n === null ? '—' : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(n);

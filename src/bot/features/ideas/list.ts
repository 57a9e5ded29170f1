import { Composer } from 'telegraf';
import { stages } from '../../../db/schema/index.js';
import { findAgencyById, searchAgencies } from '../../../domain/agencies.js';
import { parseIdeaNumber } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import {
  agenciesWithIdeas,
  decodeFilters,
  hasFilters,
  ideaYears,
  listIdeas,
  type IdeaFilters,
  type ListCursor,
} from '../../../domain/ideas/list.js';
import { parseStagePrefix } from '../../../domain/ideas/stages.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { isMessageNotModified } from '../../../telegram/sender/errors.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { filterPicker, listKeyboard } from '../../keyboards/ideas.js';
import { ownsView, replyToAsker } from '../../middlewares/press-guard.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaSubcommand } from './card.js';
import { sendCard } from './shared.js';
import { ideaSpec } from './commands.js';
import { stageLabel, renderListRow } from '../../views/ideas.js';

const MINE = new Set(['saya', 'mine', 'my', 'me']);
const YEAR = new Set(['tahun', 'year']);

type FilterParse = { ok: true; filters: IdeaFilters } | { ok: false; arg: string };

/** `/ide dibahas Dinkes tahun 2026 saya` in any order; what is not a stage, year or "saya" names an agency. */
export async function parseFilterWords(ctx: BotContext, words: string[]): Promise<FilterParse> {
  const filters: IdeaFilters = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase();
    if (MINE.has(lower)) {
      filters.mine = true;
      continue;
    }
    const yearWord = YEAR.has(lower) ? words[i + 1] : /^\d{4}$/.test(word) ? word : undefined;
    if (yearWord !== undefined) {
      if (!/^\d{4}$/.test(yearWord)) return { ok: false, arg: `${word} ${yearWord}`.trim() };
      filters.year = Number(yearWord);
      if (YEAR.has(lower)) i++;
      continue;
    }
    const stage = parseStagePrefix(words.slice(i));
    if (stage) {
      filters.stage = stage.stage;
      i += stage.used - 1;
      continue;
    }
    rest.push(word);
  }
  if (rest.length) {
    const query = rest.join(' ').slice(0, 60);
    const [agency] = await searchAgencies(ctx.db, query, 1);
    if (!agency) return { ok: false, arg: query };
    filters.agencyId = agency.id;
  }
  return { ok: true, filters };
}

async function describeFilters(ctx: BotContext, f: IdeaFilters): Promise<string | undefined> {
  const parts: string[] = [];
  if (f.stage) parts.push(stageLabel(ctx.t, f.stage));
  if (f.agencyId) {
    const agency = await findAgencyById(ctx.db, f.agencyId);
    if (agency) parts.push(agency.shortName);
  }
  if (f.year) parts.push(ctx.t('ideas.list.filter.year', { year: f.year }).toString());
  if (f.mine) parts.push(ctx.t('ideas.list.filter.mine').toString());
  return parts.length ? parts.join(' · ') : undefined;
}

/** A page of the list: a keyset query with its count, plus the agency name when filtered by one. */
async function renderList(ctx: BotContext, filters: IdeaFilters, page = 1, cursor?: ListCursor) {
  const timeZone = ctx.deps.config.TZ_NAME;
  const viewerId = ctx.member?.id;
  const result = await listIdeas(ctx.db, { filters, viewerId, cursor, timeZone });
  const pageNo = cursor && result.rows.length ? (result.hasPrev ? page : 1) : 1;
  const { count, more } = result.total;
  const blocks: Html[] = [ctx.t('ideas.list.title', { count, more, page: pageNo })];
  const described = await describeFilters(ctx, filters);
  if (described) blocks.push(ctx.t('ideas.list.filters', { text: described }));
  if (result.rows.length === 0) blocks.push(ctx.t(hasFilters(filters) ? 'ideas.list.empty' : 'ideas.list.emptyAll'));
  else {
    blocks.push(joinHtml(result.rows.map((r) => renderListRow(ctx.t, r)), '\n'));
    blocks.push(ctx.t('ideas.list.hint'));
  }
  const ids = result.rows.map((r) => r.id);
  const keyboard = listKeyboard(ctx.t, ids, filters, {
    page: pageNo,
    firstId: ids[0],
    lastId: ids.at(-1),
    hasPrev: result.hasPrev,
    hasNext: result.hasNext,
  });
  return { text: joinHtml(blocks, '\n\n'), keyboard, rows: result.rows.length };
}

export function listFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, ideaSpec('ide'), async (ctx) => {
    const words = ctx.payload.trim().split(/\s+/).filter(Boolean);
    const first = words[0];
    // `/ide 12 …` is about one idea; `#12` too. A lone number is never read as a year.
    if (first && (parseIdeaNumber(first) !== undefined || /^#/.test(first))) {
      const id = parseIdeaNumber(first);
      if (id === undefined) return replyHtml(ctx, ctx.t('ideas.badNumber', { input: first.slice(0, 40) }));
      // The card alone: its one statement also tells a missing idea (sendCard answers "not found").
      if (!words[1]) return void (await sendCard(ctx, id));
      const idea = await findIdea(ctx.db, id);
      if (!idea) return replyHtml(ctx, ctx.t('ideas.notFound', { id }));
      return ideaSubcommand(ctx, idea, words[1]);
    }
    const parsed = await parseFilterWords(ctx, words);
    if (!parsed.ok) return replyHtml(ctx, ctx.t('ideas.list.badArg', { arg: parsed.arg }));
    const { text, keyboard } = await renderList(ctx, parsed.filters);
    await replyHtml(ctx, text, { ...keyboard, ...replyToAsker(ctx) });
  });

  composer.action(/^il:p:(\d{1,6}):([np])(\d{1,9}):([\w.-]{1,40})$/, async (ctx) => {
    if (!ownsView(ctx)) return answer(ctx, ctx.t('press.notYourView'), true);
    const filters = decodeFilters(ctx.match[4]!);
    if (!filters) return answer(ctx, ctx.t('guard.staleButton'), true);
    const cursor: ListCursor = { dir: ctx.match[2] === 'p' ? 'prev' : 'next', id: Number(ctx.match[3]) };
    let view = await renderList(ctx, filters, Number(ctx.match[1]), cursor);
    if (view.rows === 0) {
      // The ideas of that page were deleted meanwhile: start again from the top.
      await answer(ctx, ctx.t('ideas.list.stale'));
      view = await renderList(ctx, filters);
    } else await answer(ctx);
    await editHtml(ctx, view.text, view.keyboard);
  });

  composer.action(/^il:f:([\w.-]{1,40})$/, async (ctx) => {
    if (!ownsView(ctx)) return answer(ctx, ctx.t('press.notYourView'), true);
    const filters = decodeFilters(ctx.match[1]!);
    if (!filters) return answer(ctx, ctx.t('guard.staleButton'), true);
    await answer(ctx);
    const view = await renderList(ctx, filters);
    await editHtml(ctx, view.text, view.keyboard);
  });

  composer.action(/^il:k:([say]):([\w.-]{1,40})$/, async (ctx) => {
    if (!ownsView(ctx)) return answer(ctx, ctx.t('press.notYourView'), true);
    const filters = decodeFilters(ctx.match[2]!);
    if (!filters) return answer(ctx, ctx.t('guard.staleButton'), true);
    const kind = ctx.match[1] as 's' | 'a' | 'y';
    const options =
      kind === 's'
        ? stages.map((s, i) => ({ label: stageLabel(ctx.t, s), value: i }))
        : kind === 'a'
          ? (await agenciesWithIdeas(ctx.db)).map((a) => ({ label: a.shortName, value: a.id }))
          : (await ideaYears(ctx.db, ctx.deps.config.TZ_NAME)).map((y) => ({ label: String(y), value: y }));
    await answer(ctx, ctx.t(kind === 's' ? 'ideas.list.pick.stage' : kind === 'a' ? 'ideas.list.pick.agency' : 'ideas.list.pick.year'));
    try {
      await ctx.editMessageReplyMarkup(filterPicker(ctx.t, kind, filters, options).reply_markup);
    } catch (err) {
      if (!isMessageNotModified(err)) throw err;
    }
  });

  return composer;
}

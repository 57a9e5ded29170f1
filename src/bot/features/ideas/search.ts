import { Composer } from 'telegraf';
import { normaliseQuery, QUERY_MAX, searchIdeas, type SearchMode } from '../../../domain/ideas/search.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { searchKeyboard } from '../../keyboards/ideas.js';
import { ownsView, replyToAsker } from '../../middlewares/press-guard.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { renderListRow } from '../../views/ideas.js';

/** The search mode in a page button's data, so later pages stay in the same mode. */
const MODE_CODES = { fts: 'f', any: 'a', trigram: 't', words: 'w' } as const satisfies Record<SearchMode, string>;
const MODES_BY_CODE = Object.fromEntries(Object.entries(MODE_CODES).map(([mode, code]) => [code, mode])) as Record<string, SearchMode>;

async function renderSearch(ctx: BotContext, query: string, page: number, mode?: SearchMode) {
  const result = await searchIdeas(ctx.db, query, page, mode);
  if (result.rows.length === 0) {
    return { text: page === 1 ? ctx.t('ideas.search.none', { query }) : ctx.t('ideas.search.noMore'), keyboard: undefined };
  }
  const blocks: Html[] = [ctx.t('ideas.search.title', { query, page })];
  if (result.mode === 'trigram') blocks.push(ctx.t('ideas.search.fuzzy'));
  if (result.mode === 'any') blocks.push(ctx.t('ideas.search.anyWord'));
  if (result.mode === 'words') blocks.push(ctx.t('ideas.search.fuzzyText'));
  blocks.push(joinHtml(result.rows.map((r) => renderListRow(ctx.t, r)), '\n'));
  const m = MODE_CODES[result.mode];
  return { text: joinHtml(blocks, '\n\n'), keyboard: searchKeyboard(ctx.t, result.rows.map((r) => r.id), m, page, query, result.hasNext) };
}

export function searchFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, ideaSpec('cari'), async (ctx) => {
    const q = normaliseQuery(ctx.payload);
    if (!q.ok) return replyHtml(ctx, q.reason === 'too_long' ? ctx.t('ideas.search.tooLong', { max: QUERY_MAX }) : ctx.t('ideas.search.usage'));
    const view = await renderSearch(ctx, q.query, 1);
    await replyHtml(ctx, view.text, { ...view.keyboard, ...replyToAsker(ctx) });
  });

  composer.action(/^sr:([fatw]):(\d{1,4}):(.+)$/s, async (ctx) => {
    if (!ownsView(ctx)) return answer(ctx, ctx.t('press.notYourView'), true);
    const q = normaliseQuery(ctx.match[3]!);
    const page = Number(ctx.match[2]);
    if (!q.ok || page < 1) return answer(ctx, ctx.t('guard.staleButton'), true);
    await answer(ctx);
    const view = await renderSearch(ctx, q.query, page, MODES_BY_CODE[ctx.match[1]!]);
    await editHtml(ctx, view.text, view.keyboard);
  });

  return composer;
}

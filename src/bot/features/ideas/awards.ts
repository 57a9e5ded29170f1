import { Composer } from 'telegraf';
import { addAwardIn, awardText, parseAward } from '../../../domain/ideas/awards.js';
import { AWARD_MAX } from '../../../domain/ideas/fields.js';
import { yearIn } from '../../../i18n/format.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { ideaFromArg, nowOf } from './shared.js';

/** `/penghargaan N <tingkat> <teks>` (coordinators): a competition entry or result for an idea. */
export function awardsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, ideaSpec('penghargaan'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [first] = payload.split(/\s+/);
    const idea = await ideaFromArg(ctx, first || undefined, 'ideas.award.usage');
    if (!idea) return;
    const rest = payload.slice(first!.length).trim();
    if (!rest) return replyHtml(ctx, ctx.t('ideas.award.usage'));
    const now = nowOf(ctx);
    const parsed = parseAward(rest, yearIn(now, ctx.deps.config.TZ_NAME));
    if (!parsed.ok) {
      if (parsed.reason === 'level') return replyHtml(ctx, ctx.t('ideas.award.badLevel', { input: rest.split(/\s+/)[0]!.slice(0, 40) }));
      if (parsed.reason === 'too_long') return replyHtml(ctx, ctx.t('ideas.award.tooLong', { max: AWARD_MAX }));
      return replyHtml(ctx, ctx.t('ideas.award.usage'));
    }
    const recordedBy = ctx.member!.id;
    const { value: saved } = await once(ctx, 'idea.award', async (tx) => {
      const row = await addAwardIn(tx, idea.id, parsed.award, recordedBy, now);
      return row ? { year: row.year, level: row.level, competition: row.competition, result: row.result } : null;
    });
    if (!saved) return replyHtml(ctx, ctx.t('ideas.gone'));
    const line = ctx.t('ideas.card.award', { level: ctx.t(`ideas.awardLevel.${saved.level}`).toString(), result: awardText(saved) });
    await replyHtml(ctx, ctx.t('ideas.award.saved', { id: idea.id, name: idea.name, line }));
  });
  return composer;
}

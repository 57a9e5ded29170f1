import { Composer } from 'telegraf';
import { assignCoachIn, coachesOf, ideasCoachedBy, removeCoachIn, type AssignResult } from '../../../domain/coaching/coaches.js';
import { coachingReminderSettings } from '../../../config.js';
import { displayName, findMemberByHandle } from '../../../domain/members.js';
import { formatDateTime, formatShortDate } from '../../../i18n/format.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { openButtons } from '../../keyboards/ideas.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { ideaFromArg } from '../ideas/shared.js';
import { coachingSpec } from './commands.js';

const REMOVE = new Set(['hapus', 'remove', 'delete', 'lepas']);

type Outcome = { ok: true; ideaId: number; name: string; coach: string } | { ok: false; reason: Extract<AssignResult, { ok: false }>['reason'] };

function refusal(ctx: BotContext, reason: Extract<Outcome, { ok: false }>['reason'], ideaId: number, coach: string): Html {
  switch (reason) {
    case 'idea_not_found':
      return ctx.t('ideas.notFound', { id: ideaId });
    case 'not_registered':
      return ctx.t('coaching.refused.not_registered', { coach });
    case 'already':
      return ctx.t('coaching.refused.already', { coach, id: ideaId });
    case 'not_a_coach':
      return ctx.t('coaching.refused.not_a_coach', { coach, id: ideaId });
    default:
      return ctx.t(`coaching.refused.${reason}`);
  }
}

async function listCoaches(ctx: BotContext, idea: { id: number; name: string }): Promise<void> {
  const coaches = await coachesOf(ctx.db, idea.id);
  if (coaches.length === 0) return void (await replyHtml(ctx, ctx.t('coaching.list.empty', { id: idea.id })));
  const tz = ctx.deps.config.TZ_NAME;
  const lines = coaches.map((c) =>
    ctx.t('coaching.list.item', { name: c.name, date: formatShortDate(c.assignedAt, ctx.lang, tz), by: c.assignedByName ?? ctx.t('ideas.card.someone').toString() }),
  );
  await replyHtml(ctx, joinHtml([ctx.t('coaching.list.title', { id: idea.id, name: idea.name }), ...lines], '\n'));
}

/** `/pendamping N @user`, `/pendamping N hapus @user`, `/pendamping N` (coordinators; the guard and the domain both check). */
export function coachesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, coachingSpec('pendamping'), async (ctx) => {
    const args = words(ctx.payload);
    if (args.length === 0) return replyHtml(ctx, ctx.t('coaching.coach.usage'));
    const idea = await ideaFromArg(ctx, args[0], 'ideas.stage.usage');
    if (!idea) return;
    if (args.length === 1) return listCoaches(ctx, idea);
    const removing = REMOVE.has(args[1]!.toLowerCase());
    const handle = removing ? args[2] : args[1];
    if (!handle || args.length > (removing ? 3 : 2)) return replyHtml(ctx, ctx.t('coaching.coach.usage'));
    const target = await findMemberByHandle(ctx.db, handle);
    if (!target) return replyHtml(ctx, ctx.t('coaching.memberNotFound', { handle: handle.slice(0, 40) }));
    const actor = ctx.member!;
    const input = { ideaId: idea.id, coach: target, actor, at: ctx.deps.clock.now(), settings: coachingReminderSettings(ctx.deps.config) };
    const { value } = await once(ctx, removing ? 'coaching.remove' : 'coaching.assign', async (tx): Promise<Outcome> => {
      const r = removing ? await removeCoachIn(tx, input) : await assignCoachIn(tx, input);
      return r.ok ? { ok: true, ideaId: r.idea.id, name: r.idea.name, coach: displayName(r.coach) } : { ok: false, reason: r.reason };
    });
    if (!value.ok) return replyHtml(ctx, refusal(ctx, value.reason, idea.id, displayName(target)));
    ctx.deps.jobs?.wake();
    await replyHtml(ctx, ctx.t(removing ? 'coaching.removed' : 'coaching.assigned', { id: value.ideaId, name: value.name, coach: value.coach }));
  });

  onCommand(composer, coachingSpec('dampingan'), async (ctx) => {
    const list = await ideasCoachedBy(ctx.db, ctx.member!.id);
    if (list.length === 0) return replyHtml(ctx, ctx.t('coaching.mine.empty'));
    const tz = ctx.deps.config.TZ_NAME;
    const now = ctx.deps.clock.now();
    const lines = list.map((i) => {
      const item = ctx.t('coaching.mine.item', {
        id: i.id,
        name: i.name,
        agency: i.agencyShort,
        stage: ctx.t(`ideas.stage.${i.stage}`).toString(),
        last: i.lastNoteAt ? formatShortDate(i.lastNoteAt, ctx.lang, tz) : ctx.t('coaching.mine.never').toString(),
      });
      return i.nextAt && i.nextAt.getTime() > now.getTime() ? joinHtml([item, ctx.t('coaching.mine.next', { when: formatDateTime(i.nextAt, ctx.lang, tz) })], '') : item;
    });
    await replyHtml(ctx, joinHtml([ctx.t('coaching.mine.title', { count: list.length }), ...lines, '', ctx.t('coaching.mine.hint')], '\n'), {
      reply_markup: { inline_keyboard: openButtons(ctx.t, list.map((i) => i.id)) },
    });
  });

  return composer;
}

import { Composer } from 'telegraf';
import { clearIdeaForum, getIdeaForum, setIdeaForum } from '../../../domain/ideas/forum.js';
import { translator } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { isPrivate } from '../../middlewares/guards.js';
import { replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { ideaFromArg, nowOf } from './shared.js';
import { failureReason, openIdeaTopic } from '../../views/idea-topics.js';

const RELEASE = new Set(['lepas', 'off', 'hapus', 'stop']);

/** Whether the bot may create topics here (an admin with "Manage topics"). */
async function canManageTopics(ctx: BotContext, chatId: number): Promise<boolean> {
  try {
    const me = await ctx.telegram.getChatMember(chatId, ctx.botInfo.id);
    return me.status === 'creator' || (me.status === 'administrator' && me.can_manage_topics === true);
  } catch {
    return false;
  }
}

/**
 * `/forum_ide` in a forum supergroup makes it the ideas forum; `/forum_ide N` opens a topic for
 * an older idea (the coordinator hears at once whether it worked); `/forum_ide lepas` stops.
 */
export function forumFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, ideaSpec('forum_ide'), async (ctx) => {
    const arg = ctx.payload.trim().split(/\s+/)[0] ?? '';
    if (RELEASE.has(arg.toLowerCase())) {
      await clearIdeaForum(ctx.db);
      return replyHtml(ctx, ctx.t('ideas.forum.cleared'));
    }
    if (!arg) {
      if (isPrivate(ctx)) return replyHtml(ctx, ctx.t('ideas.forum.usage'));
      const chat = ctx.chat!;
      if (chat.type !== 'supergroup' || !chat.is_forum) return replyHtml(ctx, ctx.t('ideas.forum.notForum'));
      await setIdeaForum(ctx.db, chat.id, ctx.member!.id, nowOf(ctx));
      await replyHtml(ctx, ctx.t('ideas.forum.set'));
      if (!(await canManageTopics(ctx, chat.id))) await replyHtml(ctx, ctx.t('ideas.forum.needRights'));
      return;
    }
    const forum = await getIdeaForum(ctx.db);
    if (!forum) return replyHtml(ctx, ctx.t('ideas.forum.notSet'));
    const idea = await ideaFromArg(ctx, arg, 'ideas.edit.usage');
    if (!idea) return;
    if (idea.topicChatId === forum.chatId && idea.topicThreadId) return replyHtml(ctx, ctx.t('ideas.forum.topicExists', { id: idea.id }));
    const { config } = ctx.deps;
    const outcome = await openIdeaTopic(
      { sender: ctx.deps.sender, db: ctx.db, logger: ctx.log },
      { t: translator(config.DEFAULT_LANGUAGE), lang: config.DEFAULT_LANGUAGE, timeZone: config.TZ_NAME },
      idea.id,
      forum.chatId,
    );
    if (outcome.ok) return replyHtml(ctx, ctx.t(outcome.created ? 'ideas.forum.topicCreated' : 'ideas.forum.topicExists', { id: idea.id, name: idea.name }));
    if (outcome.reason === 'gone') return replyHtml(ctx, ctx.t('ideas.gone'));
    await replyHtml(ctx, ctx.t('ideas.forum.topicFailed', { id: idea.id, name: idea.name, reason: failureReason(ctx.t, outcome.reason, outcome.description) }));
  });
  return composer;
}

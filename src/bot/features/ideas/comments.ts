import { Composer } from 'telegraf';
import type { Conversation, Idea } from '../../../db/schema/index.js';
import { endConversation, startConversation } from '../../../domain/conversations.js';
import { addCommentIn, findIdeaByTopic, latestComments } from '../../../domain/ideas/comments.js';
import { checkText, TEXT_MAX } from '../../../domain/ideas/fields.js';
import { formatShortDate } from '../../../i18n/format.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { once } from '../../once.js';
import { isPrivate } from '../../middlewares/guards.js';
import { isRegistered } from '../../../domain/permissions.js';
import { replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { ideaFromArg, keyOf, nowOf } from './shared.js';

const COMMENT_KIND = 'idea_comment';
const COMMENTS_SHOWN = 10;

export async function sendComments(ctx: BotContext, idea: Idea): Promise<void> {
  const comments = await latestComments(ctx.db, idea.id, COMMENTS_SHOWN);
  const blocks: Html[] = [ctx.t('ideas.comment.list.title', { id: idea.id, name: idea.name, count: idea.commentCount })];
  if (comments.length === 0) blocks.push(ctx.t('ideas.comment.list.empty', { id: idea.id }));
  for (const c of comments) {
    blocks.push(ctx.t('ideas.comment.list.item', { author: c.authorName, date: formatShortDate(c.at, ctx.lang, ctx.deps.config.TZ_NAME), text: c.text }));
  }
  if (idea.commentCount > comments.length && comments.length > 0) {
    blocks.push(ctx.t('ideas.comment.list.more', { shown: comments.length, total: idea.commentCount }));
  }
  await replyHtml(ctx, joinHtml(blocks, '\n\n'));
}

export async function askComment(ctx: BotContext, idea: Idea): Promise<void> {
  await startConversation(ctx.db, keyOf(ctx), COMMENT_KIND, 'text', { ideaId: idea.id });
  await replyHtml(ctx, ctx.t('ideas.comment.ask', { id: idea.id, name: idea.name }));
}

/** Saves a comment from a command or the dialog; false (with the reason told) when it cannot. */
async function saveComment(ctx: BotContext, ideaId: number, raw: string): Promise<boolean> {
  const check = checkText(raw, TEXT_MAX);
  if (!check.ok) {
    await replyHtml(ctx, check.reason === 'too_short' ? ctx.t('ideas.comment.usage') : ctx.t('ideas.comment.tooLong', { max: check.max, length: check.length }));
    return false;
  }
  const authorId = ctx.member!.id;
  const { value: saved } = await once(ctx, 'idea.comment', async (tx) => (await addCommentIn(tx, { ideaId, authorId, text: check.value, at: nowOf(ctx) })) ?? null);
  if (!saved) {
    await replyHtml(ctx, ctx.t('ideas.gone'));
    return true;
  }
  await replyHtml(ctx, ctx.t('ideas.comment.saved', { id: ideaId, count: saved.count }));
  return true;
}

async function onCommentText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const ideaId = Number(conversation.data.ideaId);
  if (!ctx.member || !Number.isSafeInteger(ideaId)) {
    await endConversation(ctx.db, keyOf(ctx));
    return;
  }
  // A rejected text (too long) keeps the dialog open for a shorter try.
  if (await saveComment(ctx, ideaId, text)) await endConversation(ctx.db, keyOf(ctx));
}

/**
 * Messages members write in an idea's forum topic are that idea's comments (author and time
 * kept). Only topics of ideas are looked at, by an indexed lookup; commands are left alone.
 */
function topicComments(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const toldToRegister = new Set<number>();
  composer.on('message', async (ctx, next) => {
    const msg = ctx.message;
    const threadId = 'message_thread_id' in msg ? msg.message_thread_id : undefined;
    const isTopic = 'is_topic_message' in msg && msg.is_topic_message === true;
    const text = 'text' in msg ? msg.text : 'caption' in msg ? msg.caption : undefined;
    if (ctx.chat.type !== 'supergroup' || !isTopic || threadId === undefined || !text || text.startsWith('/') || !ctx.member) return next();
    const idea = await findIdeaByTopic(ctx.db, ctx.chat.id, threadId);
    if (!idea) return next();
    const reply = { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } };
    // The same rule as /komentar: comments come from registered members (told once, then silence).
    const memberId = ctx.member.id;
    if (!isRegistered(ctx.member)) {
      if (toldToRegister.has(memberId)) return;
      if (toldToRegister.size >= 10_000) toldToRegister.clear();
      toldToRegister.add(memberId);
      return void (await replyHtml(ctx, ctx.t('comment.registerFirst'), reply));
    }
    const check = checkText(text, TEXT_MAX);
    // Longer than a comment may be: not cut silently; the member hears why it was not kept (the
    // message itself stays in the topic).
    if (!check.ok) {
      if (check.reason === 'too_short') return;
      return void (await replyHtml(ctx, ctx.t('ideas.comment.tooLong', { max: check.max, length: check.length }), reply));
    }
    const authorId = ctx.member.id;
    await once(ctx, 'idea.comment', async (tx) => (await addCommentIn(tx, { ideaId: idea.id, authorId, text: check.value, telegramMessageId: msg.message_id, at: nowOf(ctx) })) ?? null);
  });
  return composer;
}

export function commentsFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(COMMENT_KIND, onCommentText);
  composer.use(topicComments());

  onCommand(composer, ideaSpec('komentar'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [first] = payload.split(/\s+/);
    const idea = await ideaFromArg(ctx, first || undefined, 'ideas.comment.usage');
    if (!idea) return;
    const text = payload.slice((first ?? '').length).trim();
    if (!text) {
      if (isPrivate(ctx)) return askComment(ctx, idea);
      return replyHtml(ctx, ctx.t('ideas.comment.usage'));
    }
    await saveComment(ctx, idea.id, text);
  });

  return composer;
}

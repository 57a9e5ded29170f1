import { Composer } from 'telegraf';
import { markChatInactive } from '../../../domain/chats.js';
import { linkChat, listLinkedChats, unlinkChat } from '../../../domain/sessions/links.js';
import { joinHtml } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { replyHtml } from '../../reply.js';
import { sessionSpec } from './commands.js';

const PRESENT = new Set(['member', 'administrator', 'creator']);

/** Asks Telegram whether the bot is still in the chat; a network hiccup falls back to what we know. */
async function stillThere(ctx: BotContext, chatId: number, known: boolean): Promise<boolean> {
  try {
    const me = await ctx.telegram.getChatMember(chatId, ctx.botInfo.id);
    return PRESENT.has(me.status);
  } catch (err) {
    const code = (err as { code?: number }).code;
    return code === 400 || code === 403 ? false : known;
  }
}

function topicOf(ctx: BotContext): number | null {
  const message = ctx.message;
  return message && 'is_topic_message' in message && message.is_topic_message && message.message_thread_id !== undefined
    ? message.message_thread_id
    : null;
}

export function linksFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, sessionSpec('hubungkan'), async (ctx) => {
    const threadId = topicOf(ctx);
    const result = await linkChat(ctx.db, { chatId: ctx.chat!.id, threadId }, ctx.member!.id);
    if (result.status === 'unchanged') return replyHtml(ctx, ctx.t('sess.link.already'));
    if (result.status === 'moved') return replyHtml(ctx, ctx.t('sess.link.moved'));
    return replyHtml(ctx, ctx.t(threadId !== null ? 'sess.link.linkedTopic' : 'sess.link.linked'));
  });

  onCommand(composer, sessionSpec('putuskan'), async (ctx) => {
    const removed = await unlinkChat(ctx.db, ctx.chat!.id);
    await replyHtml(ctx, ctx.t(removed ? 'sess.unlink.done' : 'sess.unlink.notLinked'));
  });

  onCommand(composer, sessionSpec('grup'), async (ctx) => {
    const linked = await listLinkedChats(ctx.db);
    if (linked.length === 0) return replyHtml(ctx, ctx.t('sess.groups.none'));
    const lines = [];
    for (const chat of linked) {
      const reachable = await stillThere(ctx, chat.chatId, chat.active);
      if (!reachable && chat.active) await markChatInactive(ctx.db, chat.chatId);
      lines.push(ctx.t('sess.groups.line', { title: chat.title ?? String(chat.chatId), topic: chat.threadId, reachable }));
    }
    await replyHtml(ctx, joinHtml([ctx.t('sess.groups.title', { count: linked.length }), joinHtml(lines, '\n')], '\n\n'));
  });

  return composer;
}

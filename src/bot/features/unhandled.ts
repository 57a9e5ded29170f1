import { Composer } from 'telegraf';
import { conversationForUpdate } from '../../domain/conversations.js';
import { isRerun } from '../../telegram/intake/reruns.js';
import type { BotContext } from '../context.js';
import { answer, replyHtml } from '../reply.js';

/**
 * Registered after every feature: plain text goes to an open conversation if there is one;
 * otherwise private chats get a hint and groups are left alone. Unanswered button presses are
 * answered, since Telegram keeps a spinner on the button until they are.
 */
export function conversationsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith('/') || !ctx.from) return next();
    const conversation = await conversationForUpdate(ctx.db, { chatId: ctx.chat.id, userId: ctx.from.id }, ctx.update.update_id, isRerun(ctx.update));
    const handler = conversation && ctx.registries.conversations.handlerFor(conversation.kind);
    if (!conversation || !handler) return next();
    await handler(ctx, conversation, text);
  });
  return composer;
}

export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', async (ctx) => {
    await answer(ctx, ctx.t('guard.staleButton'));
  });
  composer.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const text = 'text' in ctx.message ? ctx.message.text : '';
    // A command for another bot (/cmd@OtherBot) is not ours to answer.
    const addressee = /^\/[^\s@]+@(\S+)/.exec(text)?.[1];
    if (addressee && addressee.toLowerCase() !== ctx.me.toLowerCase()) return;
    await replyHtml(ctx, ctx.t('unhandled.private'));
  });
  return composer;
}

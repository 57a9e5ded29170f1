import type { MiddlewareFn } from 'telegraf';
import { upsertChat } from '../../domain/chats.js';
import type { BotContext } from '../context.js';

/**
 * Records group chats the bot hears from, once per process, so a group the bot joined
 * while it was down (missed my_chat_member) is still known.
 */
export function trackChats(): MiddlewareFn<BotContext> {
  const seen = new Set<number>();
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (chat && chat.type !== 'private' && !seen.has(chat.id) && !ctx.myChatMember) {
      await upsertChat(ctx.db, {
        id: chat.id,
        type: chat.type,
        title: 'title' in chat ? chat.title : undefined,
        is_forum: 'is_forum' in chat ? chat.is_forum : undefined,
      });
      if (seen.size > 50_000) seen.clear();
      seen.add(chat.id);
    }
    return next();
  };
}

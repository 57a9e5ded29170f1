import { Composer } from 'telegraf';
import { markChatInactive, upsertChat } from '../../domain/chats.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

/** Keeps the chats table in step with the groups the bot is in. */
export function groupsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', async (ctx) => {
    const update = ctx.myChatMember;
    const chat = update.chat;
    if (chat.type === 'private') return;
    const status = update.new_chat_member.status;
    const present = status === 'member' || status === 'administrator';
    const wasPresent = update.old_chat_member.status === 'member' || update.old_chat_member.status === 'administrator';
    if (!present) {
      await markChatInactive(ctx.db, chat.id);
      return;
    }
    await upsertChat(ctx.db, {
      id: chat.id,
      type: chat.type,
      title: 'title' in chat ? chat.title : undefined,
      is_forum: 'is_forum' in chat ? chat.is_forum : undefined,
    });
    if (!wasPresent && chat.type !== 'channel') await replyHtml(ctx, ctx.t('group.hello'));
  });
  return composer;
}

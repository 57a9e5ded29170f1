import type { Update } from 'telegraf/types';

/** Updates of one chat run in order; different chats run side by side. */
export function orderingKey(update: Update): string {
  const u = update as unknown as Record<string, { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } } | undefined>;
  for (const field of ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'my_chat_member', 'chat_member', 'chat_join_request']) {
    const chatId = u[field]?.chat?.id;
    if (chatId !== undefined) return `c${chatId}`;
  }
  const callback = u.callback_query;
  if (callback?.message?.chat?.id !== undefined) return `c${callback.message.chat.id}`;
  for (const value of Object.values(u)) {
    if (value && typeof value === 'object' && value.from?.id !== undefined) return `u${value.from.id}`;
  }
  return `x${update.update_id}`;
}

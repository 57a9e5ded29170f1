/**
 * Bot API method handlers by name. Each takes the parsed payload and returns the `result`, or
 * throws ApiError.
 */
import { deleteMyCommands, getMe, getMyCommands, setMyCommands } from './bot-profile.js';
import { answerCallbackQuery } from './callbacks.js';
import { closeForumTopic, createForumTopic, deleteForumTopic, editForumTopic, getChat, getChatAdministrators, getChatMember, getChatMemberCount, leaveChat, reopenForumTopic } from './chats.js';
import { writableChat } from './checks.js';
import type { Handler } from './context.js';
import { getFile } from './files.js';
import { copyOrForward, deleteMessage, deleteMessages, editMessageCaption, editMessageReplyMarkup, editMessageText, pinChatMessage, sendChatAction, sendDocument, sendMessage, sendPhoto } from './messages.js';
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from './updates.js';

const alwaysTrue: Handler = () => true;

export const METHODS: Record<string, Handler> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage,
  sendDocument,
  sendPhoto,
  copyMessage: (ctx, p) => ({ message_id: copyOrForward(ctx, p, 'copy').message_id }),
  forwardMessage: (ctx, p) => ctx.state.messageObject(copyOrForward(ctx, p, 'forward')),
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  deleteMessages,
  answerCallbackQuery,
  sendChatAction,
  setMyCommands,
  deleteMyCommands,
  getMyCommands,
  getChat,
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  createForumTopic,
  editForumTopic,
  closeForumTopic,
  reopenForumTopic,
  deleteForumTopic,
  getFile,
  pinChatMessage,
  unpinChatMessage: (ctx, p) => (writableChat(ctx, p), true),
  unpinAllChatMessages: (ctx, p) => (writableChat(ctx, p), true),
  leaveChat,
  setMessageReaction: (ctx, p) => (writableChat(ctx, p), true),
  setMyDescription: alwaysTrue,
  setMyShortDescription: alwaysTrue,
  setMyName: alwaysTrue,
  setChatMenuButton: alwaysTrue,
  getMyDescription: () => ({ description: '' }),
  getMyShortDescription: () => ({ short_description: '' }),
  getMyName: (ctx) => ({ name: ctx.state.bot.first_name }),
  getChatMenuButton: () => ({ type: 'default' }),
  logOut: alwaysTrue,
  close: alwaysTrue,
};

/** Case-insensitive lookup (Telegram accepts any case). */
export const METHOD_BY_LOWER: Map<string, string> = new Map(Object.keys(METHODS).map((m) => [m.toLowerCase(), m]));

import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../context.js';
import { answer } from '../reply.js';

interface PressedMessage {
  date?: number;
  chat?: { type?: string };
  reply_markup?: { inline_keyboard?: Array<Array<{ callback_data?: string }>> };
  reply_to_message?: { from?: { id?: number } };
}

/**
 * Whether `data` is one of the inline buttons of the message the press came from. Telegram sends the
 * message as it is now with every press, so data that is not on its keyboard was forged (or the
 * keyboard changed since: a stale press, refused the same way).
 */
export function isOnKeyboard(message: PressedMessage | undefined, data: string): boolean {
  const rows = message?.reply_markup?.inline_keyboard;
  if (!Array.isArray(rows)) return false;
  return rows.some((row) => Array.isArray(row) && row.some((b) => b?.callback_data === data));
}

/**
 * One gate for every button press, before any feature sees it:
 * - the data must be among the buttons of the message it came from;
 * - a press on an inaccessible message (Telegram's InaccessibleMessage, `date` 0: deleted or too old
 *   for the bot to see) cannot be checked and is refused; the member sends the command again;
 * - a press without a message (inline mode, which this bot does not offer) or without data (games)
 *   is refused.
 * The refusal is a short alert; nothing is changed. Features still check permissions themselves.
 */
export function pressGuard(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const cq = ctx.callbackQuery;
    if (!cq) return next();
    const data = 'data' in cq && typeof cq.data === 'string' ? cq.data : undefined;
    const message = cq.message as PressedMessage | undefined;
    const accessible = message !== undefined && message.date !== 0;
    if (data !== undefined && accessible && isOnKeyboard(message, data)) return next();
    ctx.log.info({ reason: data === undefined ? 'no data' : !message ? 'no message' : !accessible ? 'inaccessible message' : 'not on keyboard' }, 'button press refused');
    await answer(ctx, ctx.t('press.forged'), true);
  };
}

/**
 * A view someone asked for in a group (a list, search results, the language picker) replies to their
 * command; only that person may page or change it. In a private chat the view is the member's own.
 */
export function ownsView(ctx: BotContext): boolean {
  const message = ctx.callbackQuery?.message as PressedMessage | undefined;
  if (!message || message.chat?.type === 'private') return true;
  const askedBy = message.reply_to_message?.from?.id;
  return askedBy !== undefined && askedBy === ctx.from?.id;
}

/** Reply options that tie a view to the command that asked for it (see ownsView). */
export function replyToAsker(ctx: BotContext): { reply_parameters?: { message_id: number; allow_sending_without_reply: true } } {
  if (ctx.chat?.type === 'private' || !ctx.message) return {};
  return { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } };
}

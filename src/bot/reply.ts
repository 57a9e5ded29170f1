import type { Types } from 'telegraf';
import type { Message } from 'telegraf/types';
import { stripTags, type Html } from '../i18n/index.js';
import type { BotContext } from './context.js';

/** Replies in the same chat (and forum topic) with HTML; link previews off, as forum links are noise. */
export function replyHtml(ctx: BotContext, text: Html, extra: Types.ExtraReplyMessage = {}): Promise<Message.TextMessage> {
  return ctx.reply(text.toString(), { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra });
}

/** Answers a button press; every callback query must be answered, even with nothing. */
export async function answer(ctx: BotContext, text?: Html | string, alert = false): Promise<void> {
  if (!ctx.callbackQuery) return;
  try {
    await ctx.answerCbQuery(text === undefined ? undefined : stripTags(text.toString()), { show_alert: alert });
  } catch (err) {
    // A press re-run after a restart (or held up by a Telegram outage) was answered before or has
    // expired; the spinner is long gone, so the handler carries on with its real work.
    if (!/query is too old|query ID is invalid/i.test(String((err as { description?: string }).description ?? ''))) throw err;
    ctx.log?.debug({ update_id: ctx.update.update_id }, 'callback query already answered or expired');
  }
}

/** Edits the message the pressed button belongs to, ignoring "message is not modified". */
export async function editHtml(ctx: BotContext, text: Html, extra: Parameters<BotContext['editMessageText']>[1] = {}): Promise<void> {
  try {
    await ctx.editMessageText(text.toString(), { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra });
  } catch (err) {
    const description = String((err as { description?: string }).description ?? '');
    if (/message is not modified/.test(description)) return;
    // The pressed message cannot carry text (a file, a forged press, one deleted meanwhile):
    // the answer still reaches the member, as a new message.
    if (/no text in the message to edit|message to edit not found|message can't be edited/.test(description)) {
      const markup = (extra as { reply_markup?: Types.ExtraReplyMessage['reply_markup'] }).reply_markup;
      await replyHtml(ctx, text, markup ? { reply_markup: markup } : {});
      return;
    }
    throw err;
  }
}

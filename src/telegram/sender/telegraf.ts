/**
 * The one place the sender plugs into telegraf.
 *
 * Telegraf 4 builds a fresh Telegram client for every update (Telegraf.handleUpdate:
 * `new Telegram(token, bot.telegram.options, webhookResponse)`), so wrapping bot.telegram alone
 * would miss every reply a handler makes. Instead the bot gets one SenderTelegram, whose callApi
 * (the method every telegraf call ends in) goes through the sender, and every update's context
 * gets that same instance through `bot.context`, which telegraf copies onto each new context.
 * The per-update client is then never used: we answer nothing in webhook responses
 * (webhookReply is off), the only thing it carries beyond bot.telegram.
 */
import { Telegram, type Context, type Telegraf } from 'telegraf';
import type { Opts, Telegram as BotApi } from 'telegraf/types';
import type { Sender } from './sender.js';

/** A Telegram client whose every call goes through a Sender (limits, lanes, retries, 403s, long texts). */
export class SenderTelegram extends Telegram {
  readonly #sender: Sender;

  constructor(sender: Sender, token: string, options?: Partial<Telegram['options']>) {
    super(token, options);
    this.#sender = sender;
  }

  override callApi<M extends keyof BotApi>(method: M, payload: Opts<M>, opts?: { signal?: unknown }): Promise<ReturnType<BotApi[M]>> {
    return this.#sender.call(method, payload, opts?.signal as AbortSignal | undefined);
  }
}

/** Routes every Bot API call of `bot` (bot.telegram and every ctx.telegram) through `sender`. */
export function sendThrough<C extends Context>(bot: Telegraf<C>, sender: Sender): SenderTelegram {
  const telegram = new SenderTelegram(sender, bot.telegram.token, bot.telegram.options);
  bot.telegram = telegram;
  Object.assign(bot.context, { telegram });
  return telegram;
}

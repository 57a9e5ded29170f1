import { Telegraf } from 'telegraf';

/**
 * The yardstick for scenario 1: a bare telegraf bot on its own polling, answering every text
 * with a message and every button press with an answer. No database, no logic.
 */
const token = process.env.TELEGRAM_BOT_TOKEN!;
const bot = new Telegraf(token, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT!, webhookReply: false } });
bot.on('callback_query', (ctx) => ctx.answerCbQuery('ok'));
bot.on('message', (ctx) => ctx.reply('text' in ctx.message ? ctx.message.text.slice(0, 100) || 'ok' : 'ok'));
void bot.launch({ dropPendingUpdates: false }, () => console.log('bot started'));
const stop = () => {
  bot.stop('signal');
  setTimeout(() => process.exit(0), 200);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

import { Telegraf } from 'telegraf';

/**
 * The yardstick for scenarios 1 and 2: a bare telegraf bot on its own polling, answering every
 * text with a message and every button press with an answer. No database, no logic. With
 * ECHO_SLOW_PREFIX set, texts starting with it are answered only after ECHO_SLOW_MS (a handler
 * waiting on something slow, as a model call would).
 */
const token = process.env.TELEGRAM_BOT_TOKEN!;
const slowPrefix = process.env.ECHO_SLOW_PREFIX;
const slowMs = Number(process.env.ECHO_SLOW_MS ?? 0);
const bot = new Telegraf(token, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT!, webhookReply: false } });
bot.on('callback_query', (ctx) => ctx.answerCbQuery('ok'));
bot.on('message', async (ctx) => {
  const text = 'text' in ctx.message ? ctx.message.text : '';
  if (slowPrefix && text.startsWith(slowPrefix)) await new Promise((r) => setTimeout(r, slowMs));
  await ctx.reply(text.slice(0, 100) || 'ok');
});
void bot.launch({ dropPendingUpdates: false }, () => console.log('bot started'));
const stop = () => {
  bot.stop('signal');
  setTimeout(() => process.exit(0), 200);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

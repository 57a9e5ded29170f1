import type { MiddlewareFn } from 'telegraf';
import type { BotContext, BotDeps, BotRegistries } from '../context.js';

/**
 * First middleware: the context carries the dependencies and a logger bound to this update.
 * (Every call a handler makes goes through the sender: see sendThrough in createBot.)
 */
export function setup(deps: BotDeps, registries: BotRegistries): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    // Channel posts and other updates without a person behind them are not for this bot.
    if (!ctx.from) return;
    ctx.deps = deps;
    ctx.registries = registries;
    ctx.db = deps.database.db;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id });
    return next();
  };
}

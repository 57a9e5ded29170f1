import type { MiddlewareFn } from 'telegraf';
import { languageFor, touchMember } from '../../domain/members.js';
import { translator } from '../../i18n/index.js';
import { takePrefetchedMember } from '../../telegram/intake/prefetched.js';
import type { BotContext } from '../context.js';

/**
 * Loads (or creates) the member behind the update and picks the language to answer in. The intake
 * may have read the row already, with the journal insert of the update's batch (intake/prefetched.ts).
 */
export function loadMember(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    const { config } = ctx.deps;
    ctx.member = null;
    if (from && !from.is_bot) {
      const known = takePrefetchedMember(ctx.update);
      ctx.member = await touchMember(ctx.db, from, config.ADMIN_TELEGRAM_IDS.includes(from.id), known);
    }
    ctx.lang = languageFor(ctx.member, from?.language_code, config.DEFAULT_LANGUAGE);
    ctx.t = translator(ctx.lang);
    return next();
  };
}

import type { BotContext } from './context.js';
import { changeCommitted } from './once.js';
import { stripTags, translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { RetryUpdateLater } from '../telegram/intake/reruns.js';
import { isTransientTelegramError } from '../telegram/sender/errors.js';

/** Errors that mean "the database is unreachable right now" rather than a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  const codes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001', '08003'];
  if (typeof e.code === 'string' && codes.includes(e.code)) return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}

/** Only a code and a class name: error messages can carry request URLs with the token in them. */
export function describeError(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: unknown; description?: unknown; message?: unknown; stack?: unknown };
  return { type: e?.name, code: e?.code, description: e?.description, message: withoutParams(e?.message), stack: withoutParams(e?.stack) };
}

/** drizzle's "Failed query: … params: …" carries what members wrote: the values stay out of logs. */
function withoutParams(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/\nparams: [^\n]*/g, '\nparams: <omitted>') : text;
}

/**
 * A handler that throws never stops the bot: the error is logged with the update id and the
 * user gets a short apology (or "try again shortly" while the database is away).
 */
export async function handleBotError(err: unknown, ctx: BotContext, logger: Logger): Promise<void> {
  const log = ctx.log ?? logger.child({ update_id: ctx.update.update_id });
  const unavailable = isDatabaseUnavailable(err);
  // Telegram away even after the sender's retries: no reply (nor apology) can go out now. The update
  // stays unfinished and runs again later; its data changes are made once (see bot/once.ts).
  if (!unavailable && isTransientTelegramError(err)) {
    log.warn({ err: describeError(err) }, 'update handler could not reach Telegram');
    throw new RetryUpdateLater('telegram', { cause: err });
  }
  // The change was saved, then the database went away before the answer: finish it later rather
  // than ask for it again.
  if (unavailable && changeCommitted(ctx)) {
    log.warn({ err: describeError(err) }, 'database unreachable after the change was saved');
    throw new RetryUpdateLater('database', { cause: err });
  }
  log.error({ err: describeError(err), databaseUnavailable: unavailable }, 'update handler failed');
  const t = ctx.t ?? translator(ctx.deps?.config.DEFAULT_LANGUAGE ?? 'id');
  const text = t(unavailable ? 'error.busy' : 'error.generic').toString();
  try {
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(stripTags(text), { show_alert: true });
    } else if (ctx.chat && (ctx.chat.type === 'private' || ctx.message)) {
      await ctx.reply(text, { parse_mode: 'HTML' });
    }
  } catch (replyErr) {
    log.warn({ err: describeError(replyErr) }, 'could not deliver the apology');
  }
}

import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

interface Allowance {
  tokens: number;
  at: number;
  /** Told to slow down since the last command that went through. */
  warned: boolean;
}

const MAX_TRACKED = 20_000;

function isCommand(ctx: BotContext): boolean {
  const message = ctx.message as { text?: string } | undefined;
  return typeof message?.text === 'string' && message.text.startsWith('/');
}

/**
 * Commands per member: a burst of COMMAND_BURST, refilled at COMMAND_RATE_PER_MIN. Past that the
 * member gets one clear, polite answer, then silence until the allowance refills; the commands
 * are not run. Other messages (dialog answers) and button presses are not counted.
 */
export function throttleCommands(): MiddlewareFn<BotContext> {
  const allowances = new Map<number, Allowance>();
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || !isCommand(ctx)) return next();
    const { COMMAND_BURST: burst, COMMAND_RATE_PER_MIN: perMin } = ctx.deps.config;
    const now = ctx.deps.clock.now().getTime();
    let a = allowances.get(userId);
    if (!a) {
      if (allowances.size >= MAX_TRACKED) {
        // Forget the members whose allowance is full again: they lose nothing.
        for (const [id, x] of allowances) if (x.tokens + ((now - x.at) * perMin) / 60_000 >= burst) allowances.delete(id);
        if (allowances.size >= MAX_TRACKED) allowances.clear();
      }
      a = { tokens: burst, at: now, warned: false };
      allowances.set(userId, a);
    }
    a.tokens = Math.min(burst, a.tokens + (Math.max(0, now - a.at) * perMin) / 60_000);
    a.at = now;
    if (a.tokens >= 1) {
      a.tokens -= 1;
      a.warned = false;
      return next();
    }
    if (a.warned) return;
    a.warned = true;
    ctx.log.info({ user_id: userId }, 'commands throttled');
    await replyHtml(ctx, ctx.t('flood.slowDown'));
  };
}

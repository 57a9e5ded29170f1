import type { MiddlewareFn } from 'telegraf';
import type { Role } from '../../db/schema/index.js';
import { listCoordinators } from '../../domain/members.js';
import { hasRole, isRegistered } from '../../domain/permissions.js';
import type { Html } from '../../i18n/index.js';
import { deepLink } from '../deep-links.js';
import type { BotContext } from '../context.js';
import { answer, replyHtml } from '../reply.js';

/** Refuses politely and stops the chain. Works for commands and button presses alike. */
async function refuse(ctx: BotContext, text: ReturnType<BotContext['t']>): Promise<void> {
  if (ctx.callbackQuery) await answer(ctx, text, true);
  else await replyHtml(ctx, text);
}

export function isPrivate(ctx: BotContext): boolean {
  return ctx.chat?.type === 'private';
}

export async function ensureRegistered(ctx: BotContext): Promise<boolean> {
  if (isRegistered(ctx.member)) return true;
  const text = isPrivate(ctx)
    ? ctx.t('reg.required')
    : ctx.t('reg.requiredLink', { link: deepLink(ctx.me, 'daftar') });
  await refuse(ctx, text);
  return false;
}

/** "Coordinators only", naming the coordinators to ask (with their @username when known). */
export async function coordinatorOnlyText(ctx: BotContext): Promise<Html> {
  const who = await listCoordinators(ctx.db);
  if (who.length === 0) return ctx.t('guard.coordinatorOnly');
  const names = who.map((c) => (c.username ? `${c.name} (@${c.username})` : c.name)).join(', ');
  return ctx.t('guard.coordinatorOnlyAsk', { names });
}

export async function ensureRole(ctx: BotContext, role: Role): Promise<boolean> {
  if (hasRole(ctx.member, role)) return true;
  await refuse(ctx, role === 'admin' ? ctx.t('guard.adminOnly') : await coordinatorOnlyText(ctx));
  return false;
}

export const requireRegistered: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (await ensureRegistered(ctx)) return next();
};

export const requireRole =
  (role: Role): MiddlewareFn<BotContext> =>
  async (ctx, next) => {
    if (await ensureRole(ctx, role)) return next();
  };

export const privateOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (isPrivate(ctx)) return next();
  await refuse(ctx, ctx.t('guard.privateOnly'));
};

export const groupOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.chat && ctx.chat.type !== 'private') return next();
  await refuse(ctx, ctx.t('guard.groupOnly'));
};

import { Composer } from 'telegraf';
import { isRegistered } from '../../domain/permissions.js';
import { displayName } from '../../domain/members.js';
import { html } from '../../i18n/index.js';
import { onCommand } from '../command.js';
import { coreCommands } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec = coreCommands.find((c) => c.id === 'start')!;

export function startFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    const payload = ctx.payload.trim();
    if (payload) {
      const handled = await ctx.registries.deepLinks.dispatch(ctx, payload);
      if (!handled) await replyHtml(ctx, ctx.t('start.unknownLink'));
      return;
    }
    const name = ctx.member ? displayName(ctx.member) : (ctx.from?.first_name ?? '');
    const hint = isRegistered(ctx.member) ? ctx.t('start.registeredHint') : ctx.t('start.registerHint');
    await replyHtml(ctx, html`${ctx.t('start.welcome', { name })}\n\n${hint}`);
  });
  return composer;
}

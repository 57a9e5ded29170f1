import { Composer } from 'telegraf';
import { isRegistered } from '../../domain/permissions.js';
import { displayName } from '../../domain/members.js';
import { html } from '../../i18n/index.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'start', en: 'start', audience: 'anyone', where: 'private', description: 'cmd.start', helpOnly: true };
/** Gathered by the bot's command registry (help, the command menu). */
export const startCommands: CommandSpec[] = [spec];

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

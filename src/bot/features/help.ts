import { Composer } from 'telegraf';
import type { Role } from '../../db/schema/index.js';
import { hasRole, isRegistered } from '../../domain/permissions.js';
import { html, joinHtml, type Html } from '../../i18n/index.js';
import { onCommand } from '../command.js';
import { commandSpecs, coreCommands, type Audience } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec = coreCommands.find((c) => c.id === 'bantuan')!;
const sections: Audience[] = ['anyone', 'member', 'coordinator', 'admin'];

/** Lists only the commands this member may use, in their language's names. */
export function renderHelp(ctx: BotContext): Html {
  const registered = isRegistered(ctx.member);
  const visible = (audience: Audience) =>
    audience === 'anyone' || (audience === 'member' ? registered : hasRole(ctx.member, audience as Role));
  const blocks: Html[] = [ctx.t('help.title')];
  if (ctx.member) blocks.push(ctx.t('help.roleLine', { role: ctx.t(`role.${ctx.member.role}`).toString() }));
  for (const audience of sections) {
    if (!visible(audience)) continue;
    const lines = commandSpecs
      .filter((c) => c.audience === audience && c.id !== 'start')
      .map((c) => html`/${ctx.lang === 'en' ? c.en : c.id} — ${ctx.t(c.description)}`);
    if (lines.length) blocks.push(joinHtml([ctx.t(`help.section.${audience}`), ...lines], '\n'));
  }
  if (!registered) blocks.push(ctx.t('help.unregistered'));
  return joinHtml(blocks, '\n\n');
}

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    await replyHtml(ctx, renderHelp(ctx));
  });
  return composer;
}

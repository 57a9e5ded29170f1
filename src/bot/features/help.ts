import { Composer } from 'telegraf';
import type { Role } from '../../db/schema/index.js';
import { hasRole, isRegistered } from '../../domain/permissions.js';
import { html, joinHtml, type Html } from '../../i18n/index.js';
import { onCommand } from '../commands/on-command.js';
import type { Audience, CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'bantuan', en: 'help', audience: 'anyone', where: 'both', description: 'cmd.help' };
/** Gathered by the bot's command registry (help, the command menu). */
export const helpCommands: CommandSpec[] = [spec];
const sections: Audience[] = ['anyone', 'member', 'coordinator', 'admin'];

/** What a group sees: the everyday commands of members; the rest is in the private help. */
const GROUP_COMMANDS = ['usul', 'ide', 'cari', 'komentar', 'sesi', 'kalender', 'rekap', 'bantuan'];

const commandLine = (ctx: BotContext, id: string): Html | undefined => {
  const c = ctx.registries.commands.find((s) => s.id === id);
  return c ? html`/${ctx.lang === 'en' ? c.en : c.id} — ${ctx.t(c.description)}` : undefined;
};

/** The short help for a group: members' everyday commands and where the full list is. */
export function renderGroupHelp(ctx: BotContext): Html {
  const lines = GROUP_COMMANDS.map((id) => commandLine(ctx, id)).filter((l): l is Html => l !== undefined);
  return joinHtml([ctx.t('help.group.title'), joinHtml(lines, '\n'), ctx.t('help.group.more', { link: `https://t.me/${ctx.me}` })], '\n\n');
}

/** Lists only the commands this member may use, in their language's names, with examples. */
export function renderHelp(ctx: BotContext): Html {
  if (ctx.chat && ctx.chat.type !== 'private') return renderGroupHelp(ctx);
  const registered = isRegistered(ctx.member);
  const visible = (audience: Audience) =>
    audience === 'anyone' || (audience === 'member' ? registered : hasRole(ctx.member, audience as Role));
  const blocks: Html[] = [ctx.t('help.title')];
  if (ctx.member) blocks.push(ctx.t('help.roleLine', { role: ctx.t(`role.${ctx.member.role}`).toString() }));
  for (const audience of sections) {
    if (!visible(audience)) continue;
    const lines = ctx.registries.commands
      // A registered member no longer needs /daftar.
      .filter((c) => c.audience === audience && c.id !== 'start' && !(registered && c.id === 'daftar'))
      .map((c) => html`/${ctx.lang === 'en' ? c.en : c.id} — ${ctx.t(c.description)}`);
    if (lines.length) blocks.push(joinHtml([ctx.t(`help.section.${audience}`), ...lines], '\n'));
  }
  if (!registered) blocks.push(ctx.t('help.unregistered'));
  else {
    blocks.push(ctx.t('help.examples.member'));
    if (hasRole(ctx.member, 'coordinator')) blocks.push(ctx.t('help.examples.coordinator'));
  }
  return joinHtml(blocks, '\n\n');
}

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    await replyHtml(ctx, renderHelp(ctx));
  });
  return composer;
}

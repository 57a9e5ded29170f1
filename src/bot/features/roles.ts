import { Composer } from 'telegraf';
import type { Role } from '../../db/schema/index.js';
import { displayName, resolveHandle, setMemberRole } from '../../domain/members.js';
import { canChangeRole } from '../../domain/permissions.js';
import { translator } from '../../i18n/index.js';
import { languageFor } from '../../domain/members.js';
import { onCommand, words } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'peran', en: 'role', audience: 'admin', where: 'private', description: 'cmd.role' };
/** Gathered by the bot's command registry (help, the command menu). */
export const roleCommands: CommandSpec[] = [spec];

const roleNames: Record<string, Role> = {
  anggota: 'member',
  member: 'member',
  koordinator: 'coordinator',
  coordinator: 'coordinator',
  admin: 'admin',
};

export function parseRole(word: string): Role | undefined {
  return roleNames[word.toLowerCase()];
}

export function rolesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    const [handle, roleWord, ...rest] = words(ctx.payload);
    if (!handle || !roleWord || rest.length > 0) return replyHtml(ctx, ctx.t('role.usage'));
    const role = parseRole(roleWord);
    if (!role) return replyHtml(ctx, ctx.t('role.unknownRole', { role: roleWord }));
    const match = await resolveHandle(ctx.db, handle);
    if (match.kind === 'ambiguous') return replyHtml(ctx, ctx.t('handle.ambiguous', { handle }));
    if (match.kind === 'none') return replyHtml(ctx, ctx.t('role.memberNotFound', { handle }));
    const target = match.member;
    const check = canChangeRole(ctx.member!, target, role);
    if (!check.ok) return replyHtml(ctx, ctx.t(check.reason === 'self_demotion' ? 'role.selfDemotion' : 'guard.adminOnly'));
    // An admin by configuration stays one while listed: say so instead of a change that would not last.
    if (role !== 'admin' && ctx.deps.config.ADMIN_TELEGRAM_IDS.includes(target.telegramId)) return replyHtml(ctx, ctx.t('role.envAdmin', { name: displayName(target) }));
    const updated = await setMemberRole(ctx.db, target.id, role);
    await replyHtml(ctx, ctx.t('role.changed', { name: displayName(updated), role: ctx.t(`role.${role}`).toString() }));
    if (updated.telegramId !== ctx.from?.id && updated.reachable) {
      const t = translator(languageFor(updated, undefined, ctx.deps.config.DEFAULT_LANGUAGE));
      // The member may never have opened a private chat; a failure here must not undo the change.
      await ctx.telegram
        .sendMessage(updated.telegramId, t('role.notified', { role: t(`role.${role}`).toString() }).toString(), { parse_mode: 'HTML' })
        .catch((err: unknown) => ctx.log.info({ err: { code: (err as { code?: number }).code } }, 'role notification not delivered'));
    }
  });
  return composer;
}

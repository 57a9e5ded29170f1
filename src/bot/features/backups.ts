import { Composer } from 'telegraf';
import { backupHome } from '../../db/transfer/backups.js';
import { queueBackupSend } from '../../domain/backups.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

export const backupCommands: CommandSpec[] = [{ id: 'cadangan', en: 'backup', audience: 'admin', where: 'private', description: 'cmd.backup' }];

/**
 * `/cadangan`: an admin asks for a backup file in their private chat. The handler only queues the
 * work (an outbox row, keyed by the update so a re-run queues nothing new); the outbox worker makes
 * the backup and uploads it, off the update loop.
 */
export function backupsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, backupCommands[0]!, async (ctx) => {
    if (ctx.deps.database.engine === 'postgres') return replyHtml(ctx, ctx.t('backup.postgres'));
    if (!backupHome(ctx.deps.database)) return replyHtml(ctx, ctx.t('backup.inMemory'));
    await queueBackupSend(ctx.db, {
      memberId: ctx.member!.id,
      updateId: ctx.update.update_id,
      chatId: ctx.chat!.id,
      now: ctx.deps.clock.now(),
      lang: ctx.lang,
    });
    await replyHtml(ctx, ctx.t('backup.preparing'));
    ctx.deps.jobs?.wake();
  });
  return composer;
}

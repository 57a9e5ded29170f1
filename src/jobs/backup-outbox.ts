import type { Language } from '../db/schema/index.js';
import { BACKUP_SEND_KIND } from '../domain/backups.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { translator } from '../i18n/index.js';
import { backupAndLog } from './backups.js';
import type { OutboxHandler } from './worker.js';

/** Telegram's limit for a file a bot uploads. */
export const BOT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export function formatBytes(bytes: number, lang: Language): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} KB`;
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(mb)} MB`;
}

/**
 * Makes a fresh backup and sends it as a document to the admin who asked; a file over Telegram's
 * 50 MB limit is not attempted: the admin is told its size and where it lies on the server.
 */
export const backupOutboxHandlers: Record<string, OutboxHandler> = {
  [BACKUP_SEND_KIND]: async (row, ctx) => {
    const lang: Language = (row.payload as { lang?: Language }).lang === 'en' ? 'en' : 'id';
    const t = translator(lang);
    const chatId = row.chatId!;
    let result;
    try {
      result = await backupAndLog(ctx.database, ctx.config, ctx.logger.child({ component: 'backup' }), 'admin', ctx.clock.now());
    } catch {
      await ctx.sender.call('sendMessage', { chat_id: chatId, text: t('backup.failed').toString(), parse_mode: 'HTML' });
      return { status: 'failed', outcome: 'backup_failed' };
    }
    const when = formatDateTime(result.takenAt, lang, ctx.config.TZ_NAME);
    const size = formatBytes(result.bytes, lang);
    if (result.bytes > BOT_UPLOAD_LIMIT_BYTES) {
      await ctx.sender.call('sendMessage', { chat_id: chatId, text: t('backup.tooLarge', { when, size, file: result.file }).toString(), parse_mode: 'HTML' });
      return { status: 'skipped', outcome: 'too_large' };
    }
    await ctx.sender.call('sendDocument', {
      chat_id: chatId,
      document: { source: result.file, filename: result.name },
      caption: t('backup.caption', { when, size, rows: result.rows }).toString(),
      parse_mode: 'HTML',
    } as never);
    return { status: 'sent' };
  },
};

import { html, type Html } from '../html.js';
import type { backups as source } from '../id/backups.js';

export const backups: typeof source = {
  'cmd.backup': 'Send the latest data backup (admin)',

  'backup.preparing': 'A data backup is being made. The file will be sent to this chat shortly.',
  'backup.postgres':
    'This bot keeps its data on a PostgreSQL server. Backups are made with that server’s own tools (<code>pg_dump</code>), not by the bot. The README explains how, in “Backups and moving”.',
  'backup.inMemory': 'This bot keeps its data in memory only (no data folder), so there is nothing to back up.',
  'backup.caption': (p: { when: string; size: string; rows: number }): Html =>
    html`Warkop Indah data backup as of ${p.when} (${p.size}, ${p.rows} rows of data). Keep it somewhere safe: it holds every member’s data. To restore: <code>npm run restore -- FILE</code>.`,
  'backup.tooLarge': (p: { when: string; size: string; file: string }): Html =>
    html`The data backup as of ${p.when} is ${p.size}, more than the 50 MB Telegram allows a bot to send, so it cannot be sent to this chat. The file is on the server: <code>${p.file}</code>. Please copy it from there.`,
  'backup.failed': 'Sorry, the data backup could not be made. Please try again in a little while; the details are in the bot’s log.',
};

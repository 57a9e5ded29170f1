/** `npm run backup`: see src/db/transfer/cli/backup.ts and the README, "Backups and moving". */
import { runCli } from '../src/db/transfer/cli/run.js';
import { backupCommand } from '../src/db/transfer/cli/backup.js';

process.exit(await runCli(backupCommand));

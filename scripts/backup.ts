/** `npm run backup`: see src/cli/backup.ts and the README, "Backups and moving". */
import { runCli } from '../src/cli/run.js';
import { backupCommand } from '../src/cli/backup.js';

process.exit(await runCli(backupCommand));

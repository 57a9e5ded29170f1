/** `npm run restore -- FILE [--force]`: see src/db/transfer/cli/restore.ts and the README, "Backups and moving". */
import { runCli } from '../src/db/transfer/cli/run.js';
import { restoreCommand } from '../src/db/transfer/cli/restore.js';

process.exit(await runCli(restoreCommand));

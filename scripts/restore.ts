/** `npm run restore -- FILE [--force]`: see src/cli/restore.ts and the README, "Backups and moving". */
import { runCli } from '../src/cli/run.js';
import { restoreCommand } from '../src/cli/restore.js';

process.exit(await runCli(restoreCommand));

/** `npm run db:move -- --to postgres://…`: see src/cli/move.ts and the README, "Backups and moving". */
import { runCli } from '../src/cli/run.js';
import { moveCommand } from '../src/cli/move.js';

process.exit(await runCli(moveCommand));

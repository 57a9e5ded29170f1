/** `npm run db:move -- --to postgres://…`: see src/db/transfer/cli/move.ts and the README, "Backups and moving". */
import { runCli } from '../src/db/transfer/cli/run.js';
import { moveCommand } from '../src/db/transfer/cli/move.js';

process.exit(await runCli(moveCommand));

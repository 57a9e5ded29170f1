import { readDotEnv } from '../config.js';
import { TransferError } from '../db/transfer/load.js';
import { terminal, UsageError, type Io } from './common.js';

type Command = (args: string[], env: Record<string, string | undefined>, io: Io) => Promise<number>;

/** Runs a command from scripts/ with .env read; a refusal or failure is one line and a non-zero exit. */
export async function runCli(command: Command): Promise<number> {
  readDotEnv();
  try {
    return await command(process.argv.slice(2), process.env, terminal);
  } catch (err) {
    const known = err instanceof TransferError || err instanceof UsageError;
    terminal.err(known ? `Refused: ${(err as Error).message}` : `Failed: ${(err as Error).message ?? String(err)}`);
    return known ? 2 : 1;
  }
}

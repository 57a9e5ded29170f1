import { readdirSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { TableReport } from '../db/transfer/load.js';

/** Where a command writes: the terminal in scripts/, a buffer in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const terminal: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

export class UsageError extends Error {
  override name = 'UsageError';
}

export function configFrom(env: Record<string, string | undefined>, io: Io): Config | undefined {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`Configuration error: ${err.message}`);
      return undefined;
    }
    throw err;
  }
}

/** True when a folder is missing or holds nothing. */
export function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * Refuses a database that already holds rows, before any migration touches it (a move must not
 * mix into someone's data). Empty tables of ours (a database migrated earlier) are fine.
 */
export async function assertNoRows(database: Database, label: string): Promise<void> {
  const tables = await database.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`,
  );
  const filled: string[] = [];
  for (const t of tables) {
    const [row] = await database.query<{ any: boolean }>(`select exists(select 1 from "${t.name.replace(/"/g, '""')}") as any`);
    if (row?.any) filled.push(t.name);
  }
  if (filled.length > 0) throw new UsageError(`${label} is not empty (rows in ${filled.slice(0, 8).join(', ')}${filled.length > 8 ? ', …' : ''}); it must be an empty database.`);
}

export function printReport(io: Io, reports: TableReport[]): void {
  const width = Math.max(5, ...reports.map((r) => r.name.length));
  for (const r of reports) io.out(`  ${r.name.padEnd(width)}  ${String(r.rows).padStart(7)} rows  checksum ok (${r.checksum.slice(0, 12)})`);
  io.out(`  ${reports.length} tables, ${reports.reduce((s, r) => s + r.rows, 0)} rows, every count and checksum verified.`);
}

/** A URL fit to print: the password is replaced by stars. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

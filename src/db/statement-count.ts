import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * Counts the SQL statements this process sends (BEGIN and COMMIT included), for the benchmark's
 * "statements per update" column. Off unless DB_COUNT_STATEMENTS=1; when on, the process prints
 * `db-statements=N` on SIGUSR2 (scripts/bench/s1-throughput.ts reads it before and after a feed).
 */
export const countingStatements = process.env.DB_COUNT_STATEMENTS === '1' || process.env.DB_COUNT_STATEMENTS === 'log';
/** DB_COUNT_STATEMENTS=log also writes each statement's first line to stderr, to see what an update costs. */
const logging = process.env.DB_COUNT_STATEMENTS === 'log';

let statements = 0;

export function countStatement(text?: unknown): void {
  statements++;
  if (logging) process.stderr.write(`sql#${statements} ${String(text ?? '').replace(/\s+/g, ' ').slice(0, 160)}\n`);
}

if (countingStatements) {
  process.on('SIGUSR2', () => process.stdout.write(`db-statements=${statements}\n`));
}

/** postgres.js calls its `debug` option once per statement sent. */
export function postgresCounting(): { debug?: (connection: number, query: string) => void } {
  return countingStatements ? { debug: (_connection: number, query: string) => countStatement(query) } : {};
}

/** Wraps a PGlite client's query surface so each statement (and each transaction's BEGIN/COMMIT) counts. */
export function countPglite(client: Pick<PGlite, 'query' | 'exec' | 'transaction'>): void {
  if (!countingStatements) return;
  const wrapQuery = <T extends Pick<Transaction, 'query' | 'exec'>>(target: T): T => {
    const loose = target as unknown as Record<'query' | 'exec', (...args: unknown[]) => unknown>;
    for (const method of ['query', 'exec'] as const) {
      const original = loose[method].bind(target);
      loose[method] = (...args: unknown[]) => {
        countStatement(args[0]);
        return original(...args);
      };
    }
    return target;
  };
  wrapQuery(client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (tx: Transaction) => Promise<unknown>) => {
    countStatement('BEGIN');
    countStatement('COMMIT');
    return transaction((tx) => fn(wrapQuery(tx)));
  }) as PGlite['transaction'];
}

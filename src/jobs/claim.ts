import { and, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';

/** Columns a table needs so rows can be leased to one worker at a time. */
export interface Leasable {
  id: AnyPgColumn;
  claimedUntil: AnyPgColumn;
  claimedBy: AnyPgColumn;
  attempts: AnyPgColumn;
}

export interface ClaimOptions {
  /** Which rows are ready (e.g. pending and due). Rows under another worker's lease are excluded here. */
  ready: SQL | undefined;
  order: (AnyPgColumn | SQL)[];
  limit: number;
  now: Date;
  leaseMs: number;
  owner: string;
}

/**
 * Claims up to `limit` ready rows for `owner` in one statement: the inner select locks them with
 * FOR UPDATE SKIP LOCKED (rows another instance is claiming at this moment are skipped, not waited
 * for), and the update stamps a lease. Until the lease ends nobody else takes the row; a worker that
 * died mid-way simply lets it lapse and the row is claimed again. Works the same on PGlite.
 */
export async function claimRows<T extends PgTable & Leasable>(db: DbOrTx, table: T, options: ClaimOptions): Promise<T['$inferSelect'][]> {
  const { now, leaseMs, owner } = options;
  const free = or(isNull(table.claimedUntil), lt(table.claimedUntil, now));
  const ids = db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(options.ready, free))
    .orderBy(...options.order)
    .limit(options.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(table as PgTable)
    .set({ claimedUntil: new Date(now.getTime() + leaseMs), claimedBy: owner, attempts: sql`${table.attempts} + 1` } as never)
    .where(inArray(table.id, ids))
    .returning();
  return rows as T['$inferSelect'][];
}

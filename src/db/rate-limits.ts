/**
 * The `rate_limits` table behind the send limits shared by every bot process on one PostgreSQL
 * (see src/telegram/sender/shared-limits.ts).
 */
import type { Database } from './client.js';

// reserve_send_slot (migration 0003) takes the slot on the database's clock, so instances with
// skewed clocks still agree, and answers how long to wait for it: one round trip per send.
const RESERVE = 'select reserve_send_slot($1, $2, $3, $4) as wait';

/**
 * Reserves the next slot of a chat's key (and of the global key, when given), each at its interval
 * in ms (GCRA); answers how many ms to wait before the slot is due.
 */
export async function reserveSendSlot(
  database: Database,
  chatKey: string | null,
  chatIntervalMs: number,
  globalKey: string | null,
  globalIntervalMs: number,
): Promise<number> {
  const [row] = await database.query<{ wait: string | number }>(RESERVE, [chatKey, chatIntervalMs, globalKey, globalIntervalMs]);
  return Number(row?.wait ?? 0);
}

/** Deletes the rows of keys quiet for an hour: they carry no information any more. */
export async function pruneRateLimits(database: Database): Promise<void> {
  await database.query(`delete from rate_limits where tat < (extract(epoch from clock_timestamp()) * 1000)::bigint - 3600000`);
}

import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.js';
import { updateEffects } from '../db/schema/index.js';

export interface Applied<T> {
  value: T;
  /** True when this update had already made the change (a re-run): `value` is what it returned then. */
  replayed: boolean;
}

/**
 * Makes a data change at most once per update. Updates are re-run when the bot restarts after a
 * crash, or when a reply could not reach Telegram, and a handler that had already committed its
 * change would otherwise make it twice (two ideas, a 👍 toggled back). The marker row is inserted
 * first, in the change's own transaction: a re-run blocks on it, finds it, and gets the stored
 * result back so it can answer as the first run did, without changing anything.
 *
 * The result is stored as JSON: return plain values (ids, flags, counts), not Dates or class instances.
 */
export async function applyOnce<T>(
  db: DbOrTx,
  updateId: number,
  scope: string,
  apply: (tx: Tx) => Promise<T>,
): Promise<Applied<T>> {
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(updateEffects).values({ updateId, scope }).onConflictDoNothing().returning({ updateId: updateEffects.updateId });
    const key = and(eq(updateEffects.updateId, updateId), eq(updateEffects.scope, scope));
    if (claimed.length === 0) {
      const [row] = await tx.select({ result: updateEffects.result }).from(updateEffects).where(key);
      return { value: (row?.result ?? null) as T, replayed: true };
    }
    const value = await apply(tx);
    if (value !== null && value !== undefined) await tx.update(updateEffects).set({ result: value }).where(key);
    return { value, replayed: false };
  });
}

/** What applyOnce stored for this update and scope, if it got that far: { value } or undefined. */
export async function storedEffect<T>(db: DbOrTx, updateId: number, scope: string): Promise<{ value: T } | undefined> {
  const [row] = await db
    .select({ result: updateEffects.result })
    .from(updateEffects)
    .where(and(eq(updateEffects.updateId, updateId), eq(updateEffects.scope, scope)));
  return row ? { value: row.result as T } : undefined;
}

/** The marker rows are only needed while an update can still be re-run (the journal keeps 48 h). */
export async function pruneUpdateEffects(db: DbOrTx, olderThanHours = 48): Promise<void> {
  await db.delete(updateEffects).where(lt(updateEffects.createdAt, sql`now() - make_interval(hours => ${olderThanHours})`));
}

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
 * change would otherwise make it twice (two ideas, a 👍 toggled back). A marker row per update and
 * scope, in the change's own transaction, records the change and its result.
 *
 * An update that may have run before (`mayHaveRun`) inserts the marker first: a re-run blocks on it,
 * finds it, and gets the stored result back so it can answer as the first run did, without changing
 * anything. An update seen for the first time (the journal says so) cannot find a marker, so it
 * writes the marker last, with the result, saving a statement on every change; should a marker be
 * there after all (found by that insert, or by the change failing), its transaction is rolled back
 * and the stored result returned.
 *
 * The result is stored as JSON: return plain values (ids, flags, counts), not Dates or class instances.
 */
export async function applyOnce<T>(
  db: DbOrTx,
  updateId: number,
  scope: string,
  apply: (tx: Tx) => Promise<T>,
  options: { mayHaveRun?: boolean } = {},
): Promise<Applied<T>> {
  const key = and(eq(updateEffects.updateId, updateId), eq(updateEffects.scope, scope));
  if (options.mayHaveRun === false) {
    try {
      return await db.transaction(async (tx) => {
        const value = await apply(tx);
        const result = value === null || value === undefined ? {} : { result: value };
        const stored = await tx.insert(updateEffects).values({ updateId, scope, ...result }).onConflictDoNothing().returning({ updateId: updateEffects.updateId });
        if (stored.length === 0) throw new AppliedBefore();
        return { value, replayed: false };
      });
    } catch (err) {
      // The change itself may fail because it was made before (a unique key): then replay too.
      if (!(err instanceof AppliedBefore) && !(await storedEffect(db, updateId, scope).catch(() => undefined))) throw err;
    }
  }
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(updateEffects).values({ updateId, scope }).onConflictDoNothing().returning({ updateId: updateEffects.updateId });
    if (claimed.length === 0) {
      const [row] = await tx.select({ result: updateEffects.result }).from(updateEffects).where(key);
      return { value: (row?.result ?? null) as T, replayed: true };
    }
    const value = await apply(tx);
    if (value !== null && value !== undefined) await tx.update(updateEffects).set({ result: value }).where(key);
    return { value, replayed: false };
  });
}

/** Rolls back a first run that found the update's marker already there. */
class AppliedBefore extends Error {}

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

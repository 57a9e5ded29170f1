import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { outbox, type NewOutboxRow } from '../../db/schema/index.js';

/**
 * Writing to the outbox. Callers pass their transaction so a row exists exactly when the change
 * that caused it does. A dedupe key already used is left alone, except that a cancelled row comes
 * back to life (a member who said "Tidak" and then "Hadir" again gets their reminder back).
 */
export async function enqueue(tx: DbOrTx, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(outbox)
    .values(rows)
    .onConflictDoUpdate({
      target: outbox.dedupeKey,
      set: {
        status: 'pending',
        dueAt: sql`excluded.due_at`,
        payload: sql`excluded.payload`,
        chatId: sql`excluded.chat_id`,
        threadId: sql`excluded.thread_id`,
        claimedUntil: null,
        claimedBy: null,
        outcome: null,
        processedAt: null,
      },
      setWhere: sql`${outbox.status} = 'cancelled'`,
    });
}

/** Cancels what is still pending for a subject (optionally only some kinds / one chat / except some keys). */
export async function cancelPending(
  tx: DbOrTx,
  ref: string,
  options: { kinds?: string[]; chatId?: number; keep?: string[]; now: Date; outcome?: string },
): Promise<number> {
  const rows = await tx
    .update(outbox)
    .set({ status: 'cancelled', processedAt: options.now, outcome: options.outcome ?? null })
    .where(
      and(
        eq(outbox.ref, ref),
        eq(outbox.status, 'pending'),
        options.kinds ? inArray(outbox.kind, options.kinds) : undefined,
        options.chatId !== undefined ? eq(outbox.chatId, options.chatId) : undefined,
        options.keep && options.keep.length > 0 ? notInArray(outbox.dedupeKey, options.keep) : undefined,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

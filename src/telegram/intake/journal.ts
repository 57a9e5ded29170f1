import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { telegramUpdates } from '../../db/schema/index.js';
import type { Update } from 'telegraf/types';
import { pruneUpdateEffects } from '../../domain/update-effects.js';

/**
 * The durable record of received updates. `record` returns only the ids seen for the first
 * time, which makes a redelivered update (webhook retry, restart) a no-op.
 */
export class UpdateJournal {
  private pendingHandled: number[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly flushDelayMs = 25,
  ) {}

  async record(updates: readonly Update[]): Promise<Set<number>> {
    if (updates.length === 0) return new Set();
    const rows = await this.db
      .insert(telegramUpdates)
      .values(updates.map((u) => ({ updateId: u.update_id, payload: u })))
      .onConflictDoNothing()
      .returning({ id: telegramUpdates.updateId });
    return new Set(rows.map((r) => r.id));
  }

  /** Updates received but never finished, oldest first (after a crash). */
  async unfinished(limit = 10_000): Promise<Update[]> {
    const rows = await this.db
      .select({ payload: telegramUpdates.payload })
      .from(telegramUpdates)
      .where(isNull(telegramUpdates.handledAt))
      .orderBy(asc(telegramUpdates.updateId))
      .limit(limit);
    return rows.map((r) => r.payload as Update);
  }

  /** Marks an update finished; writes are batched so the hot path costs no extra round trip. */
  markHandled(updateId: number): void {
    this.pendingHandled.push(updateId);
    if (this.pendingHandled.length >= 200) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = this.pendingHandled.splice(0);
    const previous = this.flushing;
    this.flushing = (async () => {
      await previous;
      if (ids.length === 0) return;
      try {
        await this.db.update(telegramUpdates).set({ handledAt: sql`now()` }).where(inArray(telegramUpdates.updateId, ids));
      } catch {
        // Database away: keep the ids and try again with the next batch.
        this.pendingHandled.unshift(...ids);
      }
    })();
    await this.flushing;
  }

  /** Old finished rows are only needed to recognise redeliveries (Telegram keeps updates 24 h). */
  async prune(olderThanHours = 48): Promise<void> {
    await this.db.execute(
      sql`delete from ${telegramUpdates} where handled_at is not null and received_at < now() - make_interval(hours => ${olderThanHours})`,
    );
    await pruneUpdateEffects(this.db, olderThanHours);
  }
}

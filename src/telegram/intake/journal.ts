import { rowsOf } from '../../db/client.js';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { liveInstances } from '../../db/instance-lock.js';
import { members, telegramUpdates, type Member } from '../../db/schema/index.js';
import type { Update } from 'telegraf/types';
import { orderingKey } from './ordering-key.js';

export interface JournalOptions {
  /** This instance's id (src/db/instance-lock.ts): the owner of the rows it records. */
  owner?: number;
  flushDelayMs?: number;
}

/** What `record` learnt about each update seen for the first time. */
export interface Recorded {
  /** An earlier update of the same chat is still running on another instance. */
  behind: boolean;
  /**
   * The sender's member row as of this statement (null: none yet); absent for updates without a
   * person behind them. Whether it may be used is the dispatcher's decision.
   */
  member?: Member | null;
}

/**
 * The sender's Telegram id, read from the stored payload in SQL (the fields of senderOf in
 * prefetched.ts), so the journal's one insert can also return the senders' member rows.
 */
const senderOfPayload = sql<number | null>`(coalesce(telegram_updates.payload #> '{message,from}', telegram_updates.payload #> '{edited_message,from}',
  telegram_updates.payload #> '{callback_query,from}', telegram_updates.payload #> '{my_chat_member,from}') ->> 'id')::bigint`;

/** Updates of one chat share a key; updates outside any chat need no ordering. */
function chatKeyOf(update: Update): string | null {
  const key = orderingKey(update);
  return key.startsWith('x') ? null : key;
}

import { pruneUpdateEffects } from '../../domain/update-effects.js';

/**
 * The durable record of received updates. `record` returns only the ids seen for the first
 * time, which makes a redelivered update (webhook retry, restart, another instance) a no-op.
 * Each row names the instance handling it, so that several instances behind a load balancer can
 * keep one chat's updates in order and take over the updates of an instance that died.
 */
export class UpdateJournal {
  private pendingHandled: number[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly owner: number | null;
  private readonly flushDelayMs: number;

  constructor(
    private readonly db: Db,
    options: JournalOptions = {},
  ) {
    this.owner = options.owner ?? null;
    this.flushDelayMs = options.flushDelayMs ?? 25;
  }

  /**
   * Inserts the updates; answers for the new ones only. In the same statement (no extra round
   * trip) each new row learns whether an earlier update of its chat is unfinished on another
   * instance — rare, and then `waitForEarlier` holds it back.
   */
  async record(updates: readonly Update[]): Promise<Map<number, Recorded>> {
    if (updates.length === 0) return new Map();
    try {
      return await this.insert(updates.map((u) => [u, u]));
    } catch (err) {
      // Either the database is away (every row fails; the caller keeps Telegram's copy and asks
      // again), or one update carries something the database cannot store. Then the others are
      // journaled as they are and that one under a stand-in payload (it still runs from memory now):
      // one bad update must never hold back its batch, and with it the whole bot, forever.
      const out = new Map<number, Recorded>();
      const refused: Update[] = [];
      for (const u of updates) {
        try {
          for (const [id, r] of await this.insert([[u, u]])) out.set(id, r);
        } catch {
          refused.push(u);
        }
      }
      if (refused.length === updates.length) throw err;
      for (const u of refused) {
        for (const [id, r] of await this.insert([[u, { update_id: u.update_id, unstorable: true }]])) out.set(id, r);
      }
      return out;
    }
  }

  /**
   * One insert of [update, payload to store] pairs; answers for the new rows only, each with its
   * sender's member row read in the same statement (a CTE around the insert: no extra round trip).
   * Handled-marks waiting for their flush ride along in the same statement (a second CTE), so under
   * a steady stream of updates the marks cost no statement of their own.
   */
  private async insert(rows: ReadonlyArray<readonly [Update, unknown]>): Promise<Map<number, Recorded>> {
    const t = telegramUpdates;
    const inserted = this.db.$with('inserted').as(
      this.db
        .insert(t)
        .values(rows.map(([u, payload]) => ({ updateId: u.update_id, payload, chatKey: chatKeyOf(u), owner: this.owner })))
        .onConflictDoNothing()
        .returning({
          id: t.updateId,
          // Spelled out: `telegram_updates.…` is the row just inserted, `e` the earlier ones.
          behind: sql<boolean>`telegram_updates.chat_key is not null and exists (select 1 from telegram_updates e where e.chat_key = telegram_updates.chat_key
            and e.update_id < telegram_updates.update_id and e.handled_at is null and e.owner is distinct from ${this.owner})`.as('behind'),
          sender: senderOfPayload.as('sender'),
        }),
    );
    const marks = this.takeHandled();
    // PostgreSQL runs a data-modifying CTE whether or not the query reads it.
    const marked = marks.length
      ? [this.db.$with('marked').as(this.db.update(t).set({ handledAt: sql`now()` }).where(inArray(t.updateId, marks)).returning({ id: t.updateId }))]
      : [];
    try {
      const found = await this.db
        .with(inserted, ...marked)
        .select({ id: inserted.id, behind: inserted.behind, sender: inserted.sender, member: members })
        .from(inserted)
        .leftJoin(members, eq(members.telegramId, inserted.sender));
      return new Map(
        found.map((r) => [r.id, { behind: r.behind === true, ...(r.sender === null ? {} : { member: r.member }) }]),
      );
    } catch (err) {
      this.returnHandled(marks);
      throw err;
    }
  }

  /**
   * Waits until no earlier update of this update's chat is running on another live instance (an
   * update handed to another instance by the load balancer a moment before), so one chat's
   * updates keep their order across instances as they do within one. Bounded: past `timeoutMs`
   * (a stuck handler is abandoned by then) it returns false and the update runs anyway.
   */
  async waitForEarlier(update: Update, timeoutMs: number, pollMs = 20): Promise<boolean> {
    const key = chatKeyOf(update);
    if (key === null) return true;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let behind: boolean;
      try {
        const [row] = rowsOf<{ behind: boolean }>(
          await this.db.execute(
            sql`select exists (select 1 from ${telegramUpdates} where chat_key = ${key} and update_id < ${update.update_id} and handled_at is null
                  and owner is distinct from ${this.owner} and owner in (${liveInstances})) as behind`,
          ),
        );
        behind = row?.behind === true;
      } catch {
        return true; // database away: the handler will say so
      }
      if (!behind) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * Takes over updates received but never finished by an instance that is gone (crashed, or
   * stopped before its handlers finished) — at start-up, and then on every scheduler tick so a
   * surviving instance picks up a dead one's work. Oldest first. Rows of live instances, however
   * busy, are left alone: a second instance starting never re-runs the first one's updates.
   */
  async claimOrphans(limit = 10_000): Promise<Update[]> {
    const t = telegramUpdates;
    const orphaned = sql`${t.handledAt} is null and (${t.owner} is null or (${t.owner} is distinct from ${this.owner} and ${t.owner} not in (${liveInstances})))`;
    const ids = this.db.select({ id: t.updateId }).from(t).where(orphaned).orderBy(asc(t.updateId)).limit(limit).for('update', { skipLocked: true });
    const rows = await this.db
      .update(t)
      .set({ owner: this.owner })
      .where(and(inArray(t.updateId, ids), isNull(t.handledAt)))
      .returning({ id: t.updateId, payload: t.payload });
    return rows.sort((a, b) => a.id - b.id).map((r) => r.payload as Update);
  }

  /** Marks an update finished; written with the next journal insert or flush, so the hot path costs no round trip of its own. */
  markHandled(updateId: number): void {
    this.pendingHandled.push(updateId);
    if (this.pendingHandled.length >= 200) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  /** The marks waiting to be written, taken by whoever writes them next. */
  private takeHandled(): number[] {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    return this.pendingHandled.splice(0);
  }

  /** Marks a failed write did not store: kept for the next one (the database may be away). */
  private returnHandled(ids: number[]): void {
    this.pendingHandled.unshift(...ids);
  }

  async flush(): Promise<void> {
    const ids = this.takeHandled();
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


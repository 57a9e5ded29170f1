import type { Update } from 'telegraf/types';
import type { Member } from '../../db/schema/index.js';
import type { Recorded } from './journal.js';
import { offerPrefetchedMember, senderOf } from './prefetched.js';

/** A prefetched row older than this when its update starts is not used (the update reads fresh). */
export const PREFETCH_MAX_AGE_MS = 50;

interface Held {
  member: Member | null;
  user: number;
  /** `finishes` when the journal statement was sent: the row is no newer than that. */
  seq: number;
  /** performance.now() when the journal statement was sent. */
  at: number;
}

/** A journal write in progress: the senders whose updates were queued or finished meanwhile. */
export interface Window {
  seq: number;
  at: number;
  touched: Set<number>;
}

/**
 * Decides which member rows read by the journal's insert (UpdateJournal.record) an update may use
 * instead of reading its member again. A row is a snapshot taken when the batch was journaled, so
 * it is offered only where nothing this process did since can have changed it:
 * - only to the sender's FIRST update in the batch (a later one may follow a change by the first);
 * - only if no update of that sender was waiting or running when the batch was journaled, and none
 *   was queued or finished while the statement ran (its change may have committed after the snapshot);
 * - only if no update of that sender finished between the snapshot and this update's start (e.g.
 *   one in their private chat overtaking this one in a group);
 * - only if the update starts within PREFETCH_MAX_AGE_MS of the snapshot, which bounds how stale a
 *   change made elsewhere meanwhile (another instance, a coordinator, a job) can be seen. A change
 *   committed before the person sent the update is always in the snapshot: the batch is fetched,
 *   and journaled, after Telegram had it.
 * Reruns and retries read fresh (the row is taken once).
 */
export class MemberPrefetch {
  /** Senders with updates accepted and not finished; deleted at zero, so the map stays small. */
  private users = new Map<number, { active: number; lastFinish: number }>();
  private windows = new Set<Window>();
  private held = new Map<number, Held>();
  private finishes = 0;

  constructor(private readonly maxAgeMs = PREFETCH_MAX_AGE_MS) {}

  /** Before the journal statement is sent. */
  open(): Window {
    const w: Window = { seq: this.finishes, at: performance.now(), touched: new Set() };
    this.windows.add(w);
    return w;
  }

  /** After the statement returned (or failed: `recorded` empty), before the batch's updates are queued. */
  close(w: Window, fresh: readonly Update[], recorded: ReadonlyMap<number, Recorded>): void {
    this.windows.delete(w);
    const seen = new Set<number>();
    for (const update of fresh) {
      const sender = senderOf(update);
      if (!sender || seen.has(sender.id)) continue;
      seen.add(sender.id);
      const member = recorded.get(update.update_id)?.member;
      if (member === undefined || sender.is_bot || w.touched.has(sender.id) || this.users.has(sender.id)) continue;
      this.held.set(update.update_id, { member, user: sender.id, seq: w.seq, at: w.at });
    }
  }

  enqueued(update: Update): void {
    const sender = senderOf(update);
    if (!sender) return;
    const u = this.users.get(sender.id);
    if (u) u.active++;
    else this.users.set(sender.id, { active: 1, lastFinish: -1 });
    for (const w of this.windows) w.touched.add(sender.id);
  }

  /** The update is done for good (not when it waits to be retried). */
  finished(update: Update): void {
    this.held.delete(update.update_id);
    const sender = senderOf(update);
    if (!sender) return;
    this.finishes++;
    for (const w of this.windows) w.touched.add(sender.id);
    const u = this.users.get(sender.id);
    if (!u) return;
    u.lastFinish = this.finishes;
    if (--u.active <= 0) this.users.delete(sender.id);
  }

  /** Just before the update runs: hands the row to the bot if it may still be used. */
  beforeRun(update: Update): void {
    const held = this.held.get(update.update_id);
    if (!held) return;
    this.held.delete(update.update_id);
    if (performance.now() - held.at > this.maxAgeMs) return;
    if ((this.users.get(held.user)?.lastFinish ?? -1) > held.seq) return;
    offerPrefetchedMember(update, held.member);
  }
}

import type { Update } from 'telegraf/types';
import type { Member } from '../../db/schema/index.js';

/*
 * Intake's second surface for the handlers (beside reruns.ts): the member row of an update's sender,
 * read in the same statement that journaled the update's batch, so the member middleware does not
 * read it again. The dispatcher offers it only where it cannot be stale (see UpdateDispatcher.accept).
 */

/** The person behind an update of a kind the bot receives (ALLOWED_UPDATES), as telegraf's ctx.from. */
export function senderOf(update: Update): { id: number; is_bot: boolean } | undefined {
  const u = update as unknown as Record<string, { from?: { id?: unknown; is_bot?: unknown } } | undefined>;
  for (const field of ['message', 'edited_message', 'callback_query', 'my_chat_member']) {
    const from = u[field]?.from;
    if (from && typeof from.id === 'number') return { id: from.id, is_bot: from.is_bot === true };
  }
  return undefined;
}

/** null: the journal found no member row for the sender (first contact). */
const prefetched = new WeakMap<Update, Member | null>();

/** The dispatcher hands the row over just before the update runs. */
export function offerPrefetchedMember(update: Update, member: Member | null): void {
  prefetched.set(update, member);
}

/**
 * The prefetched member row, once: undefined when there is none to trust (read it), null when the
 * sender has no row yet. Taken, not peeked, so a rerun of the update reads fresh.
 */
export function takePrefetchedMember(update: Update): Member | null | undefined {
  if (!prefetched.has(update)) return undefined;
  const member = prefetched.get(update)!;
  prefetched.delete(update);
  return member;
}

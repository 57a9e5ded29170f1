import type { Update } from 'telegraf/types';

/*
 * Intake's surface for the handlers it runs (src/bot): how a handler asks for its update to be run
 * again later, and how it learns that it is running one again. Everything else in intake is wired
 * by the app only.
 */

/**
 * Thrown out of the bot (its error handler rethrows it) when an update could not be finished for a
 * passing reason — Telegram unreachable, so its reply could not go out; or the database gone after
 * the update's change was saved, so its answer could not be written. The dispatcher keeps the update
 * unfinished and runs it again later, holding back the rest of that chat so order is kept.
 */
export class RetryUpdateLater extends Error {
  override name = 'RetryUpdateLater';
  constructor(
    /** What was away: for the log. */
    readonly away: 'telegram' | 'database',
    options?: { cause?: unknown },
  ) {
    super('the update will be run again later', options);
  }
}

/** Updates running for the second time or later (after a crash or a RetryUpdateLater). */
const reruns = new WeakSet<Update>();

/**
 * True while a handler runs an update that ran before. Its data changes are guarded per update
 * (src/domain/update-effects.ts); this lets the few places that must undo a first run's partial
 * progress (the dialog state) look it up without costing every first run a query.
 */
export function isRerun(update: Update): boolean {
  return reruns.has(update);
}

/** The dispatcher marks an update it runs again (the journal had it unfinished, or it asked to be retried). */
export function markRerun(update: Update): void {
  reruns.add(update);
}

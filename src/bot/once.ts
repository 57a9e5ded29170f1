import type { Tx } from '../db/client.js';
import { applyOnce, storedEffect, type Applied } from '../domain/update-effects.js';
import { isRerun } from '../telegram/intake/reruns.js';
import type { BotContext } from './context.js';

/**
 * A handler's data change, made at most once for this update however often the update runs (see
 * applyOnce). `scope` tells apart the changes one update makes, e.g. 'idea.pitch'. On a re-run the
 * handler gets the first run's result and answers again from it.
 */
export async function once<T>(ctx: BotContext, scope: string, apply: (tx: Tx) => Promise<T>): Promise<Applied<T>> {
  const applied = await applyOnce(ctx.db, ctx.update.update_id, scope, apply, { mayHaveRun: isRerun(ctx.update) });
  committed.add(ctx.update);
  return applied;
}

/**
 * For a handler whose change is one statement carrying the update's once-marker itself (e.g.
 * pressSupport): the change is saved, as once() would have recorded.
 */
export function markCommitted(ctx: BotContext): void {
  committed.add(ctx.update);
}

/** Updates whose change is saved (this run or an earlier one). */
const committed = new WeakSet<object>();

/**
 * True once this update's change is in the database. If the handler fails after that (the database
 * went away before the answer was written), "try again" would be wrong — the user would pitch twice;
 * the update is run again instead, and answers from the saved change.
 */
export function changeCommitted(ctx: BotContext): boolean {
  return committed.has(ctx.update);
}

/**
 * On a re-run, what once(ctx, scope, …) returned the first time, if it got that far. For handlers
 * that check state the change itself alters (an open dialog) before calling once(): the re-run would
 * fail that check. Costs a query only on re-runs.
 */
export async function earlierResult<T>(ctx: BotContext, scope: string): Promise<{ value: T } | undefined> {
  if (!isRerun(ctx.update)) return undefined;
  return storedEffect<T>(ctx.db, ctx.update.update_id, scope);
}

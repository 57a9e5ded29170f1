/**
 * How the queue treats a kind of job, as data (pg-boss calls these a queue's options, graphile-worker
 * a task's spec). One backoff rule for every kind: the n-th failed attempt waits
 * `baseMs · factor^(n-1)`; the attempt numbered `maxAttempts` that fails gives up.
 */
export interface RetryPolicy {
  baseMs: number;
  factor: number;
  maxAttempts: number;
}

export interface KindPolicy {
  retry: RetryPolicy;
  /** At most this many jobs of the kind hold a lease at once, across every instance (none: no limit). */
  concurrency?: number;
  /** Finished jobs of the kind are kept this many days, then pruned (none: the retention default). */
  keepDays?: number;
}

/** Reminders, notices, digests, sends: 10 s doubling, so an outage's messages go out soon after it and ~10 min of failures give up. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, factor: 2, maxAttempts: 7 };

/** The pause before the next attempt after `attempts` tries have failed. */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  return policy.baseMs * policy.factor ** Math.max(0, attempts - 1);
}

/** True when the attempt just made was the last the policy allows. */
export function isLastAttempt(policy: RetryPolicy, attempts: number): boolean {
  return attempts >= policy.maxAttempts;
}

/**
 * Retry policy: HTTP 429 is retried after Telegram's `retry_after` (up to MAX_429_RETRIES times),
 * 5xx and network errors with exponential backoff and jitter (up to the configured maxRetries);
 * everything else (400, 403, …) is final.
 */
import { isNetworkError, isTelegramErrorLike } from './errors.js';

/** How many 429 responses one call tolerates before giving up (independent of maxRetries). */
export const MAX_429_RETRIES = 10;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5000;

export type Failure =
  /** 429: wait `retryAfterS` seconds (the chat, or everything, is paused that long). */
  | { kind: 'rate-limited'; retryAfterS: number }
  /** 5xx, network error, timeout: the same call may work in a moment. */
  | { kind: 'transient' }
  /** Anything else: retrying would get the same answer. */
  | { kind: 'final' };

export function failureOf(err: unknown): Failure {
  if (isTelegramErrorLike(err)) {
    if (err.code === 429) return { kind: 'rate-limited', retryAfterS: Math.max(0, Number(err.parameters?.retry_after ?? 1)) || 1 };
    if (err.code >= 500) return { kind: 'transient' };
    return { kind: 'final' };
  }
  return isNetworkError(err) ? { kind: 'transient' } : { kind: 'final' };
}

/** After a 429: the pause Telegram asked for, plus a little jitter so paused calls do not all return at once. */
export function rateLimitedDelayMs(pauseMs: number, random: () => number): number {
  return pauseMs + 50 + Math.floor(random() * 200);
}

/** Before the `attempt`-th retry (1, 2, …) of a transient failure: 200 ms doubling, ±20 %, at most 5 s. */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.min(BACKOFF_CAP_MS, Math.round(base * (0.8 + 0.4 * random())));
}

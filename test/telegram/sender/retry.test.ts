import { describe, expect, it } from 'vitest';
import { ChatUnreachableError, isTransientTelegramError } from '../../../src/telegram/sender/errors.js';
import { backoffDelayMs, failureOf, rateLimitedDelayMs } from '../../../src/telegram/sender/retry.js';

const telegramError = (code: number, description: string, parameters?: { retry_after?: number }) => ({ code, description, ...(parameters ? { parameters } : {}) });

describe('retry policy', () => {
  it('429 waits retry_after (1 s when Telegram does not say); 5xx and network errors are transient; the rest is final', () => {
    expect(failureOf(telegramError(429, 'Too Many Requests', { retry_after: 7 }))).toEqual({ kind: 'rate-limited', retryAfterS: 7 });
    expect(failureOf(telegramError(429, 'Too Many Requests'))).toEqual({ kind: 'rate-limited', retryAfterS: 1 });
    expect(failureOf(telegramError(502, 'Bad Gateway'))).toEqual({ kind: 'transient' });
    expect(failureOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toEqual({ kind: 'transient' });
    expect(failureOf(telegramError(400, 'Bad Request: message is not modified'))).toEqual({ kind: 'final' });
    expect(failureOf(telegramError(403, 'Forbidden: bot was blocked by the user'))).toEqual({ kind: 'final' });
    expect(failureOf(new Error('a bug'))).toEqual({ kind: 'final' });
  });

  it('backoff doubles from 200 ms with ±20 % jitter, at most 5 s; a 429 waits its pause plus 50–250 ms', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelayMs(n, () => 0.5))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(backoffDelayMs(1, () => 0)).toBe(160);
    expect(backoffDelayMs(1, () => 0.999999)).toBe(240);
    expect(rateLimitedDelayMs(3000, () => 0)).toBe(3050);
    expect(rateLimitedDelayMs(3000, () => 0.999999)).toBe(3249);
  });

  it('after the sender gives up: 5xx, 429 and network trouble may pass, a 403 chat does not', () => {
    expect(isTransientTelegramError(telegramError(503, 'Service Unavailable'))).toBe(true);
    expect(isTransientTelegramError(telegramError(429, 'Too Many Requests'))).toBe(true);
    expect(isTransientTelegramError(telegramError(400, 'Bad Request'))).toBe(false);
    expect(isTransientTelegramError(new ChatUnreachableError(42, 'Forbidden: bot was blocked by the user', 'sendMessage'))).toBe(false);
  });
});

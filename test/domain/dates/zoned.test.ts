import { describe, expect, it } from 'vitest';
import { lastScheduledAt } from '../../../src/domain/dates/zoned.js';

describe('zoned dates', () => {
  it('finds the last 02.00 WITA at or before a moment', () => {
    const two = { hour: 2, minute: 0 };
    const tz = 'Asia/Makassar';
    // 02.00 WITA = 18.00 UTC the day before.
    expect(lastScheduledAt(new Date('2026-12-04T18:00:00Z'), two, tz).toISOString()).toBe('2026-12-04T18:00:00.000Z');
    expect(lastScheduledAt(new Date('2026-12-04T17:59:59Z'), two, tz).toISOString()).toBe('2026-12-03T18:00:00.000Z');
    expect(lastScheduledAt(new Date('2026-12-05T09:00:00Z'), two, tz).toISOString()).toBe('2026-12-04T18:00:00.000Z');
    expect(lastScheduledAt(new Date('2027-01-01T00:30:00Z'), { hour: 23, minute: 30 }, tz).toISOString()).toBe('2026-12-31T15:30:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { dueAt, formatOffsets, parseOffsets, planReminders } from '../../../src/domain/reminders/offsets.js';

const TZ = 'Asia/Makassar';
const start = new Date('2026-12-03T01:00:00Z'); // Kamis 3 Desember 2026 09.00 WITA

function offsets(text: string) {
  const r = parseOffsets(text);
  if (!r.ok) throw new Error(r.bad);
  return r.offsets;
}

describe('reminder offsets', () => {
  it('parses and normalises', () => {
    expect(formatOffsets(offsets('1h, 1d@16:00'))).toBe('1d@16:00,1h');
    expect(formatOffsets(offsets('90 menit,2 jam,1 hari'))).toBe('1d,2h,90m');
    expect(formatOffsets(offsets('60m,1h'))).toBe('1h');
    expect(parseOffsets('1x')).toEqual({ ok: false, bad: '1x' });
    expect(parseOffsets('1h@16:00')).toEqual({ ok: false, bad: '1h@16:00' });
    expect(parseOffsets('30d')).toEqual({ ok: false, bad: '30d' });
    expect(parseOffsets('')).toEqual({ ok: false, bad: '' });
  });

  it('computes due times in the forum zone', () => {
    const [dayBefore, hour] = offsets('1d@16:00,1h');
    expect(dueAt(dayBefore!, start, TZ).toISOString()).toBe('2026-12-02T08:00:00.000Z'); // Rabu 16.00 WITA
    expect(dueAt(hour!, start, TZ).toISOString()).toBe('2026-12-03T00:00:00.000Z'); // Kamis 08.00 WITA
  });

  it('plans only reminders between now and the start', () => {
    const defaults = offsets('1d@16:00,1h');
    const early = planReminders(defaults, start, new Date('2026-11-30T01:00:00Z'), TZ);
    expect(early.map((p) => p.key)).toEqual(['1d@16:00', '1h']);
    // Created on Wednesday at 17.00: the day-before slot has passed, only the hour-before remains.
    const late = planReminders(defaults, start, new Date('2026-12-02T09:00:00Z'), TZ);
    expect(late.map((p) => p.key)).toEqual(['1h']);
    // A same-day offset after the start is dropped.
    expect(planReminders(offsets('0d@16:00'), start, new Date('2026-11-30T01:00:00Z'), TZ)).toEqual([]);
    // Two offsets on the same minute send once.
    expect(planReminders(offsets('1h,60m,0d@08:00'), start, new Date('2026-11-30T01:00:00Z'), TZ)).toHaveLength(1);
  });
});

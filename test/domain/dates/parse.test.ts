import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime } from '../../../src/domain/dates/parse.js';
import { formatDateTime } from '../../../src/i18n/format.js';

const TZ = 'Asia/Makassar';
// Senin, 30 November 2026 · 09.00 WITA
const now = new Date('2026-11-30T01:00:00Z');
const opts = { now, timeZone: TZ };

function at(input: string): string {
  const r = parseDateTime(input, opts);
  if (!r.ok) throw new Error(`${input}: ${r.reason}`);
  return formatDateTime(r.at, 'id', TZ);
}

function reason(input: string): string | undefined {
  const r = parseDateTime(input, opts);
  return r.ok ? undefined : r.reason;
}

describe('parseDateTime', () => {
  it('reads relative forms and parts of the day (now: Senin, 30 November 2026 · 09.00)', () => {
    expect(at('Kamis depan 9.00')).toBe('Kamis, 10 Desember 2026 · 09.00 WITA');
    expect(at('kamis depan jam 9')).toBe('Kamis, 10 Desember 2026 · 09.00 WITA');
    expect(at('minggu depan Selasa 10.00')).toBe('Selasa, 8 Desember 2026 · 10.00 WITA');
    expect(at('pekan depan selasa 10.00')).toBe('Selasa, 8 Desember 2026 · 10.00 WITA');
    expect(at('minggu depan 10.00')).toBe('Senin, 7 Desember 2026 · 10.00 WITA');
    expect(at('besok siang')).toBe('Selasa, 1 Desember 2026 · 12.00 WITA');
    expect(at('besok pagi')).toBe('Selasa, 1 Desember 2026 · 08.00 WITA');
    expect(at('nanti sore')).toBe('Senin, 30 November 2026 · 15.00 WITA');
    expect(at('nanti malam')).toBe('Senin, 30 November 2026 · 19.00 WITA');
    expect(at('lusa sore')).toBe('Rabu, 2 Desember 2026 · 15.00 WITA');
    expect(at('Jumat pagi')).toBe('Jumat, 4 Desember 2026 · 08.00 WITA');
    // A clock time still wins over the part of the day it qualifies.
    expect(at('besok jam 2 siang')).toBe('Selasa, 1 Desember 2026 · 14.00 WITA');
    expect(at('Minggu 10.00')).toBe('Minggu, 6 Desember 2026 · 10.00 WITA');
    expect(reason('nanti pagi')).toBe('past');
    expect(reason('minggu depan besok 10.00')).toBe('unparseable');
  });


  it('reads the forms people type, always in WITA', () => {
    expect(at('2026-12-03 09:00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('2026-12-03T09:00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('3/12/2026 09.00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('03-12-2026 9.30')).toBe('Kamis, 3 Desember 2026 · 09.30 WITA');
    expect(at('3.12.2026 pukul 13.15')).toBe('Kamis, 3 Desember 2026 · 13.15 WITA');
    expect(at('3 Des 2026 9:00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('3 Desember 2026 jam 14.00')).toBe('Kamis, 3 Desember 2026 · 14.00 WITA');
    expect(at('Kamis 09.00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at("Jum'at 08.00")).toBe('Jumat, 4 Desember 2026 · 08.00 WITA');
    expect(at('besok 14:00')).toBe('Selasa, 1 Desember 2026 · 14.00 WITA');
    expect(at('lusa 10.00')).toBe('Rabu, 2 Desember 2026 · 10.00 WITA');
    expect(at('hari ini 15.00')).toBe('Senin, 30 November 2026 · 15.00 WITA');
    expect(at('16:30')).toBe('Senin, 30 November 2026 · 16.30 WITA');
  });

  it('stores the instant in UTC (09.00 WITA is 01.00 UTC)', () => {
    const r = parseDateTime('2026-12-03 09:00', opts);
    expect(r.ok && r.at.toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });

  it('understands English month and day names, am/pm and the bot’s own output', () => {
    expect(at('3 Dec 2026 9:00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('December 3, 2026 2:30 pm')).toBe('Kamis, 3 Desember 2026 · 14.30 WITA');
    expect(at('Thursday 9am')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('tomorrow at 14')).toBe('Selasa, 1 Desember 2026 · 14.00 WITA');
    expect(at('Kamis, 3 Desember 2026 · 09.00 WITA')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('Thursday, 3 December 2026 · 09:00 WITA')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('besok jam 2 siang')).toBe('Selasa, 1 Desember 2026 · 14.00 WITA');
    expect(at('Rabu jam 7 malam')).toBe('Rabu, 2 Desember 2026 · 19.00 WITA');
  });

  it('takes a weekday as today while its time is still ahead, else next week', () => {
    expect(at('Senin 10.00')).toBe('Senin, 30 November 2026 · 10.00 WITA');
    expect(at('Senin 08.00')).toBe('Senin, 7 Desember 2026 · 08.00 WITA');
  });

  it('puts a date without a year in the coming twelve months', () => {
    expect(at('3/12 09.00')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(at('5 Jan 10.00')).toBe('Selasa, 5 Januari 2027 · 10.00 WITA');
    expect(at('30 Nov 08.00')).toBe('Selasa, 30 November 2027 · 08.00 WITA');
  });

  it('refuses the past, the impossible and the unreadable', () => {
    expect(reason('2026-11-30 08:59')).toBe('past');
    expect(reason('1/1/2020 09.00')).toBe('past');
    expect(reason('08:00')).toBe('past');
    expect(reason('31/2/2027 09.00')).toBe('invalid_date');
    expect(reason('2026-13-01 09:00')).toBe('invalid_date');
    expect(reason('3 Des 2026 25:00')).toBe('invalid_time');
    expect(reason('3 Des 2026 09:75')).toBe('invalid_time');
    expect(reason('3 Des 2026')).toBe('no_time');
    expect(reason('besok')).toBe('no_time');
    expect(reason('kapan-kapan')).toBe('unparseable');
    expect(reason('3 Dezember 2026 09.00')).toBe('unparseable');
    expect(reason('')).toBe('empty');
    expect(reason('Jumat, 3 Desember 2026 09.00')).toBe('weekday_mismatch');
    expect(reason('3/12/2062 09.00')).toBe('too_far');
  });

  it('honours the zone it is given', () => {
    const r = parseDateTime('2026-12-03 09:00', { now, timeZone: 'Asia/Jakarta' });
    expect(r.ok && r.at.toISOString()).toBe('2026-12-03T02:00:00.000Z');
  });
});

describe('parseDate', () => {
  it('reads a day for the end of a series', () => {
    const r = parseDate('31/3/2027', opts);
    expect(r).toEqual({ ok: true, date: { year: 2027, month: 3, day: 31 } });
    expect(parseDate('31 Maret 2027', opts)).toEqual(r);
    expect(parseDate('hari ini', opts)).toEqual({ ok: true, date: { year: 2026, month: 11, day: 30 } });
  });

  it('refuses a past day', () => {
    expect(parseDate('29/11/2026', opts)).toEqual({ ok: false, reason: 'past' });
    expect(parseDate('nanti', opts)).toEqual({ ok: false, reason: 'unparseable' });
  });
});

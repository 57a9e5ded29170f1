import { describe, expect, it } from 'vitest';
import { parseCapacity, parseOneLine } from '../../../src/domain/sessions/input.js';
import { occurrences } from '../../../src/domain/sessions/recurrence.js';

const TZ = 'Asia/Makassar';
const opts = { now: new Date('2026-11-30T01:00:00Z'), timeZone: TZ };

describe('one-line session form', () => {
  it('reads when | place | title', () => {
    const r = parseOneLine('2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP', opts);
    expect(r).toEqual({
      ok: true,
      value: {
        title: 'Bedah proposal KIPP',
        startsAt: new Date('2026-12-03T01:00:00Z'),
        place: 'Aula Bappelitbangda',
        agenda: null,
        capacity: null,
        recurrence: null,
        until: null,
      },
    });
  });

  it('reads the optional agenda, capacity and recurrence parts', () => {
    const r = parseOneLine('Kamis 09.00 | Aula | Bedah KIPP | Proposal Getar Dilan | kuota 30 | mingguan sampai 31/12/2026', opts);
    expect(r.ok && r.value).toMatchObject({ agenda: 'Proposal Getar Dilan', capacity: 30, recurrence: 'weekly', until: '2026-12-31' });
  });

  it('drops the word “agenda” the usage text tells people to type', () => {
    const r = parseOneLine('Kamis 09.00 | Aula | Bedah KIPP | agenda Bedah ide baru', opts);
    expect(r.ok && r.value.agenda).toBe('Bedah ide baru');
    const colon = parseOneLine('Kamis 09.00 | Aula | Bedah KIPP | Agenda: Bedah ide baru', opts);
    expect(colon.ok && colon.value.agenda).toBe('Bedah ide baru');
    const word = parseOneLine('Kamis 09.00 | Aula | Bedah KIPP | Agendakan ulang rapat', opts);
    expect(word.ok && word.value.agenda).toBe('Agendakan ulang rapat');
  });

  it('refuses bad parts with the field named', () => {
    expect(parseOneLine('Kamis 09.00 | Aula', opts)).toEqual({ ok: false, error: { field: 'usage' } });
    expect(parseOneLine('kemarin 09.00 | Aula | Judul', opts)).toEqual({ ok: false, error: { field: 'when', reason: 'unparseable' } });
    expect(parseOneLine('1/1/2026 09.00 | Aula | Judul', opts)).toEqual({ ok: false, error: { field: 'when', reason: 'past' } });
    expect(parseOneLine('Kamis 09.00 | Aula | Ju', opts)).toEqual({ ok: false, error: { field: 'title' } });
    expect(parseOneLine('Kamis 09.00 | Aula | Judul | kuota 0', opts)).toEqual({ ok: false, error: { field: 'capacity', reason: 'not_positive' } });
    expect(parseOneLine('Kamis 09.00 | Aula | Judul | kuota -5', opts)).toEqual({ ok: false, error: { field: 'capacity', reason: 'not_positive' } });
    expect(parseOneLine('Kamis 09.00 | Aula | Judul | mingguan', opts)).toEqual({ ok: false, error: { field: 'until', reason: 'missing' } });
    expect(parseOneLine('Kamis 09.00 | Aula | Judul | bulanan sampai 1/12/2026', opts)).toEqual({ ok: false, error: { field: 'until', reason: 'before_start' } });
  });

  it('reads capacities', () => {
    expect(parseCapacity('25')).toEqual({ ok: true, value: 25 });
    expect(parseCapacity('tanpa batas')).toEqual({ ok: true, value: null });
    expect(parseCapacity('0')).toEqual({ ok: false, reason: 'not_positive' });
    expect(parseCapacity('dua puluh')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('recurrence', () => {
  const first = new Date('2027-01-31T01:00:00Z'); // Minggu 31 Januari 2027 09.00 WITA
  it('repeats weekly, every two weeks and monthly up to the end date', () => {
    const until = { year: 2027, month: 2, day: 28 };
    expect(occurrences(first, 'weekly', until, TZ).map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2027-01-31', '2027-02-07', '2027-02-14', '2027-02-21', '2027-02-28',
    ]);
    expect(occurrences(first, 'biweekly', until, TZ)).toHaveLength(3);
    expect(occurrences(first, 'monthly', { year: 2027, month: 4, day: 30 }, TZ).map((d) => d.toISOString())).toEqual([
      '2027-01-31T01:00:00.000Z', '2027-02-28T01:00:00.000Z', '2027-03-31T01:00:00.000Z', '2027-04-30T01:00:00.000Z',
    ]);
    expect(occurrences(first, null, null, TZ)).toEqual([first]);
  });
});

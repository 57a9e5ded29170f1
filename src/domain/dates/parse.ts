import {
  addDays,
  compareDates,
  fromLocal,
  isValidDate,
  toLocal,
  weekdayOf,
  type LocalDate,
  type LocalDateTime,
} from './zoned.js';

/**
 * Dates and times the way people here type them, always read in the forum's zone (WITA):
 * `2026-12-03 09:00`, `3/12/2026 09.00`, `3 Des 2026 9:00`, `Kamis 09.00` (the next Thursday),
 * `besok 14:00`, `lusa 10.00`, English month and day names, `jam 2 siang`, `9am`, the bot's
 * own output `Kamis, 3 Desember 2026 · 09.00 WITA`, and relative forms: `Kamis depan 9.00`,
 * `minggu depan Selasa 10.00`, `besok pagi`, `nanti sore` (parts of day: PARTS_OF_DAY).
 * Pure: `now` and the zone are parameters.
 */

export type ParseFailure =
  | 'empty'
  | 'unparseable'
  | 'invalid_date'
  | 'invalid_time'
  | 'weekday_mismatch'
  | 'no_time'
  | 'past'
  | 'too_far';

export type DateTimeResult = { ok: true; at: Date; local: LocalDateTime } | { ok: false; reason: ParseFailure };
export type DateResult = { ok: true; date: LocalDate } | { ok: false; reason: ParseFailure };

export interface ParseOptions {
  now: Date;
  timeZone: string;
  /** How far ahead a date may lie (default two years): a typo in the year should not schedule 2062. */
  maxAheadDays?: number;
}

const DEFAULT_MAX_AHEAD_DAYS = 730;

const MONTHS: Record<string, number> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, pebruari: 2, february: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, ags: 8, agst: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

const WEEKDAYS: Record<string, number> = {
  minggu: 0, ahad: 0, sunday: 0, sun: 0, min: 0,
  senin: 1, monday: 1, mon: 1, sen: 1,
  selasa: 2, tuesday: 2, tue: 2, tues: 2, sel: 2,
  rabu: 3, wednesday: 3, wed: 3, rab: 3,
  kamis: 4, thursday: 4, thu: 4, thur: 4, thurs: 4, kam: 4,
  jumat: 5, friday: 5, fri: 5, jum: 5,
  sabtu: 6, saturday: 6, sat: 6, sab: 6,
};

/**
 * A part of the day said without a clock time ("besok siang", "nanti sore") means this hour.
 * One editable place; "jam 2 siang" still reads 14.00 (the word then only qualifies the hour).
 */
export const PARTS_OF_DAY: Record<string, TimeOfDayValue> = {
  pagi: { hour: 8, minute: 0 },
  siang: { hour: 12, minute: 0 },
  sore: { hour: 15, minute: 0 },
  malam: { hour: 19, minute: 0 },
  morning: { hour: 8, minute: 0 },
  noon: { hour: 12, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 19, minute: 0 },
};

export interface TimeOfDayValue {
  hour: number;
  minute: number;
}

const RELATIVE: Record<string, number> = {
  'hari ini': 0, 'today': 0, 'hr ini': 0,
  'besok': 1, 'esok': 1, 'bsk': 1, 'tomorrow': 1, 'besok hari': 1,
  'lusa': 2, 'day after tomorrow': 2, 'the day after tomorrow': 2,
};

/** Words that carry no meaning here: "hari Kamis", "pukul 9", "tanggal 3", "at 9", "on Monday". */
const FILLER = new Set(['pukul', 'pkl', 'pk', 'jam', 'at', 'on', 'tanggal', 'tgl', 'hari', 'the', '@', 'wita']);

type Meridiem = 'am' | 'pm' | 'pagi' | 'siang' | 'sore' | 'malam';

interface TimeOfDay {
  hour: number;
  minute: number;
}

function normalise(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/jum['’`]at/g, 'jumat')
    .replace(/(\d{4}-\d{1,2}-\d{1,2})t(\d)/g, '$1 $2')
    .replace(/a\.m\./g, 'am')
    .replace(/p\.m\./g, 'pm')
    .replace(/[,·•|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function applyMeridiem(hour: number, meridiem: Meridiem | undefined): number | undefined {
  if (!meridiem) return hour;
  if (hour > 12) return hour; // "14.00 siang": the 24-hour reading already says it
  switch (meridiem) {
    case 'am':
    case 'pagi':
      return hour === 12 ? 0 : hour;
    case 'pm':
      return hour === 12 ? 12 : hour + 12;
    case 'siang':
      return hour >= 1 && hour <= 5 ? hour + 12 : hour;
    case 'sore':
      return hour === 12 ? 12 : hour + 12;
    case 'malam':
      return hour >= 6 && hour <= 11 ? hour + 12 : hour === 12 ? 0 : hour;
  }
}

const MERIDIEM = '(am|pm|pagi|siang|sore|malam)';
// `9:00`, `09.00`, with an optional meridiem; never part of a date such as 3.12.2026.
const CLOCK = new RegExp(`(?<![\\d./-])(\\d{1,2})[:.](\\d{2})(?![\\d./:-])(?:\\s*${MERIDIEM}\\b)?`);
// `jam 9`, `pukul 14`, `at 9 pm`
const HOUR_AFTER_WORD = new RegExp(`\\b(?:pukul|pkl|jam|at)\\s*(\\d{1,2})(?![\\d:./-])(?:\\s*${MERIDIEM}\\b)?`);
// `9am`, `2 pm`, `3 sore`
const HOUR_WITH_MERIDIEM = new RegExp(`(?<![\\d./:-])(\\d{1,2})\\s*${MERIDIEM}\\b`);

/** Finds and removes the time of day; `invalid` when it is there but impossible (25:00). */
function extractTime(text: string): { time?: TimeOfDay; rest: string; invalid?: boolean } {
  for (const pattern of [CLOCK, HOUR_AFTER_WORD, HOUR_WITH_MERIDIEM]) {
    const m = pattern.exec(text);
    if (!m) continue;
    const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
    const hasMinutes = pattern === CLOCK;
    const rawHour = Number(m[1]);
    const minute = hasMinutes ? Number(m[2]) : 0;
    const meridiem = (hasMinutes ? m[3] : m[2]) as Meridiem | undefined;
    const hour = applyMeridiem(rawHour, meridiem);
    if (hour === undefined || hour > 23 || minute > 59 || (meridiem && rawHour === 0)) return { rest, invalid: true };
    return { time: { hour, minute }, rest };
  }
  return { rest: text };
}

type DatePart =
  | { kind: 'none' }
  | { kind: 'relative'; days: number }
  | { kind: 'weekday'; weekday: number; nextWeek?: boolean }
  | { kind: 'date'; date: LocalDate; yearGiven: boolean; weekday?: number };

function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

function parseDatePart(text: string, today: LocalDate): DatePart | 'unparseable' | 'invalid_date' {
  // "minggu depan" / "pekan depan" (next week) before "minggu" is read as Sunday.
  let nextWeek = false;
  const stripped = text.replace(/\b(?:minggu|pekan) (?:depan|berikutnya)\b|\bnext week\b/, () => {
    nextWeek = true;
    return ' ';
  });
  if (nextWeek) {
    const rest = stripped.split(' ').filter((w) => w && !FILLER.has(w));
    if (rest.length === 0) return { kind: 'relative', days: 7 };
    const day = rest[0]!.replace(/\.$/, '');
    if (rest.length === 1 && day in WEEKDAYS) return { kind: 'weekday', weekday: WEEKDAYS[day]!, nextWeek: true };
    return 'unparseable';
  }
  // "Kamis depan", "next Thursday": that weekday in the coming week.
  const next = /^(?:(?:hari )?([a-z]+)\.? (?:depan|berikutnya)|next ([a-z]+))$/.exec(text.split(' ').filter((w) => w && (w === 'hari' || !FILLER.has(w))).join(' '));
  const nextDay = next?.[1] ?? next?.[2];
  if (nextDay && nextDay in WEEKDAYS) return { kind: 'weekday', weekday: WEEKDAYS[nextDay]!, nextWeek: true };
  // "hari" is filler in "hari Kamis" but part of "hari ini".
  const relative = text.split(' ').filter((w) => w && (w === 'hari' || !FILLER.has(w))).join(' ');
  if (relative in RELATIVE) return { kind: 'relative', days: RELATIVE[relative]! };
  const words = text.split(' ').filter((w) => w && !FILLER.has(w));
  const joined = words.join(' ');
  if (joined === '') return { kind: 'none' };
  if (joined in RELATIVE) return { kind: 'relative', days: RELATIVE[joined]! };

  // A leading weekday is checked against the date when one follows ("Kamis, 3 Desember 2026").
  let weekday: number | undefined;
  const first = words[0]!.replace(/\.$/, '');
  if (first in WEEKDAYS) {
    weekday = WEEKDAYS[first];
    words.shift();
    if (words.length === 0) return { kind: 'weekday', weekday: weekday! };
  }
  const body = words.join(' ');
  let date: LocalDate | undefined;
  let yearGiven = true;

  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(body);
  if (m) date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!date && (m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$/.exec(body))) {
    yearGiven = m[3] !== undefined;
    date = { year: yearGiven ? fullYear(m[3]!) : today.year, month: Number(m[2]), day: Number(m[1]) };
  }
  if (!date && (m = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(body))) {
    const month = MONTHS[m[2]!];
    if (month === undefined) return 'unparseable';
    yearGiven = m[3] !== undefined;
    date = { year: yearGiven ? Number(m[3]) : today.year, month, day: Number(m[1]) };
  }
  if (!date && (m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(body))) {
    const month = MONTHS[m[1]!];
    if (month === undefined) return 'unparseable';
    yearGiven = m[3] !== undefined;
    date = { year: yearGiven ? Number(m[3]) : today.year, month, day: Number(m[2]) };
  }
  if (!date) return 'unparseable';
  if (!isValidDate(date)) return 'invalid_date';
  return { kind: 'date', date, yearGiven, ...(weekday !== undefined ? { weekday } : {}) };
}

function resolveDate(part: DatePart, today: LocalDate, isFuture: (d: LocalDate) => boolean): LocalDate | 'weekday_mismatch' {
  switch (part.kind) {
    case 'none':
      return today;
    case 'relative':
      return addDays(today, part.days);
    case 'weekday': {
      if (part.nextWeek) {
        // The week after this one (weeks start on Monday): "Kamis depan" said on a Tuesday is 9 days on.
        const monday = addDays(today, 7 - ((weekdayOf(today) + 6) % 7));
        return addDays(monday, (part.weekday + 6) % 7);
      }
      // The next such weekday; today only while the time is still ahead.
      for (let i = 0; i < 8; i++) {
        const d = addDays(today, i);
        if (weekdayOf(d) === part.weekday && isFuture(d)) return d;
      }
      return addDays(today, 7);
    }
    case 'date': {
      let date = part.date;
      // "3 Des" in late December means next year's.
      if (!part.yearGiven && !isFuture(date)) date = { ...date, year: date.year + 1 };
      if (part.weekday !== undefined && weekdayOf(date) !== part.weekday) return 'weekday_mismatch';
      return date;
    }
  }
}

/** A moment in the future, e.g. when a session starts. */
export function parseDateTime(input: string, options: ParseOptions): DateTimeResult {
  const { now, timeZone } = options;
  const text = normalise(input);
  if (text === '') return { ok: false, reason: 'empty' };
  const extracted = extractTime(text);
  const { invalid } = extracted;
  let { time, rest } = extracted;
  if (invalid) return { ok: false, reason: 'invalid_time' };
  if (!time) {
    // "besok siang", "nanti sore": the part of the day stands for its hour.
    const words = rest.split(' ');
    const i = words.findIndex((w) => w in PARTS_OF_DAY);
    if (i >= 0) {
      time = PARTS_OF_DAY[words[i]!]!;
      // "nanti sore" (later today): "nanti" only means today before a part of the day.
      rest = words.filter((w, j) => j !== i && w !== 'nanti').join(' ').trim();
    }
  }
  const today = toLocal(now, timeZone);
  const part = parseDatePart(rest, today);
  if (part === 'unparseable' || part === 'invalid_date') return { ok: false, reason: part };
  if (!time) return { ok: false, reason: part.kind === 'none' ? 'unparseable' : 'no_time' };
  const at = (d: LocalDate) => fromLocal({ ...d, ...time }, timeZone);
  const date = resolveDate(part, today, (d) => at(d).getTime() > now.getTime());
  if (date === 'weekday_mismatch') return { ok: false, reason: date };
  const instant = at(date);
  if (instant.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
  if (instant.getTime() > now.getTime() + (options.maxAheadDays ?? DEFAULT_MAX_AHEAD_DAYS) * 86_400_000) {
    return { ok: false, reason: 'too_far' };
  }
  return { ok: true, at: instant, local: { ...date, ...time } };
}

/** A calendar day from today on, e.g. the last day of a recurring series. */
export function parseDate(input: string, options: ParseOptions): DateResult {
  const { now, timeZone } = options;
  const text = normalise(input);
  if (text === '') return { ok: false, reason: 'empty' };
  const today = toLocal(now, timeZone);
  const part = parseDatePart(text, today);
  if (part === 'unparseable' || part === 'invalid_date') return { ok: false, reason: part };
  if (part.kind === 'none') return { ok: false, reason: 'unparseable' };
  const date = resolveDate(part, today, (d) => compareDates(d, today) >= 0);
  if (date === 'weekday_mismatch') return { ok: false, reason: date };
  if (compareDates(date, today) < 0) return { ok: false, reason: 'past' };
  if (compareDates(date, addDays(today, options.maxAheadDays ?? DEFAULT_MAX_AHEAD_DAYS)) > 0) return { ok: false, reason: 'too_far' };
  return { ok: true, date };
}

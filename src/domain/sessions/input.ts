import type { Recurrence } from '../../db/schema/index.js';
import { parseDate, parseDateTime, type ParseFailure, type ParseOptions } from '../dates/parse.js';
import { compareDates, isoDate, toLocal, type LocalDate } from '../dates/zoned.js';

/** What a coordinator types to schedule a session, checked without touching the database. */
export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const PLACE_MIN = 2;
export const PLACE_MAX = 300;
export const AGENDA_MAX = 1500;
export const CAPACITY_MAX = 10_000;

export interface SessionDraft {
  title: string;
  startsAt: Date;
  place: string;
  agenda: string | null;
  capacity: number | null;
  recurrence: Recurrence | null;
  /** `YYYY-MM-DD`, the last local date of the series. */
  until: string | null;
}

export type DraftError =
  | { field: 'usage' }
  | { field: 'title' }
  | { field: 'place' }
  | { field: 'agenda' }
  | { field: 'when'; reason: ParseFailure }
  | { field: 'capacity'; reason: CapacityError }
  | { field: 'recurrence' }
  | { field: 'until'; reason: ParseFailure | 'missing' | 'before_start' };

export type Checked<T> = { ok: true; value: T } | { ok: false; error: DraftError };

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

export function checkTitle(text: string): Checked<string> {
  const title = clean(text);
  if (title.length < TITLE_MIN || title.length > TITLE_MAX || title.startsWith('/')) return { ok: false, error: { field: 'title' } };
  return { ok: true, value: title };
}

export function checkPlace(text: string): Checked<string> {
  const place = clean(text);
  if (place.length < PLACE_MIN || place.length > PLACE_MAX || place.startsWith('/')) return { ok: false, error: { field: 'place' } };
  return { ok: true, value: place };
}

const NONE_WORDS = new Set(['-', 'tidak ada', 'tidak', 'tanpa', 'kosong', 'none', 'no', 'skip', 'lewati']);

/** Agenda text keeps its line breaks; "-" means none. */
export function checkAgenda(text: string): Checked<string | null> {
  const agenda = text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (agenda === '' || NONE_WORDS.has(agenda.toLowerCase())) return { ok: true, value: null };
  if (agenda.length > AGENDA_MAX) return { ok: false, error: { field: 'agenda' } };
  return { ok: true, value: agenda };
}

export type CapacityError = 'not_positive' | 'invalid' | 'too_large';
const UNLIMITED = new Set(['-', 'tanpa', 'tanpa batas', 'tidak ada', 'tidak', 'bebas', 'none', 'no limit', 'unlimited', 'no']);

/** A positive whole number of seats, or "no limit" (null). */
export function parseCapacity(text: string): { ok: true; value: number | null } | { ok: false; reason: CapacityError } {
  const t = clean(text).toLowerCase();
  if (UNLIMITED.has(t)) return { ok: true, value: null };
  if (!/^[-+]?\d{1,9}$/.test(t)) return { ok: false, reason: 'invalid' };
  const n = Number(t);
  if (n <= 0) return { ok: false, reason: 'not_positive' };
  if (n > CAPACITY_MAX) return { ok: false, reason: 'too_large' };
  return { ok: true, value: n };
}

const RECURRENCE_WORDS: Record<string, Recurrence | 'none'> = {
  mingguan: 'weekly', 'setiap minggu': 'weekly', 'tiap minggu': 'weekly', weekly: 'weekly', 'every week': 'weekly',
  'dua mingguan': 'biweekly', 'dua minggu': 'biweekly', 'dwimingguan': 'biweekly', 'setiap dua minggu': 'biweekly',
  'tiap dua minggu': 'biweekly', biweekly: 'biweekly', fortnightly: 'biweekly', 'every two weeks': 'biweekly',
  bulanan: 'monthly', 'setiap bulan': 'monthly', 'tiap bulan': 'monthly', monthly: 'monthly', 'every month': 'monthly',
  'sekali': 'none', 'tidak': 'none', 'tidak berulang': 'none', '-': 'none', once: 'none', none: 'none', no: 'none',
};

export function parseRecurrence(text: string): Recurrence | 'none' | undefined {
  return RECURRENCE_WORDS[clean(text).toLowerCase()];
}

/** The series' last day: on or after the first session's date. */
export function checkUntil(text: string, startsAt: Date, options: ParseOptions): Checked<string> {
  const parsed = parseDate(text, options);
  if (!parsed.ok) return { ok: false, error: { field: 'until', reason: parsed.reason } };
  const firstDay: LocalDate = toLocal(startsAt, options.timeZone);
  if (compareDates(parsed.date, firstDay) < 0) return { ok: false, error: { field: 'until', reason: 'before_start' } };
  return { ok: true, value: isoDate(parsed.date) };
}

const RECURRENCE_PART = /^(.+?)(?:\s+(?:sampai|hingga|s\/d|sd|until|till|to)\s+(.+))?$/i;
const CAPACITY_PART = /^(?:kuota|kapasitas|capacity|quota)\s*:?\s*(.+)$/i;
/** `| agenda Bedah ide baru`: the usage text tells people to type the word; it is not part of the agenda. */
const AGENDA_PART = /^(?:agenda|acara)\b\s*:?\s*/i;

/**
 * The one-line form: `<when> | <place> | <title> [| <agenda>] [| kuota 30] [| mingguan sampai 31/3/2027]`.
 * The optional parts are told apart by their first word.
 */
export function parseOneLine(payload: string, options: ParseOptions): Checked<SessionDraft> {
  const parts = payload.split('|').map((p) => p.trim());
  if (parts.length < 3 || parts.some((p) => p === '')) return { ok: false, error: { field: 'usage' } };
  const [whenText, placeText, titleText, ...extra] = parts as [string, string, string, ...string[]];
  const when = parseDateTime(whenText, options);
  if (!when.ok) return { ok: false, error: { field: 'when', reason: when.reason } };
  const place = checkPlace(placeText);
  if (!place.ok) return place;
  const title = checkTitle(titleText);
  if (!title.ok) return title;
  const draft: SessionDraft = {
    title: title.value,
    startsAt: when.at,
    place: place.value,
    agenda: null,
    capacity: null,
    recurrence: null,
    until: null,
  };
  let agendaSeen = false;
  for (const part of extra) {
    const cap = CAPACITY_PART.exec(part);
    if (cap) {
      const capacity = parseCapacity(cap[1]!);
      if (!capacity.ok) return { ok: false, error: { field: 'capacity', reason: capacity.reason } };
      draft.capacity = capacity.value;
      continue;
    }
    const rec = RECURRENCE_PART.exec(part);
    const recurrence = rec ? parseRecurrence(rec[1]!) : undefined;
    if (rec && recurrence && recurrence !== 'none') {
      if (!rec[2]) return { ok: false, error: { field: 'until', reason: 'missing' } };
      const until = checkUntil(rec[2], when.at, options);
      if (!until.ok) return until;
      draft.recurrence = recurrence;
      draft.until = until.value;
      continue;
    }
    if (agendaSeen) return { ok: false, error: { field: 'usage' } };
    const agenda = checkAgenda(part.replace(AGENDA_PART, ''));
    if (!agenda.ok) return agenda;
    draft.agenda = agenda.value;
    agendaSeen = true;
  }
  return { ok: true, value: draft };
}

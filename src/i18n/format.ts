import type { Language } from './languages.js';

const zoneLabels: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const locales: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

function zoneLabel(timeZone: string, at: Date): string {
  const known = zoneLabels[timeZone];
  if (known) return known;
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

function parts(date: Date, lang: Language, timeZone: string) {
  const map: Record<string, string> = {};
  for (const p of formatter(lang, timeZone).formatToParts(date)) map[p.type] = p.value;
  return map as Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string>;
}

/** `Kamis, 3 Desember 2026` / `Thursday, 3 December 2026` */
export function formatDate(date: Date, lang: Language, timeZone: string): string {
  const p = parts(date, lang, timeZone);
  return `${p.weekday}, ${p.day} ${p.month} ${p.year}`;
}

/** `09.00` in Indonesian, `09:00` in English. */
export function formatTime(date: Date, lang: Language, timeZone: string): string {
  const p = parts(date, lang, timeZone);
  return `${p.hour}${lang === 'id' ? '.' : ':'}${p.minute}`;
}

/** `Kamis, 3 Desember 2026 · 09.00 WITA` */
export function formatDateTime(date: Date, lang: Language, timeZone: string): string {
  return `${formatDate(date, lang, timeZone)} · ${formatTime(date, lang, timeZone)} ${zoneLabel(timeZone, date)}`;
}

/**
 * Building an Intl formatter costs far more than using one (a card's dates built two per render, a
 * measurable share of the bot's CPU under load): each kind is built once per language and time zone.
 */
function memo<F>(cache: Map<string, F>, key: string, build: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = build();
    cache.set(key, f);
  }
  return f;
}
const shortDates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();
const years = new Map<string, Intl.DateTimeFormat>();

/** `3 Des 2026` style short date for lists. */
export function formatShortDate(date: Date, lang: Language, timeZone: string): string {
  return memo(shortDates, `${lang}|${timeZone}`, () => new Intl.DateTimeFormat(locales[lang], { timeZone, day: 'numeric', month: 'short', year: 'numeric' })).format(date);
}

export function formatNumber(n: number, lang: Language): string {
  return memo(numbers, lang, () => new Intl.NumberFormat(locales[lang])).format(n);
}

/** The calendar year of an instant in the forum's time zone (recaps count by WITA year). */
export function yearIn(date: Date, timeZone: string): number {
  return Number(memo(years, timeZone, () => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })).format(date));
}

import type { TimeMove } from './commands.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallParts(at: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const map: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== 'literal') map[p.type] = Number(p.value);
  return map as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(at: number, timeZone: string): number {
  const p = wallParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant a wall clock in `timeZone` shows this date and time. */
export function wallTimeToInstant(w: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let at = asUtc - offsetAt(asUtc, timeZone);
  // A second pass settles instants near an offset change (not an issue for WITA, but for other zones).
  at = asUtc - offsetAt(at, timeZone);
  return new Date(at);
}

/** Where a `:time` argument moves the clock from `now`. */
export function targetOf(move: TimeMove, now: Date, timeZone: string): Date {
  if ('by' in move) return new Date(now.getTime() + move.by);
  if ('at' in move) return wallTimeToInstant(move.at, timeZone);
  const today = wallParts(now.getTime(), timeZone);
  const candidate = wallTimeToInstant({ year: today.year, month: today.month, day: today.day, ...move.next }, timeZone);
  if (candidate.getTime() > now.getTime()) return candidate;
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return wallTimeToInstant({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), ...move.next }, timeZone);
}

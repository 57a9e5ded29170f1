import { fromLocal, toLocal } from '../../domain/dates/zoned.js';
import type { TimeMove } from './commands.js';

/** Where a `:time` argument moves the clock from `now`. */
export function targetOf(move: TimeMove, now: Date, timeZone: string): Date {
  if ('by' in move) return new Date(now.getTime() + move.by);
  if ('at' in move) return fromLocal(move.at, timeZone);
  const today = toLocal(now, timeZone);
  const candidate = fromLocal({ year: today.year, month: today.month, day: today.day, ...move.next }, timeZone);
  if (candidate.getTime() > now.getTime()) return candidate;
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return fromLocal({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), ...move.next }, timeZone);
}

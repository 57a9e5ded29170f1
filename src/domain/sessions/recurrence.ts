import type { Recurrence } from '../../db/schema/index.js';
import { addDays, addMonths, compareDates, fromLocal, toLocal, type LocalDate } from '../dates/zoned.js';

/** A series stops here even if its end date is later: a year of weekly sessions. */
export const MAX_OCCURRENCES = 53;

/**
 * The start instants of a series: the first start, then every week / two weeks / month at the same
 * wall-clock time, up to and including the local date `until`. Monthly keeps the day of month,
 * clamped to short months (31 Jan → 28 Feb → 31 Mar, counted from the first date, not chained).
 */
export function occurrences(first: Date, recurrence: Recurrence | null, until: LocalDate | null, timeZone: string): Date[] {
  if (!recurrence || !until) return [first];
  const local = toLocal(first, timeZone);
  const time = { hour: local.hour, minute: local.minute };
  const out: Date[] = [];
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const day: LocalDate =
      recurrence === 'monthly' ? addMonths(local, i) : addDays(local, i * (recurrence === 'weekly' ? 7 : 14));
    if (compareDates(day, until) > 0) break;
    out.push(fromLocal({ ...day, ...time }, timeZone));
  }
  return out;
}

import { createEvent, type EventAttributes } from 'ics';
import type { Session } from '../../db/schema/index.js';
import type { AgendaIdea } from './queries.js';

export interface IcsTexts {
  /** Text for DESCRIPTION (plain, any language). */
  description: string;
  calendarName: string;
}

export function isOnlineLink(place: string): boolean {
  return /^https?:\/\/\S+$/i.test(place.trim());
}

/**
 * The meeting link as the calendar's URL field: scheme and host lower-cased (`https://Zoom.us/j/1`
 * becomes `https://zoom.us/j/1`, which is the same address); undefined when it is not a link or
 * cannot be read as one.
 */
export function icsUrl(place: string): string | undefined {
  if (!isOnlineLink(place)) return undefined;
  try {
    const url = new URL(place.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The session as an iCalendar file. Start and end are written in UTC (the instant is exact
 * whatever the reader's zone); X-WR-TIMEZONE tells calendar apps to show it in the forum's zone.
 * UID stays the same for the session's life and SEQUENCE grows with every change, so importing a
 * newer file updates the entry instead of adding a second one; a cancelled session says so.
 */
export function sessionIcs(session: Session, texts: IcsTexts, timeZone: string, stamp: Date): string {
  const url = icsUrl(session.place);
  const attributes = {
    uid: session.uid,
    sequence: session.sequence,
    start: session.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: session.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: session.title,
    description: texts.description,
    location: session.place,
    ...(url ? { url } : {}),
    status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'warkop-indah/bot',
    method: 'PUBLISH',
    calName: texts.calendarName,
    timestamp: stamp.getTime(),
  } as EventAttributes & { timestamp: number };
  let { error, value } = createEvent(attributes);
  if (error && url) {
    // A link the ics library still rejects is left out of URL; LOCATION keeps it as text.
    delete (attributes as { url?: string }).url;
    ({ error, value } = createEvent(attributes));
  }
  if (error || !value) throw error ?? new Error('ics: no output');
  return value.replace(/(X-WR-CALNAME:[^\r\n]*\r?\n)/, `$1X-WR-TIMEZONE:${timeZone}\r\n`);
}

/** Plain-text description: agenda text and agenda ideas. */
export function icsDescription(session: Session, ideas: AgendaIdea[], labels: { agenda: string; ideas: string }): string {
  const parts: string[] = [];
  if (session.agenda) parts.push(`${labels.agenda}: ${session.agenda}`);
  if (ideas.length) parts.push(`${labels.ideas}:\n${ideas.map((i) => `#${i.id} ${i.name}${i.expansion ? ` (${i.expansion})` : ''}`).join('\n')}`);
  return parts.join('\n\n');
}

import { Markup } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Language, RsvpAnswer, Session } from '../../db/schema/index.js';
import type { ParseFailure } from '../../domain/dates/parse.js';
import { parseIsoDate, toLocal, fromLocal } from '../../domain/dates/zoned.js';
import type { ReminderOffset } from '../../domain/reminders/offsets.js';
import { icsDescription, isOnlineLink, sessionIcs } from '../../domain/sessions/ics.js';
import type { DraftError } from '../../domain/sessions/input.js';
import type { SessionView } from '../../domain/sessions/queries.js';
import { formatDate, formatDateTime, formatTime } from '../../i18n/format.js';
import { html, joinHtml, type Html, type Translate } from '../../i18n/index.js';
import { callbackData } from '../callback-data.js';

/** Rendering shared by the handlers and the jobs (announcements, reminders, notices). */

const IDEAS_SHOWN = 8;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function placeHtml(t: Translate, place: string): Html {
  return isOnlineLink(place) ? html`<a href="${place.trim()}">${t('sess.ann.onlineLink')}</a> (${place.trim()})` : html`${place}`;
}

export function when(session: Pick<Session, 'startsAt'>, lang: Language, timeZone: string): string {
  return formatDateTime(session.startsAt, lang, timeZone);
}

export function untilLabel(until: string, lang: Language, timeZone: string): string {
  const d = parseIsoDate(until);
  return d ? formatDate(fromLocal({ ...d, hour: 12, minute: 0 }, timeZone), lang, timeZone) : until;
}

/** Time, place, agenda, ideas, recurrence (and the capacity line when it has one). */
export function detailLines(t: Translate, view: SessionView, lang: Language, timeZone: string): Html[] {
  const { session, counts, ideas } = view;
  const lines: Html[] = [t('sess.ann.when', { when: when(session, lang, timeZone) }), t('sess.ann.place', { place: placeHtml(t, session.place) })];
  if (session.agenda) lines.push(t('sess.ann.agenda', { agenda: session.agenda }));
  if (ideas.length) {
    // Bounded, so an announcement always fits one message and can be edited in place.
    const shown = ideas.slice(0, IDEAS_SHOWN).map((i) => t('sess.ann.idea', { id: i.id, name: clip(i.name, 60), expansion: i.expansion ? clip(i.expansion, 100) : null }));
    if (ideas.length > IDEAS_SHOWN) shown.push(t('sess.ann.moreIdeas', { n: ideas.length - IDEAS_SHOWN }));
    lines.push(joinHtml([t('sess.ann.ideas'), ...shown], '\n'));
  }
  if (session.recurrence && session.recurrenceUntil) {
    lines.push(t('sess.ann.recurrence', { label: t(`sess.recurrence.${session.recurrence}`).toString(), until: untilLabel(session.recurrenceUntil, lang, timeZone) }));
  }
  if (session.capacity !== null) lines.push(t('sess.ann.capacity', { seated: counts.yes, capacity: session.capacity, waitlist: counts.waitlist }));
  return lines;
}

export function rsvpKeyboard(t: Translate, sessionId: number): InlineKeyboardMarkup {
  return Markup.inlineKeyboard([
    [
      Markup.button.callback(t('sess.rsvp.yes').toString(), callbackData('s', 'r', sessionId, 'y')),
      Markup.button.callback(t('sess.rsvp.maybe').toString(), callbackData('s', 'r', sessionId, 'm')),
      Markup.button.callback(t('sess.rsvp.no').toString(), callbackData('s', 'r', sessionId, 'n')),
    ],
  ]).reply_markup;
}

/** The announcement as it stands now: details, counts, and the buttons while answers are open. */
export function announcement(t: Translate, view: SessionView, lang: Language, timeZone: string, now: Date): { text: Html; keyboard?: InlineKeyboardMarkup } {
  const { session, counts } = view;
  const blocks: Html[] = [joinHtml([t('sess.ann.header', { id: session.id }), html`<b>${session.title}</b>`], '\n'), joinHtml(detailLines(t, view, lang, timeZone), '\n')];
  blocks.push(t('sess.ann.counts', counts));
  if (session.status === 'cancelled') {
    blocks.unshift(t('sess.ann.cancelled', { reason: session.cancelReason ?? '' }));
    return { text: joinHtml(blocks, '\n\n') };
  }
  if (session.status === 'done' || session.endsAt.getTime() <= now.getTime()) return { text: joinHtml([...blocks, t('sess.ann.done')], '\n\n') };
  if (session.startsAt.getTime() <= now.getTime()) return { text: joinHtml([...blocks, t('sess.ann.started')], '\n\n') };
  blocks.push(t('sess.ann.hint'));
  return { text: joinHtml(blocks, '\n\n'), keyboard: rsvpKeyboard(t, session.id) };
}

export function answerLabel(t: Translate, answer: RsvpAnswer | undefined, waitlistPosition?: number): string {
  if (!answer) return t('sess.answer.none').toString();
  if (answer === 'yes' && waitlistPosition !== undefined) return t('sess.answer.waitlist', { position: waitlistPosition }).toString();
  return t(`sess.answer.${answer}`).toString();
}

export function durationLabel(t: Translate, minutes: number): string {
  if (minutes < 60) return t('sess.dur.minutes', { n: minutes }).toString();
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return (m === 0 ? t('sess.dur.hours', { n: h }) : t('sess.dur.hoursMinutes', { h, m })).toString();
}

/** "hari ini pukul 09.00 (1 jam lagi)", "besok pukul 09.00", or the date. */
export function relativeStart(t: Translate, startsAt: Date, now: Date, lang: Language, timeZone: string): string {
  const start = toLocal(startsAt, timeZone);
  const today = toLocal(now, timeZone);
  const dayIndex = (d: { year: number; month: number; day: number }) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  const days = dayIndex(start) - dayIndex(today);
  const time = formatTime(startsAt, lang, timeZone);
  if (days === 0) {
    const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
    return t('sess.rel.today', { time, in: durationLabel(t, minutes) }).toString();
  }
  if (days === 1) return t('sess.rel.tomorrow', { time }).toString();
  return t('sess.rel.later', { date: formatDateTime(startsAt, lang, timeZone) }).toString();
}

/** What every reminder says about its session (a member's and a group's): which one, when, where. */
export function reminderFields(t: Translate, session: Pick<Session, 'id' | 'title' | 'startsAt' | 'place'>, now: Date, lang: Language, timeZone: string) {
  return {
    id: session.id,
    title: session.title,
    relative: relativeStart(t, session.startsAt, now, lang, timeZone),
    when: when(session, lang, timeZone),
    place: placeHtml(t, session.place),
  };
}

function clock(hour: number, minute: number, lang: Language): string {
  return `${String(hour).padStart(2, '0')}${lang === 'id' ? '.' : ':'}${String(minute).padStart(2, '0')}`;
}

export function offsetLabel(t: Translate, offset: ReminderOffset, lang: Language): string {
  if (offset.kind === 'dayAt') {
    const time = clock(offset.hour, offset.minute, lang);
    if (offset.days === 0) return t('sess.offset.sameDay', { time }).toString();
    if (offset.days === 1) return t('sess.offset.dayBefore', { time }).toString();
    return t('sess.offset.daysBefore', { days: offset.days, time }).toString();
  }
  const duration = offset.minutes % 1440 === 0 ? t('sess.dur.days', { n: offset.minutes / 1440 }).toString() : durationLabel(t, offset.minutes);
  return t('sess.offset.before', { duration }).toString();
}

export function offsetsLabel(t: Translate, offsets: readonly ReminderOffset[], lang: Language): string {
  const labels = offsets.map((o) => offsetLabel(t, o, lang));
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} ${t('sess.list.and').toString()} ${labels.at(-1)}`;
}

export function icsFor(t: Translate, view: SessionView, timeZone: string, now: Date): { source: Buffer; filename: string } {
  const description = icsDescription(view.session, view.ideas, {
    agenda: t('sess.calendar.agendaLabel').toString(),
    ideas: t('sess.calendar.ideasLabel').toString(),
  });
  const text = sessionIcs(view.session, { description, calendarName: t('sess.calendar.name').toString() }, timeZone, now);
  return { source: Buffer.from(text, 'utf8'), filename: `warkop-indah-sesi-${view.session.id}.ics` };
}

const DATE_ERRORS: Record<ParseFailure, Parameters<Translate>[0]> = {
  empty: 'sess.date.empty',
  unparseable: 'sess.date.unparseable',
  invalid_date: 'sess.date.invalidDate',
  invalid_time: 'sess.date.invalidTime',
  weekday_mismatch: 'sess.date.weekdayMismatch',
  no_time: 'sess.date.noTime',
  past: 'sess.date.past',
  too_far: 'sess.date.tooFar',
};

/** Why a date was refused, with examples of what works. */
export function dateError(t: Translate, reason: ParseFailure, dateOnly = false): Html {
  return joinHtml([t(DATE_ERRORS[reason] as 'sess.date.past'), t(dateOnly ? 'sess.date.dateExamples' : 'sess.date.examples')], '\n');
}

export function inputError(t: Translate, error: DraftError): Html {
  switch (error.field) {
    case 'usage':
      return t('sess.new.usage');
    case 'title':
      return t('sess.input.title');
    case 'place':
      return t('sess.input.place');
    case 'agenda':
      return t('sess.input.agenda');
    case 'when':
      return dateError(t, error.reason);
    case 'capacity':
      return t(`sess.input.capacity.${error.reason}`);
    case 'recurrence':
      return t('sess.input.recurrence');
    case 'until':
      if (error.reason === 'missing') return t('sess.input.untilMissing');
      if (error.reason === 'before_start') return t('sess.input.untilBeforeStart');
      return dateError(t, error.reason, true);
  }
}

import { html, type Html } from '../html.js';
import type { sessions as source } from '../id/sessions.js';

type H = Html | string;

export const sessions: typeof source = {
  'cmd.link': 'Make this group/topic an announcement target',
  'cmd.unlink': 'Stop announcements in this group',
  'cmd.groups': 'Linked groups',
  'cmd.newSession': 'Schedule a Warkop Indah session',
  'cmd.sessions': 'Upcoming sessions and your answers',
  'cmd.agenda': 'Add an idea to a session agenda',
  'cmd.editSession': 'Change a session’s time, place, title, agenda or capacity',
  'cmd.cancelSession': 'Cancel a session',
  'cmd.calendar': 'Calendar file (.ics) of a session',
  'cmd.reminders': 'Set your session reminders',
  'cmd.minutes': 'Record session minutes',
  'cmd.attendance': 'Confirm who attended a session',

  'sess.link.linked': 'This group is now linked: Warkop Indah session announcements and broadcasts will be posted here.',
  'sess.link.linkedTopic': 'This topic is now linked: Warkop Indah session announcements and broadcasts will be posted in this topic.',
  'sess.link.moved': 'Announcements for this group now go to this topic.',
  'sess.link.already': 'This group is already linked here.',
  'sess.unlink.done': 'This group no longer receives session announcements and broadcasts.',
  'sess.unlink.notLinked': 'This group is not linked. Use /link to link it.',
  'sess.groups.title': (p: { count: number }): Html => html`<b>Linked groups</b> (${p.count})`,
  'sess.groups.none': 'No linked groups yet. Add the bot to a group, then send /link in the group or topic that should receive announcements.',
  'sess.groups.line': (p: { title: string; topic: number | null; reachable: boolean }): Html =>
    html`${p.reachable ? '✅' : '⚠️'} ${p.title}${p.topic !== null ? html` · topic #${p.topic}` : ''} — ${p.reachable ? 'reachable' : 'not reachable (the bot was removed or lacks access)'}`,

  'sess.date.past': 'That time has already passed. Please enter a time in the future.',
  'sess.date.unparseable': 'Sorry, I could not understand that date and time.',
  'sess.date.invalidDate': 'That date does not exist.',
  'sess.date.invalidTime': 'That time is not valid (use 00:00–23:59).',
  'sess.date.weekdayMismatch': 'The day name does not match the date.',
  'sess.date.noTime': 'Please include the time as well.',
  'sess.date.tooFar': 'That date is too far ahead (at most two years).',
  'sess.date.empty': 'Please type the date and time.',
  'sess.date.examples':
    'Examples that work (WITA): <code>2026-12-03 09:00</code>, <code>3/12/2026 09.00</code>, <code>3 Dec 2026 9:00</code>, <code>Thursday 09:00</code>, <code>tomorrow 14:00</code>, <code>lusa 10.00</code>.',
  'sess.date.dateExamples': 'For example <code>31/3/2027</code> or <code>31 March 2027</code>.',

  'sess.new.usage':
    'Type /newsession to be guided step by step, or in one line:\n<code>/newsession 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP</code>\nOptional extra parts: <code>| agenda …</code>, <code>| capacity 30</code>, <code>| weekly until 31/3/2027</code>.',
  'sess.new.askTitle': 'New session (1/6). Type the session <b>title</b>, e.g. <i>Bedah proposal KIPP 2027</i>.\n\nType /cancel to stop.',
  'sess.new.askWhen': (p: { title: string }): Html =>
    html`Title: <b>${p.title}</b>\n\n(2/6) When does it start? Type a date and time (WITA), e.g. <code>Thursday 09:00</code> or <code>3/12/2026 09.00</code>.`,
  'sess.new.askPlace': (p: { when: string }): Html => html`Time: <b>${p.when}</b>\n\n(3/6) Where? Type the <b>place</b> or an online meeting link.`,
  'sess.new.askAgenda': '(4/6) Type the session <b>agenda</b>, or <code>-</code> for none yet. Ideas from the pipeline can be added later with /agenda.',
  'sess.new.askCapacity': '(5/6) How many people can <b>attend</b>? Type a number, or choose no limit.',
  'sess.new.askRecurrence': '(6/6) Does this session <b>repeat</b>?',
  'sess.new.askUntil': (p: { label: string }): Html => html`Repeats ${p.label}. <b>Until which date</b>? E.g. <code>31/3/2027</code>.`,
  'sess.new.noLimit': '♾️ No limit',
  'sess.new.once': 'Does not repeat',
  'sess.new.save': '✅ Save and announce',
  'sess.new.discard': '❌ Cancel',
  'sess.new.summary': (p: { details: Html }): Html => html`<b>Check the new session</b>\n\n${p.details}\n\nSave it and announce it to the linked groups?`,
  'sess.new.capacity': (p: { capacity: number }): Html => html`👥 Capacity: ${p.capacity} people`,
  'sess.new.noCapacity': '👥 Capacity: no limit',
  'sess.new.useButtons': 'Please choose with the buttons above, or type /cancel.',
  'sess.new.discarded': 'All right, the session was not created.',
  'sess.new.stale': 'This session draft is no longer valid. Type /newsession to start again.',
  'sess.new.created': (p: { id: number; when: string; groups: number }): Html =>
    html`Session <b>#${p.id}</b> scheduled: ${p.when}.\n${p.groups > 0 ? html`The announcement goes to ${p.groups} linked group(s).` : 'No group is linked yet, so nothing was announced. Link groups with /link.'}\n\nAdd ideas to the agenda with <code>/agenda ${p.id} IDEA_NUMBER</code>.`,
  'sess.new.createdSeries': (p: { count: number; first: number; last: number; until: string }): Html =>
    html`Recurring series: ${p.count} meetings (#${p.first}–#${p.last}) until ${p.until}. Each meeting is announced once the previous one has ended.`,

  'sess.field.title': 'title',
  'sess.field.time': 'time',
  'sess.field.place': 'place',
  'sess.field.agenda': 'agenda',
  'sess.field.capacity': 'capacity',
  'sess.input.title': 'The title must be 3–200 characters.',
  'sess.input.place': 'The place must be 2–300 characters (a room or an online meeting link).',
  'sess.input.agenda': 'The agenda is too long (at most 1,500 characters).',
  'sess.input.capacity.not_positive': 'The capacity must be more than 0. Type a positive number, or choose no limit.',
  'sess.input.capacity.invalid': 'The capacity must be a number, e.g. <code>30</code>, or <code>none</code> for no limit.',
  'sess.input.capacity.too_large': 'The capacity can be at most 10,000.',
  'sess.input.recurrence': 'Repeat options: <code>weekly</code>, <code>biweekly</code>, <code>monthly</code>, or <code>no</code>.',
  'sess.input.untilMissing': 'A recurring session needs an end date, e.g. <code>weekly until 31/3/2027</code>.',
  'sess.input.untilBeforeStart': 'The end date cannot be before the first session.',

  'sess.recurrence.weekly': 'every week',
  'sess.recurrence.biweekly': 'every two weeks',
  'sess.recurrence.monthly': 'every month',
  'sess.recurrence.button.weekly': 'Weekly',
  'sess.recurrence.button.biweekly': 'Every two weeks',
  'sess.recurrence.button.monthly': 'Monthly',

  'sess.ann.header': (p: { id: number }): Html => html`📣 <b>Warkop Indah session #${p.id}</b>`,
  'sess.ann.when': (p: { when: string }): Html => html`🗓 ${p.when}`,
  'sess.ann.place': (p: { place: H }): Html => html`📍 ${p.place}`,
  'sess.ann.onlineLink': 'Online meeting link',
  'sess.ann.agenda': (p: { agenda: string }): Html => html`📝 <b>Agenda:</b> ${p.agenda}`,
  'sess.ann.ideas': '💡 <b>Ideas to discuss:</b>',
  'sess.ann.idea': (p: { id: number; name: string; expansion: string | null }): Html =>
    html`• #${p.id} <b>${p.name}</b>${p.expansion ? html` (${p.expansion})` : ''}`,
  'sess.ann.moreIdeas': (p: { n: number }): Html => html`… and ${p.n} more`,
  'sess.ann.recurrence': (p: { label: string; until: string }): Html => html`🔁 Repeats ${p.label} until ${p.until}`,
  'sess.ann.capacity': (p: { seated: number; capacity: number; waitlist: number }): Html =>
    html`👥 Capacity: ${p.seated}/${p.capacity}${p.waitlist > 0 ? html` · waitlist: ${p.waitlist}` : ''}`,
  'sess.ann.counts': (p: { yes: number; maybe: number; no: number }): Html => html`✅ Attending: ${p.yes} · 🤔 Maybe: ${p.maybe} · ❌ Not attending: ${p.no}`,
  'sess.ann.hint': 'Choose your answer with the buttons below.',
  'sess.ann.cancelled': (p: { reason: string }): Html => html`🚫 <b>CANCELLED</b> — ${p.reason}`,
  'sess.ann.done': '✔️ This session has ended. Thank you for taking part.',
  'sess.ann.started': '▶️ This session has started.',
  'sess.ann.icsCaption': (p: { id: number }): Html => html`📅 Calendar file for session #${p.id} — open it to add the session to your calendar.`,

  'sess.rsvp.yes': '✅ Attending',
  'sess.rsvp.maybe': '🤔 Maybe',
  'sess.rsvp.no': '❌ Not attending',
  'sess.answer.yes': 'Attending',
  'sess.answer.maybe': 'Maybe',
  'sess.answer.no': 'Not attending',
  'sess.answer.waitlist': (p: { position: number }): Html => html`Attending (waitlist no. ${p.position})`,
  'sess.answer.none': 'no answer yet',
  'sess.rsvp.recorded': (p: { id: number; answer: string }): Html => html`Your answer for session #${p.id}: ${p.answer}.`,
  'sess.rsvp.waitlisted': (p: { id: number; position: number }): Html =>
    html`Session #${p.id} is full. You are number ${p.position} on the waitlist; we will tell you when a seat frees up.`,
  'sess.rsvp.unchanged': (p: { answer: string }): Html => html`Your answer stays: ${p.answer}.`,
  'sess.rsvp.refused.not_found': 'That session was not found.',
  'sess.rsvp.refused.cancelled': 'This session has been cancelled.',
  'sess.rsvp.refused.done': 'This session has ended.',
  'sess.rsvp.refused.started': 'This session has started; answers can no longer be changed.',
  'sess.rsvp.registerFirst': 'Please register first. Your answer is kept and recorded once you are registered.',
  'sess.rsvp.kept': (p: { id: number; answer: string }): Html =>
    html`Your answer for session #${p.id} (${p.answer}) is saved and will be recorded once you finish registering.`,
  'sess.rsvp.applied': (p: { id: number; title: string; answer: string; when: string }): Html =>
    html`Thank you for registering. Your answer for session #${p.id} <b>${p.title}</b> (${p.when}) is recorded: <b>${p.answer}</b>.`,
  'sess.rsvp.dropped': (p: { id: number; title: string }): Html =>
    html`Your answer for session #${p.id} <b>${p.title}</b> could not be recorded because the session was cancelled or has started.`,

  'sess.notice.changed': (p: { id: number; title: string; field: string; before: string; details: Html }): Html =>
    html`✏️ <b>Session #${p.id} changed</b> — ${p.field} (was: ${p.before})\n\n<b>${p.title}</b>\n${p.details}\n\nUpdated calendar file: /calendar ${p.id}`,
  'sess.notice.cancelled': (p: { id: number; title: string; when: string; reason: string }): Html =>
    html`🚫 <b>Session #${p.id} cancelled</b>\n<b>${p.title}</b>\n🗓 ${p.when}\n\nReason: ${p.reason}`,
  'sess.notice.promoted': (p: { id: number; title: string; when: string; place: H }): Html =>
    html`🎉 A seat is yours! You are now registered as <b>attending</b> session #${p.id} <b>${p.title}</b>.\n🗓 ${p.when}\n📍 ${p.place}\n\nIf you cannot come, change your answer so the seat goes to the next person.`,

  'sess.reminder.member': (p: { id: number; title: string; relative: string; when: string; place: H; answer: string }): Html =>
    html`⏰ <b>Reminder, session #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n\nYour answer: ${p.answer}. Set reminders with /reminders.`,
  'sess.reminder.group': (p: { id: number; title: string; relative: string; when: string; place: H; yes: number }): Html =>
    html`⏰ <b>Reminder, Warkop Indah session #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n✅ ${p.yes} people attending.`,
  'sess.rel.today': (p: { time: string; in: string }): Html => html`today at ${p.time} (in ${p.in})`,
  'sess.rel.tomorrow': (p: { time: string }): Html => html`tomorrow at ${p.time}`,
  'sess.rel.later': (p: { date: string }): Html => html`${p.date}`,
  'sess.dur.minutes': (p: { n: number }): Html => html`${p.n} min`,
  'sess.dur.hours': (p: { n: number }): Html => html`${p.n} h`,
  'sess.dur.hoursMinutes': (p: { h: number; m: number }): Html => html`${p.h} h ${p.m} min`,
  'sess.minutes.prompt': (p: { id: number; title: string }): Html =>
    html`📝 Session #${p.id} <b>${p.title}</b> has ended. Please record the minutes:\n<code>/minutes ${p.id} summary of the discussion…</code>\n\nConfirm who attended with /attendance ${p.id}.`,

  'sess.list.title': '<b>Upcoming Warkop Indah sessions</b>',
  'sess.list.none': 'No sessions are scheduled yet.',
  'sess.list.line': (p: { id: number; when: string; title: string; answer: string }): Html =>
    html`#${p.id} · ${p.when}\n   <b>${p.title}</b> — you: ${p.answer}`,
  'sess.list.hint': 'Type <code>/sessions NUMBER</code> for details and to answer.',

  'sess.detail.header': (p: { id: number; title: string }): Html => html`<b>Session #${p.id}: ${p.title}</b>`,
  'sess.detail.yourAnswer': (p: { answer: string }): Html => html`Your answer: <b>${p.answer}</b>`,
  'sess.detail.attendees': '<b>Attending, by agency</b>',
  'sess.detail.maybe': '<b>Maybe</b>',
  'sess.detail.waitlist': '<b>Waitlist</b>',
  'sess.detail.agencyLine': (p: { agency: string; names: string }): Html => html`• ${p.agency}: ${p.names}`,
  'sess.detail.waitLine': (p: { position: number; name: string; agency: string }): Html => html`${p.position}. ${p.name} (${p.agency})`,
  'sess.detail.noAttendees': 'Nobody has answered “attending” yet.',
  'sess.detail.namesInPrivate': 'Attendee names are shown in your private chat with the bot.',
  'sess.detail.minutes': (p: { text: string }): Html => html`<b>Minutes:</b>\n${p.text}`,
  'sess.detail.usage': 'Type <code>/sessions NUMBER</code>, e.g. <code>/sessions 12</code>.',
  'sess.session.notFound': (p: { id: string }): Html => html`Session #${p.id} was not found. Type /sessions to see upcoming sessions.`,

  'sess.agenda.usage': 'Usage: <code>/agenda SESSION IDEA</code>, e.g. <code>/agenda 12 4</code>. To remove: <code>/agenda 12 -4</code>.',
  'sess.agenda.added': (p: { session: number; idea: number; name: string }): Html =>
    html`Idea #${p.idea} <b>${p.name}</b> added to the agenda of session #${p.session}.`,
  'sess.agenda.removed': (p: { session: number; idea: number; name: string }): Html =>
    html`Idea #${p.idea} <b>${p.name}</b> removed from the agenda of session #${p.session}.`,
  'sess.agenda.duplicate': (p: { session: number; idea: number }): Html => html`Idea #${p.idea} is already on the agenda of session #${p.session}.`,
  'sess.agenda.notOnAgenda': (p: { session: number; idea: number }): Html => html`Idea #${p.idea} is not on the agenda of session #${p.session}.`,
  'sess.agenda.ideaNotFound': (p: { idea: string }): Html => html`Idea #${p.idea} was not found.`,
  'sess.agenda.closed': 'The agenda can only change while the session is scheduled.',

  'sess.edit.usage':
    'Usage: <code>/editsession NUMBER FIELD VALUE</code>\nFields: <code>time</code>, <code>place</code>, <code>title</code>, <code>agenda</code>, <code>capacity</code>.\nExamples: <code>/editsession 12 time Friday 14:00</code>, <code>/editsession 12 capacity 40</code>, <code>/editsession 12 capacity none</code>.',
  'sess.edit.done': (p: { id: number; field: string; notified: number }): Html =>
    html`Session #${p.id} changed (${p.field}).${p.notified > 0 ? html` ${p.notified} notice(s) sent to attendees and groups.` : ''}`,
  'sess.edit.promoted': (p: { count: number }): Html => html`${p.count} people from the waitlist got a seat and were told.`,
  'sess.edit.unchanged': 'Nothing changed: the value is the same as before.',
  'sess.session.refused.cancelled': 'That session has been cancelled.',
  'sess.session.refused.done': 'That session has ended.',
  'sess.session.refused.started': 'That session has started, so it can no longer be changed or cancelled.',

  'sess.cancel.usage': 'Usage: <code>/cancelsession NUMBER reason</code>, e.g. <code>/cancelsession 12 The hall is needed for the Regent’s meeting</code>.',
  'sess.cancel.reasonMissing': 'Please give a reason for cancelling, so attendees know why.',
  'sess.cancel.done': (p: { id: number; notified: number }): Html =>
    html`Session #${p.id} cancelled. ${p.notified} notice(s) sent; no reminders will go out for it.`,

  'sess.calendar.usage': 'Usage: <code>/calendar SESSION</code>, e.g. <code>/calendar 12</code>.',
  'sess.calendar.caption': (p: { id: number; title: string }): Html => html`📅 Session #${p.id}: ${p.title}`,
  'sess.calendar.name': 'Warkop Indah',
  'sess.calendar.agendaLabel': 'Agenda',
  'sess.calendar.ideasLabel': 'Ideas to discuss',

  'sess.reminders.current': (p: { list: string }): Html => html`<b>Your session reminders</b>: ${p.list}.`,
  'sess.reminders.defaultTag': '(default)',
  'sess.reminders.off': '<b>Your session reminders</b>: off.',
  'sess.reminders.help':
    'Reminders are sent for sessions you answered Attending or Maybe. Choose below, or set your own, e.g. <code>/reminders 1d@16:00,2h</code> (d = days, h = hours, m = minutes; <code>@16:00</code> = at 16:00 WITA).',
  'sess.reminders.default': (p: { list: string }): Html => html`Default: ${p.list}`,
  'sess.reminders.only': (p: { label: string }): Html => html`Only ${p.label}`,
  'sess.reminders.turnOff': '🔕 Turn off',
  'sess.reminders.saved': (p: { list: string }): Html => html`Reminders saved: ${p.list}. This also applies to sessions you have already answered.`,
  'sess.reminders.turnedOff': 'Session reminders are off. Type /reminders to turn them on again.',
  'sess.reminders.invalid': (p: { bad: string }): Html =>
    html`I could not understand “${p.bad}”. Examples: <code>/reminders 1d@16:00,1h</code> or <code>/reminders 30m</code>; <code>/reminders off</code> to turn them off.`,
  'sess.offset.dayBefore': (p: { time: string }): Html => html`the day before at ${p.time}`,
  'sess.offset.daysBefore': (p: { days: number; time: string }): Html => html`${p.days} days before at ${p.time}`,
  'sess.offset.sameDay': (p: { time: string }): Html => html`on the day at ${p.time}`,
  'sess.offset.before': (p: { duration: string }): Html => html`${p.duration} before`,
  'sess.dur.days': (p: { n: number }): Html => html`${p.n} ${p.n === 1 ? 'day' : 'days'}`,
  'sess.list.and': 'and',

  'sess.minutes.usage': 'Usage: <code>/minutes SESSION text of the minutes</code>.',
  'sess.minutes.tooLong': (p: { max: number }): Html => html`The minutes are too long (at most ${p.max} characters).`,
  'sess.minutes.notStarted': 'That session has not started yet; minutes can be recorded once it has taken place.',
  'sess.minutes.cancelled': 'That session was cancelled, so there are no minutes.',
  'sess.minutes.saved': (p: { id: number }): Html => html`Minutes of session #${p.id} saved; the session is marked as done.`,
  'sess.minutes.updated': (p: { id: number }): Html => html`Minutes of session #${p.id} updated.`,
  'sess.minutes.askDiscuss': 'Move the discussed ideas to the <b>Discussed</b> stage?',
  'sess.minutes.moveOne': (p: { id: number; name: string }): Html => html`➡️ #${p.id} ${p.name}`,
  'sess.minutes.moveAll': '➡️ All ideas',
  'sess.minutes.keep': 'No need',
  'sess.minutes.moved': (p: { ideas: string }): Html => html`Moved to Discussed: ${p.ideas}.`,
  'sess.minutes.nothingMoved': 'No idea was moved (they may have been moved already).',
  'sess.minutes.kept': 'All right, the ideas keep their stage.',

  'sess.attendance.usage': 'Usage: <code>/attendance SESSION</code>.',
  'sess.attendance.notStarted': 'Attendance can be confirmed once the session has started.',
  'sess.attendance.title': (p: { id: number; title: string; confirmed: number; total: number; page: number; pages: number }): Html =>
    html`<b>Attendance, session #${p.id}</b>: ${p.title}\nConfirmed present: ${p.confirmed} of ${p.total}. Press a name to change it (page ${p.page}/${p.pages}).`,
  'sess.attendance.none': 'Nobody answered Attending or Maybe for this session.',
  'sess.attendance.person': (p: { mark: string; name: string; agency: string }): Html => html`${p.mark} ${p.name} (${p.agency})`,
  'sess.attendance.noAnswer': 'That member did not answer the invitation to this session.',

  'sess.session.badNumber': (p: { text: string }): Html => html`“${p.text}” is not a session number. The number is in the announcement, e.g. #12.`,
};

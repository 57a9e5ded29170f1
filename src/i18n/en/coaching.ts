import { html } from '../html.js';
import type { coaching as source } from '../id/coaching.js';

export const coaching: typeof source = {
  'cmd.coach': 'Assign or remove the coach of an idea',
  'cmd.coaching': 'The ideas you coach',
  'cmd.coachingNote': 'Write a coaching note on an idea',

  'coaching.coach.usage':
    'Usage:\n<code>/coach 12 @username</code> — make someone a coach of idea 12\n<code>/coach 12 remove @username</code> — end their coaching\n<code>/coach 12</code> — see the coaches of that idea',
  'coaching.memberNotFound': (p) => html`Member ${p.handle} was not found. Make sure they have started the bot and registered with /register.`,
  'coaching.assigned': (p) => html`✅ ${p.coach} is now a coach of idea #${p.id} <b>${p.name}</b>. They have been told in a private message.`,
  'coaching.removed': (p) => html`✅ ${p.coach} no longer coaches idea #${p.id} <b>${p.name}</b>. Their coaching reminders are cancelled.`,
  'coaching.refused.not_coordinator': 'Only Warkop Indah coordinators can assign coaches.',
  'coaching.refused.archived': 'That idea is archived, so it cannot be coached. Reopen it first.',
  'coaching.refused.not_registered': (p) => html`${p.coach} is not a registered member yet. Ask them to register with /register first.`,
  'coaching.refused.own_idea': 'The author of an idea cannot coach their own idea. Please choose another member.',
  'coaching.refused.already': (p) => html`${p.coach} already coaches idea #${p.id}.`,
  'coaching.refused.not_a_coach': (p) => html`${p.coach} is not a coach of idea #${p.id}.`,

  'coaching.list.title': (p) => html`<b>Coaches of idea #${p.id} ${p.name}</b>`,
  'coaching.list.item': (p) => html`• ${p.name} — since ${p.date}, assigned by ${p.by}`,
  'coaching.list.empty': (p) => html`Idea #${p.id} has no coach yet. Assign one with <code>/coach ${p.id} @username</code>.`,

  'coaching.mine.title': (p) => html`<b>Ideas you coach</b> (${p.count})`,
  'coaching.mine.item': (p) => html`#${p.id} <b>${p.name}</b> · ${p.agency} · ${p.stage}\n   Last coaching: ${p.last}`,
  'coaching.mine.next': (p) => html`\n   Next coaching: ${p.when}`,
  'coaching.mine.never': 'none yet',
  'coaching.mine.empty': 'You are not a coach of any idea yet. Coordinators assign coaches with /coach.',
  'coaching.mine.hint': 'Write a note with <code>/note N text</code> or the 📒 button on the idea card.',

  'coaching.note.usage':
    'Usage:\n<code>/note 12 note text</code> — a coaching note on idea 12\n<code>/note 12 note text | Thursday 09:00</code> — and set the next coaching date\nIn a private chat, <code>/note 12</code> alone guides you.',
  'coaching.note.notAllowed': (p) => html`Coaching notes on idea #${p.id} can only be written by its coaches or Warkop Indah coordinators.`,
  'coaching.note.archived': 'That idea is archived; coaching notes can no longer be added.',
  'coaching.note.pastDate': 'The next coaching date must be in the future.',
  'coaching.note.ask': (p) =>
    html`📒 Coaching note on idea #${p.id} <b>${p.name}</b> (1/2).\nWrite what was discussed and what follows.\n\nType /cancel to stop.`,
  'coaching.note.askNext': (p) =>
    html`📅 When is the next coaching for idea #${p.id}? (2/2)\nType the date and time (WITA), e.g. <code>Thursday 09:00</code> or <code>10/12/2026 14:00</code>; or press <i>Skip</i> if there is no date yet.`,
  'coaching.note.btn.skip': 'Skip',
  'coaching.note.btn.write': '📒 Coaching note',
  'coaching.note.tooLong': (p) => html`The note is too long (${p.length} characters, at most ${p.max}). Please shorten it.`,
  'coaching.note.empty': 'The note cannot be empty. Please write it.',
  'coaching.note.saved': (p) => html`✅ Coaching note on idea #${p.id} <b>${p.name}</b> saved.`,
  'coaching.note.savedNext': (p) => html`📅 Next coaching: ${p.when}. The coaches and the author will be reminded.`,
  'coaching.note.ownerTold': 'The author has been told in a private message.',
  'coaching.note.groupHint': (p) => html`In a group, write the note with /note ${p.id} text, or press this button in your private chat with the bot.`,
  'coaching.note.stale': 'This button is no longer valid. Start again with the 📒 button on the idea card.',

  'coaching.notice.assigned': (p) =>
    html`🤝 ${p.actor} made you a coach of idea #${p.id} <b>${p.name}</b>.\nSee the idea with /ideas ${p.id}; write a coaching note with <code>/note ${p.id} text</code>. The ideas you coach: /coaching.`,
  'coaching.notice.note': (p) => html`📒 New coaching note on your idea #${p.id} <b>${p.name}</b> from ${p.author}:\n\n${p.text}`,
  'coaching.notice.next': (p) => html`\n\n📅 Next coaching: ${p.when}. You will be reminded.`,

  'coaching.reminder': (p) => html`⏰ Coaching reminder for idea #${p.id} <b>${p.name}</b>: ${p.relative}\n🗓 ${p.when}\n\nSee the idea with /ideas ${p.id}.`,

  'coaching.digest.title': (p) =>
    html`📋 <b>Weekly coaching digest</b>\n${p.count} coached ideas have had no coaching for more than ${p.days} days:`,
  'coaching.digest.item': (p) => html`• #${p.id} <b>${p.name}</b> (${p.agency}) — ${p.last}`,
  'coaching.digest.lastNote': (p) => html`last note ${p.date}`,
  'coaching.digest.noNote': (p) => html`no note since a coach was assigned on ${p.date}`,
  'coaching.digest.more': (p) => html`… and ${p.n} more ideas.`,
  'coaching.digest.hint': 'See their coaches with <code>/coach N</code>.',

  'coaching.card.coaches': (p) => html`🤝 Coaches: ${p.names}`,
  'coaching.card.last': (p) => html`📒 Last coaching: ${p.date}`,
  'coaching.card.next': (p) => html`📅 Next coaching: ${p.when}`,
  'coaching.card.history': (p) => html`• ${p.date} — coaching note by ${p.actor}`,
};

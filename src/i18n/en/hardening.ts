import { html } from '../html.js';
import type { hardening as source } from '../id/hardening.js';

export const hardening: typeof source = {
  'press.forged': 'This button is no longer valid. Please send the command again.',
  'press.notYourView': 'These buttons are for the member who sent the command. Please send the command yourself if you need it.',
  'flood.slowDown': 'Please wait a moment: too many commands in a short time. Your next command will be answered again in a few seconds.',
  'flood.chatBusy': 'This group is sending too many commands at once. Some were skipped; please repeat the important ones in a moment.',
  'comment.registerFirst': 'Comments in an idea topic are kept only from registered members. Register first in a private chat with the bot: /daftar',

  'handle.ambiguous': (p) =>
    html`More than one member has the username ${p.handle}. Ask the person you mean to send /start to the bot so their details are refreshed, or use their Telegram ID.`,

  'cmd.coauthor': 'Add or remove the co-authors of an idea',
  'collab.usage':
    'How to use:\n<code>/coauthor 12</code> — list the co-authors of idea 12\n<code>/coauthor 12 @name</code> — add a co-author\n<code>/coauthor 12 remove @name</code> — remove a co-author\nCo-authors may request the idea’s proposal draft like its author.',
  'collab.forbidden': (p) => html`The co-authors of idea ${p.id} can be changed only by its author or a coordinator.`,
  'collab.memberNotFound': (p) => html`Member ${p.handle} was not found. Make sure they have registered with the bot and the username is right.`,
  'collab.unregistered': (p) => html`${p.name} has not registered yet. Ask them to register first with /register.`,
  'collab.owner': (p) => html`${p.name} is the author of this idea.`,
  'collab.already': (p) => html`${p.name} is already a co-author of this idea.`,
  'collab.full': (p) => html`An idea can have at most ${p.max} co-authors.`,
  'collab.added': (p) => html`✅ ${p.name} is now a co-author of idea #${p.id} ${p.idea} and may request its proposal draft.`,
  'collab.removed': (p) => html`${p.name} is no longer a co-author of idea #${p.id}.`,
  'collab.notOne': (p) => html`${p.name} is not a co-author of idea #${p.id}.`,
  'collab.list': (p) => html`Co-authors of idea #${p.id} ${p.idea}: ${p.names}`,
  'collab.none': (p) => html`Idea #${p.id} has no co-authors yet. The author can add one with <code>/coauthor ${p.id} @name</code>.`,

  'rsvp.confirmLink': (p) =>
    html`The link you opened suggests the answer <b>${p.answer}</b> for session #${p.id} ${p.title}. Nothing has been recorded yet: choose your answer with the buttons below.`,
  'role.envAdmin': (p) =>
    html`${p.name} is an admin through the ADMIN_TELEGRAM_IDS setting, so /role cannot change their role. Remove their ID from that setting and restart the bot; they then become a regular member.`,
};

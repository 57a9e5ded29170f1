import { html } from '../html.js';
import type { texts as source } from '../id/texts.js';

export const texts: typeof source = {
  'ideas.delete.undoHint': 'Deleted by mistake? Its author or a coordinator can restore it with the button below.',
  'ideas.restore.btn': '↩️ Restore the idea',
  'ideas.restore.done': (p) => html`↩️ Idea <b>#${p.id} ${p.name}</b> has been restored. See it with /ideas ${p.id}.`,
  'ideas.restore.notAllowed': 'Only the author of this idea or a coordinator can restore it.',
  'ideas.restore.notDeleted': 'This idea is not deleted; it may already have been restored.',
  'ideas.card.btn.supported': '✅ You support this',
  'ideas.support.btn.withdraw': 'Yes, withdraw my support',
  'ideas.support.btn.keep': 'No, keep supporting',
  'ideas.support.alreadyGroup': (p) => html`You already support idea #${p.id}. To withdraw, open /ideas ${p.id} in your private chat with the bot.`,
  'ideas.support.withdrawAsk': (p) => html`You already support <b>#${p.id} ${p.name}</b>. Withdraw your support?`,
  'ideas.support.withdrawn': (p) => html`Your support for idea #${p.id} has been withdrawn. Supporters now: ${p.count}.`,
  'ideas.support.kept': (p) => html`Your support for idea #${p.id} stays recorded 👍`,
  'ideas.search.fuzzyText': 'Nothing matched exactly; these ideas have a similar word in their summary or description:',
  'dashboard.board.searchTypoText': 'Nothing matched exactly; showing ideas with a similar word in their description.',
  'ideas.search.anyWord': 'No idea has all of those words; these have some of them, the best matches first:',
  'help.group.title': '<b>Warkop Indah commands</b> (short, for groups)',
  'help.group.more': (p) => html`The full list with examples is in the private chat: <a href="${p.link}">open the bot</a>, then type /help.`,
  'help.examples.member':
    '<b>Examples</b>\n<code>/pitch Getar Dilan — fresh vegetables are hard to get; grow them in home gardens</code>\n<code>/search queue health centre</code>\n<code>/ideas 12</code> — the card of idea 12\n<code>/comment 12 Dinkes can help with outreach</code>\n<code>/draft 12</code> — a KIPP proposal draft',
  'help.examples.coordinator':
    '<b>Examples for coordinators</b>\n<code>/newsession next Thursday 09.00 | Bappelitbangda hall | Proposal review | quota 20</code>\n<code>/stage 12 discussed Discussed at Warkop Indah</code>\n<code>/award 12 provinsi TOP 30 KIPP Sulsel 2026</code>',
  'sess.reminder.confirmMaybe': 'Can you confirm now? Choose your answer with the buttons below.',
  'sess.cancel.confirm': (p) =>
    html`Cancel session #${p.id}? Everyone who answered and the linked groups will be told at once, with this reason: “${p.reason}”.`,
  'sess.cancel.yes': '🗑 Yes, cancel the session',
  'sess.cancel.no': 'Keep it',
  'sess.cancel.kept': 'The session was not cancelled; nobody was told.',
  'sess.cancel.stale': 'This confirmation is no longer valid. Type /cancelsession again if needed.',
  'sess.cancel.useButtons': 'Please choose with the buttons above: cancel the session or keep it.',
  'guard.coordinatorOnlyAsk': (p) => html`Sorry, this command is only for coordinators of the Warkop Indah team. Please ask a coordinator: ${p.names}.`,
  'ideas.pitch.noDash': (p) =>
    html`An innovation's name has at most ${p.max} characters; you wrote ${p.length}. For a one-line pitch, separate the name and the summary with a dash “—”, for example:\n<code>/pitch Getar Dilan — fresh vegetables are hard to get; grow them in home gardens</code>\nOr type /pitch alone to fill it in step by step.`,
  'bc.header': (p) => `📢 Warkop Indah broadcast — sent by coordinator ${p.name}`,
  'drafts.delivering': (p) =>
    html`Draft v${p.version} of <b>${p.name}</b> is being sent, one message per section. Please wait until it has arrived, then ask again if you need a new version.`,
};

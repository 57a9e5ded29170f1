import { html, type Html } from '../html.js';
import type { broadcasts as source } from '../id/broadcasts.js';

export const broadcasts: typeof source = {
  'cmd.broadcast': 'Send a broadcast to groups or members',
  'cmd.broadcastStop': 'Stop a broadcast in progress',

  'bc.askText': 'Type the <b>broadcast message</b> (at most 4,096 characters). Bold, italics and links are kept.\n\nType /cancel to stop.',
  'bc.empty': 'A broadcast cannot be empty. Please type the message text.',
  'bc.tooLong': (p: { length: number; max: number }): Html =>
    html`The message is too long: ${p.length} characters, and the limit is ${p.max}. Please shorten it or split it into two broadcasts.`,
  'bc.askAudience': 'Who should receive it?',
  'bc.audience.groups': (p: { n: number }): Html => html`📢 Linked groups (${p.n})`,
  'bc.audience.members': (p: { n: number }): Html => html`👥 All active members (${p.n})`,
  'bc.audience.agencies': '🏢 Members of chosen agencies',
  'bc.pickAgencies': (p: { selected: number; page: number; pages: number }): Html =>
    html`Choose agencies (selected: ${p.selected}; page ${p.page}/${p.pages}). Press again to unselect.`,
  'bc.agenciesDone': (p: { n: number }): Html => html`✅ Done (${p.n} selected)`,
  'bc.noAgencySelected': 'Choose at least one agency.',
  'bc.previewAbove': 'The preview of the broadcast is below.',
  'bc.confirm': (p: { audience: string; count: number }): Html =>
    html`Recipients: <b>${p.count}</b> (${p.audience}).\nSend now? Delivery runs in the background within Telegram’s limits.`,
  'bc.audienceLabel.groups': 'linked groups',
  'bc.audienceLabel.members': 'all active members',
  'bc.audienceLabel.agencies': (p: { names: string }): Html => html`members of ${p.names}`,
  'bc.send': '✅ Send',
  'bc.cancel': '❌ Cancel',
  'bc.noRecipients': 'There are no recipients for this choice. Choose other recipients or type /cancel.',
  'bc.discarded': 'Broadcast cancelled; nothing was sent.',
  'bc.stale': 'This broadcast draft is no longer valid. Type /broadcast to start again.',
  'bc.progress': (p: { id: number; done: number; total: number; delivered: number; failed: number; skipped: number }): Html =>
    html`📤 Broadcast #${p.id} sending: ${p.done}/${p.total}\nDelivered: ${p.delivered} · Failed: ${p.failed} · Skipped: ${p.skipped}\n\nType /cancelbroadcast to stop it.`,
  'bc.report': (p: { id: number; total: number; delivered: number; failed: number; blocked: number; notFound: number; other: number; skipped: number }): Html =>
    html`✅ <b>Broadcast #${p.id} finished</b> (${p.total} recipients)\nDelivered: ${p.delivered}\nFailed: ${p.failed} (blocked the bot: ${p.blocked}, not found: ${p.notFound}, other: ${p.other})\nSkipped: ${p.skipped}`,
  'bc.reportStopped': (p: { id: number; total: number; delivered: number; failed: number; skipped: number; cancelled: number }): Html =>
    html`⏹ <b>Broadcast #${p.id} stopped</b> (${p.total} recipients)\nDelivered: ${p.delivered} · Failed: ${p.failed} · Skipped: ${p.skipped} · Not sent: ${p.cancelled}`,
  'bc.stopUsage': 'Usage: <code>/cancelbroadcast</code> (the latest running broadcast) or <code>/cancelbroadcast NUMBER</code>.',
  'bc.nothingToStop': 'No broadcast is running.',
  'bc.notFound': (p: { id: string }): Html => html`Broadcast #${p.id} was not found.`,
  'bc.alreadyFinished': 'That broadcast has already finished or been stopped.',
  'bc.stopping': (p: { id: number }): Html => html`Broadcast #${p.id} stopped. Its final report follows in the progress message.`,
};

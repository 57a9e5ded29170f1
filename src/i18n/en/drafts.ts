import { html } from '../html.js';
import type { drafts as source } from '../id/drafts.js';

export const drafts: typeof source = {
  'cmd.draft': 'Draft a competition proposal from an idea',
  'cmd.format': 'Choose the proposal layout used for drafts',

  'drafts.usage':
    'Usage:\n<code>/draft 12</code> — draft a proposal for idea 12\n<code>/draft 12 history</code> — list the versions of its drafts\n<code>/draft 12 v2</code> — send version 2 again\n<code>/draft 12 format kipp-umum-2023</code> — (coordinators) draft with a given layout',
  'drafts.notFound': (p) => html`Idea ${p.id} was not found. Please check the number.`,
  'drafts.forbidden': (p) => html`Drafts for idea ${p.id} can be requested by its author, the co-authors the author added (/coauthor), or Warkop Indah coordinators.`,
  'drafts.quota': (p) => html`You have asked for ${p.max} drafts in the last hour, the current limit. Please try again after ${p.at}.`,
  'drafts.pending': (p) => html`The draft of <b>${p.name}</b> you asked for is still being written. It will be sent as soon as it is ready.`,
  'drafts.privateUnreachable': (p) =>
    html`Drafts are sent in a private chat, but the bot cannot message you yet. <a href="${p.link}">Open the chat with the bot</a>, press Start, then ask again.`,
  'drafts.sentPrivately': (p) => html`The draft of <b>${p.name}</b> is being written and will be sent in your private chat with the bot.`,
  'drafts.sentPrivatelyShort': 'The draft is being written; it will be sent in your private chat with the bot.',

  'drafts.progress.start': (p) => html`⏳ Writing the draft of <b>${p.name}</b> (${p.layout})…`,
  'drafts.progress.queued': (p) =>
    html`⏳ Your draft of <b>${p.name}</b> (${p.layout}) is queued, number ${p.position}. The drafting service is busy with other requests; yours comes right after, no need to ask again.`,
  'drafts.progress.model': (p) => html`⏳ Writing the draft of <b>${p.name}</b> (${p.layout})… ${p.done}/${p.total} sections done`,
  'drafts.progress.template': (p) => html`⏳ Writing the draft of <b>${p.name}</b> (${p.layout}) from the forum's data…`,
  'drafts.progress.done': (p) =>
    html`✅ Draft v${p.version} of <b>${p.name}</b> is ready: ${p.sections} sections, ${p.words} words. Source: ${p.source}. Each section follows below, then the Word file.`,
  'drafts.progress.failed': (p) => html`❌ Sorry, the draft of <b>${p.name}</b> could not be written because of a technical problem. Please try again in a while.`,
  'drafts.progress.resend': (p) => html`📤 Sending draft v${p.version} of <b>${p.name}</b> again…`,
  'drafts.progress.resent': (p) => html`📤 Draft v${p.version} of <b>${p.name}</b>:`,

  'drafts.source.template': 'template (no language model)',
  'drafts.source.model': (p) => html`model ${p.model}, ${p.tokens} tokens`,
  'drafts.source.modelNoUsage': (p) => html`model ${p.model}`,

  'drafts.fallback.timeout': (p) => html`ℹ️ The language model did not answer within ${p.seconds} seconds, so this draft was written from the template.`,
  'drafts.fallback.unreachable': 'ℹ️ The language model server could not be reached, so this draft was written from the template.',
  'drafts.fallback.http': (p) => html`ℹ️ The language model server answered with an error (HTTP ${p.status}), so this draft was written from the template.`,
  'drafts.fallback.auth': 'ℹ️ The language model server rejected the configured API key, so this draft was written from the template. Please tell an admin.',
  'drafts.fallback.malformed': 'ℹ️ The language model’s answer could not be read, even after asking it to fix it, so this draft was written from the template.',
  'drafts.fallback.empty': 'ℹ️ The language model gave an empty answer, so this draft was written from the template.',
  'drafts.fallback.partial': (p) => html`ℹ️ The language model left ${p.count} section(s) empty; those were written from the template.`,

  'drafts.header.title': (p) => html`📝 <b>${p.name}</b> — draft v${p.version}`,
  'drafts.header.data': '<b>Form data</b>',
  'drafts.header.line': (p) => html`${p.label}: ${p.value}`,
  'drafts.header.warning': (p) => html`⚠️ ${p.text}`,
  'drafts.header.howTo': '<i>This is a first draft. Text marked [To add: …] is data you must add; word counts leave those notes out.</i>',
  'drafts.section.head': (p) => html`<b>${p.number}. ${p.title}</b> — ${p.words}/${p.max} words`,
  'drafts.part.head': (p) => html`<b>${p.label}</b> — ${p.words}/${p.max} words`,
  'drafts.section.over': ' ⚠️ over the limit, needs cutting',
  'drafts.section.continued': (p) => html`<b>${p.number}. ${p.title}</b> (continued)`,
  'drafts.doc.caption': (p) => html`Draft v${p.version} of ${p.name} as a Word file.`,
  'drafts.doc.fileName': (p) => `draft-${p.name}-v${p.version}.docx`,

  'drafts.history.title': (p) => html`<b>Drafts of ${p.name}</b>`,
  'drafts.history.line': (p) => html`v${p.version} · ${p.date} · ${p.source} · by ${p.by}`,
  'drafts.history.empty': (p) => html`There are no drafts for idea ${p.id} yet. Type <code>/draft ${p.id}</code> to write one.`,
  'drafts.history.hint': (p) => html`Send a version again with <code>/draft ${p.id} v${p.version}</code>.`,
  'drafts.version.notFound': (p) => html`There is no draft version ${p.version} for idea ${p.id}. See its versions with <code>/draft ${p.id} history</code>.`,

  'drafts.draftFormat.forbidden': (p) =>
    html`Sorry, only Warkop Indah coordinators can choose the layout of a single draft. Type <code>/draft ${p.id}</code> to draft it with the current layout (${p.layout}).`,
  'drafts.draftFormat.missing': 'Name the layout this draft should use. The layouts available (✅ = the layout all drafts use):',
  'drafts.draftFormat.unknown': (p) => html`Layout “${p.id}” is not known. The layouts available (✅ = the layout all drafts use):`,
  'drafts.draftFormat.hint': (p) =>
    html`For example: <code>/draft ${p.id} format ${p.layout}</code>. The choice holds for that draft only; the layout of all drafts is set with /format.`,

  'drafts.format.title': '<b>Proposal layouts</b>',
  'drafts.format.line': (p) => html`${p.active ? '✅' : '▫️'} <code>${p.id}</code> — ${p.title}`,
  'drafts.format.origin.setting': 'Chosen by a coordinator.',
  'drafts.format.origin.config': 'Set through the PROPOSAL_LAYOUT configuration.',
  'drafts.format.origin.newest': 'The newest layout is used because none was chosen.',
  'drafts.format.hint': 'Choose a layout with the buttons below or type <code>/format kipp-umum-2023</code>.',
  'drafts.format.unknown': (p) => html`Layout “${p.id}” is unknown. Type /format to see the choices.`,
  'drafts.format.set': (p) => html`New drafts now use the <b>${p.title}</b> layout.`,
};

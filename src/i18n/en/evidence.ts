import { html } from '../html.js';
import type { evidence as source } from '../id/evidence.js';

export const evidence: typeof source = {
  'cmd.evidence': "Collect an innovation's IGA supporting evidence",
  'cmd.evidenceRecap': 'IGA evidence completeness per agency',

  'evidence.usage':
    'Usage:\n<code>/evidence 12</code> — see and complete the IGA evidence of idea 12\n<code>/evidence 12 download</code> — download all its evidence as one ZIP file',
  'evidence.notFound': (p) => html`Idea ${p.id} was not found. Please check the number.`,
  'evidence.forbidden': (p) => html`The evidence of idea ${p.id} is managed by its author, co-authors, coaches, or Warkop Indah coordinators.`,
  'evidence.overview': (p) =>
    html`📂 <b>${p.title} evidence</b>\nInnovation #${p.id} <b>${p.name}</b>: ${p.done}/${p.total} indicators have evidence.\n\n✅ has evidence · ⬜ missing · ❗ mandatory\nChoose an indicator to see or add its evidence.`,
  'evidence.button.zip': '📦 Download ZIP',
  'evidence.button.back': '⬅️ Indicator list',
  'evidence.button.remove': (p) => `🗑 Remove ${p.n}`,

  'evidence.indicator.title': (p) => html`<b>${p.number}. ${p.name}</b>${p.mandatory ? ' (mandatory)' : ''}`,
  'evidence.indicator.evidence': (p) => html`Evidence asked for: ${p.text}`,
  'evidence.indicator.levels': (p) => html`Scoring levels: ${p.text}`,
  'evidence.indicator.none': 'No evidence for this indicator yet.',
  'evidence.indicator.items': 'Evidence so far:',
  'evidence.indicator.file': (p) => html`${p.n}. 📄 ${p.name} (${p.size}) — ${p.by}, ${p.date}${p.caption ? html`\n    <i>${p.caption}</i>` : ''}`,
  'evidence.indicator.link': (p) => html`${p.n}. 🔗 ${p.url} — ${p.by}, ${p.date}${p.caption ? html`\n    <i>${p.caption}</i>` : ''}`,
  'evidence.indicator.ask': (p) =>
    html`Now send a document, photo or link for this indicator, preferably with a short caption (e.g. "Regent's decree No. 12 of 2025"). Files may be up to ${p.maxMb} MB. Type /cancel when you are done.`,

  'evidence.noIndicator': 'To keep a piece of evidence, first choose the innovation and the indicator with <code>/evidence idea-number</code>, then send the file.',
  'evidence.tooLarge': (p) =>
    html`This file is ${p.size}, over the ${p.maxMb} MB the bot can receive from Telegram. Make it smaller or split it, or send a link to where it is kept. Evidence already stored is unchanged.`,
  'evidence.unsupported': (p) => html`This type of file is not accepted as evidence. Accepted types: ${p.types}. Evidence already stored is unchanged.`,
  'evidence.noFile': 'This message has no file, photo or link. Send a document or a photo (a caption is welcome), or a link starting with https://, or type /cancel.',
  'evidence.busy': (p) => html`The previous file (<b>${p.name}</b>) is still being received. Wait for its confirmation, then send this file again.`,
  'evidence.receiving': (p) => html`⏳ Receiving <b>${p.name}</b>… You will get a confirmation once it is stored.`,
  'evidence.stored': (p) =>
    html`✅ <b>${p.name}</b> (${p.size}) is stored as evidence for indicator ${p.number}. ${p.indicator}.\nIGA evidence: ${p.done}/${p.total}. Send another file for the same indicator, or <code>/evidence ${p.id}</code> to choose another indicator.`,
  'evidence.linkStored': (p) =>
    html`✅ The link ${p.url} is stored as evidence for indicator ${p.number}. ${p.indicator}.\nIGA evidence: ${p.done}/${p.total}. Send more, or <code>/evidence ${p.id}</code> to choose another indicator.`,
  'evidence.downloadFailed': (p) => html`❌ Sorry, <b>${p.name}</b> could not be received from Telegram. Please send it again. Evidence already stored is unchanged.`,
  'evidence.downloadTooLarge': (p) => html`❌ <b>${p.name}</b> is over ${p.maxMb} MB, so it cannot be fetched from Telegram. Send a smaller version or a link.`,
  'evidence.removed': (p) => html`A piece of evidence for indicator ${p.number} was removed from the list. Its record stays in the history.`,
  'evidence.removeForbidden': 'Only coordinators can remove evidence.',
  'evidence.removeGone': 'This evidence was already removed.',

  'evidence.zip.queued': (p) => html`⏳ Preparing the ZIP of <b>${p.name}</b>'s evidence…`,
  'evidence.zip.busy': (p) => html`The ZIP of <b>${p.name}</b> is still being prepared. It will be sent as soon as it is ready.`,
  'evidence.zip.empty': (p) => html`<b>${p.name}</b> has no evidence yet. Add some with <code>/evidence ${p.id}</code>.`,
  'evidence.zip.caption': (p) =>
    html`📦 ${p.title} evidence — <b>${p.name}</b>: ${p.files} files, ${p.links} links, ${p.done}/${p.total} indicators. One folder per indicator; the index file lists everything.`,
  'evidence.zip.tooLarge': (p) =>
    html`The evidence ZIP of <b>${p.name}</b> is ${p.size}, over the 50 MB a bot may send. Ask an admin to take it from the database directly, or reduce the large files.`,
  'evidence.zip.failed': (p) => html`❌ Sorry, the ZIP of <b>${p.name}</b> could not be prepared. Please try again later.`,
  'evidence.zip.fileName': (p) => `IGA evidence ${p.year} - ${p.name}.zip`,
  'evidence.zip.indexFile': '00 Evidence index.xlsx',
  'evidence.zip.linksFile': 'links.txt',
  'evidence.zip.sheet': 'Evidence',
  'evidence.zip.col.number': 'No.',
  'evidence.zip.col.indicator': 'Indicator',
  'evidence.zip.col.mandatory': 'Mandatory',
  'evidence.zip.col.path': 'File in the ZIP / link',
  'evidence.zip.col.original': 'Original file name',
  'evidence.zip.col.caption': 'Caption',
  'evidence.zip.col.type': 'Type',
  'evidence.zip.col.size': 'Size (bytes)',
  'evidence.zip.col.by': 'Uploaded by',
  'evidence.zip.col.at': 'Uploaded at',
  'evidence.zip.col.sha256': 'SHA-256',
  'evidence.zip.yes': 'yes',
  'evidence.zip.no': 'no',
  'evidence.zip.link': 'link',

  'evidence.card.line': (p) => html`📂 IGA evidence: ${p.done}/${p.total}`,

  'evidence.recap.usage': 'Usage: <code>/evidence_recap</code> or <code>/evidence_recap 2026</code>',
  'evidence.recap.title': (p) => html`📊 <b>${p.title}: evidence completeness</b>\n${p.count} implemented innovations.`,
  'evidence.recap.empty': (p) => html`📊 <b>${p.title}</b>: no implemented innovations yet.`,
  'evidence.recap.agency': (p) => html`\n<b>${p.name}</b>`,
  'evidence.recap.idea': (p) => html`• #${p.id} ${p.name}: ${p.done}/${p.total}${p.missing ? html` — mandatory missing: ${p.missing}` : ''}`,
  'evidence.recap.common': '\n<b>Indicators most often without evidence</b>',
  'evidence.recap.commonLine': (p) => html`• ${p.number}. ${p.name}: ${p.missing} innovations`,
  'evidence.recap.chase': '\n<b>People to contact</b>',
  'evidence.recap.chaseLine': (p) => html`• ${p.name}${p.handle ? ` (${p.handle})` : ''} — #${p.id} ${p.idea}, ${p.agency}: ${p.done}/${p.total}`,
  'evidence.recap.more': (p) => html`… and ${p.count} more.`,
  'evidence.digest.head': (p) => html`🗓 Weekly summary of the IGA reporting season. Reporting closes ${p.closes}.`,
};

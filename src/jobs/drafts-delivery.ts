import type { Draft } from '../db/schema/index.js';
import type { Layout } from '../domain/drafts/layout.js';
import { draftMessages } from '../domain/drafts/messages.js';
import { phrasesFor } from '../domain/drafts/template/facts.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { translator, type Html } from '../i18n/index.js';
import type { Sender } from '../telegram/sender/sender.js';

/** "template (tanpa model bahasa)" or "model gpt-4o-mini, 1.234 token", in the draft's language. */
export function sourceLabel(draft: Pick<Draft, 'source' | 'model' | 'totalTokens' | 'language'>): Html {
  const t = translator(draft.language);
  if (draft.source === 'template' || !draft.model) return t('drafts.source.template');
  return draft.totalTokens !== null
    ? t('drafts.source.model', { model: draft.model, tokens: formatNumber(draft.totalTokens, draft.language) })
    : t('drafts.source.modelNoUsage', { model: draft.model });
}

function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'ide';
}

/**
 * Sends a stored draft: the header and every section as messages (in the draft's language),
 * then the Word file. Everything goes through the Sender, so Telegram's limits hold.
 */
export async function deliverDraft(opts: { sender: Sender; chatId: number; draft: Draft; layout: Layout; ideaName: string; tz: string }): Promise<void> {
  const { sender, chatId, draft, layout } = opts;
  const lang = draft.language;
  const t = translator(lang);
  const source = sourceLabel(draft);
  const renderable = { ideaName: opts.ideaName, version: draft.version, sections: draft.sections, meta: draft.meta };
  for (const text of draftMessages(t, layout, lang, renderable, source)) {
    await sender.call('sendMessage', { chat_id: chatId, text: text.toString(), parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  }
  const { buffer, filename } = await draftFile(draft, layout, opts.ideaName, opts.tz);
  await sender.call('sendDocument', {
    chat_id: chatId,
    document: { source: buffer, filename },
    caption: t('drafts.doc.caption', { name: opts.ideaName, version: draft.version }).toString(),
    parse_mode: 'HTML',
  });
}

/** The Word file of a stored draft and its name (the bot sends it; the dashboard offers it for download). */
export async function draftFile(draft: Draft, layout: Layout, ideaName: string, tz: string): Promise<{ buffer: Buffer; filename: string }> {
  const lang = draft.language;
  const p = phrasesFor(lang);
  // docx (a large library) is loaded with the first draft delivered, not at every start.
  const { buildDocx } = await import('../domain/drafts/docx.js');
  const buffer = await buildDocx(layout, lang, {
    ideaName,
    version: draft.version,
    sourceLabel: draft.source === 'model' && draft.model ? p.doc.sourceModel(draft.model) : p.doc.sourceTemplate,
    createdLabel: formatDateTime(draft.createdAt, lang, tz),
    sections: draft.sections,
    meta: draft.meta,
  });
  const filename = translator(lang)('drafts.doc.fileName', { name: fileSlug(ideaName), version: draft.version }).toString();
  return { buffer, filename };
}

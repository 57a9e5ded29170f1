import { Composer } from 'telegraf';
import type { Message } from 'telegraf/types';
import { getConversation } from '../../../domain/conversations.js';
import { canAddEvidence, ideaPeopleOf } from '../../../domain/evidence/access.js';
import { checkUpload } from '../../../domain/evidence/files.js';
import { findIndicator, indicatorSetFor } from '../../../domain/evidence/indicators.js';
import { findEvidenceIdea } from '../../../domain/evidence/items.js';
import { requestDownload } from '../../../domain/evidence/requests.js';
import { localDate } from '../../../domain/dates/zoned.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { formatBytes, MAX_MB, TYPES_TEXT } from '../../views/evidence.js';

export const EVIDENCE_CONVERSATION = 'evidence';

/** What the evidence dialog remembers: the idea and the indicator the next file is for. */
export interface EvidenceDialog {
  ideaId: number;
  year: number;
  indicator: string;
}

interface Incoming {
  fileId: string;
  uniqueId: string;
  fileName: string;
  mimeType: string | undefined;
  size: number | undefined;
  caption: string | null;
}

/** The file a message carries: a document as sent, or a photo's largest size (Telegram sends them as JPEG). */
function incomingFile(ctx: BotContext, message: Message.DocumentMessage | Message.PhotoMessage): Incoming | undefined {
  const caption = message.caption?.trim().slice(0, 1000) || null;
  if ('document' in message) {
    const d = message.document;
    return { fileId: d.file_id, uniqueId: d.file_unique_id, fileName: d.file_name || 'dokumen', mimeType: d.mime_type, size: d.file_size, caption };
  }
  const largest = [...message.photo].sort((a, b) => (b.file_size ?? b.width * b.height) - (a.file_size ?? a.width * a.height))[0];
  if (!largest) return undefined;
  const day = localDate(ctx.deps.clock.now(), ctx.deps.config.TZ_NAME);
  return { fileId: largest.file_id, uniqueId: largest.file_unique_id, fileName: `foto-${day}-${message.message_id}.jpg`, mimeType: 'image/jpeg', size: largest.file_size, caption };
}

/**
 * Documents and photos sent in the private chat while the evidence dialog is open: checked
 * (size, type, one at a time), then queued for the outbox worker, which downloads and stores the
 * bytes and confirms. The handler itself never waits for the download.
 */
export function evidenceUploads(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on(['document', 'photo'], async (ctx, next) => {
    if (ctx.chat.type !== 'private' || !ctx.from) return next();
    const conversation = await getConversation(ctx.db, { chatId: ctx.chat.id, userId: ctx.from.id });
    if (conversation?.kind !== EVIDENCE_CONVERSATION) return void (await replyHtml(ctx, ctx.t('evidence.noIndicator')));
    const dialog = conversation.data as unknown as EvidenceDialog;
    const idea = await findEvidenceIdea(ctx.db, dialog.ideaId);
    if (!idea) return void (await replyHtml(ctx, ctx.t('evidence.notFound', { id: dialog.ideaId })));
    if (!canAddEvidence(ctx.member, idea, await ideaPeopleOf(ctx.db, idea.id))) return void (await replyHtml(ctx, ctx.t('evidence.forbidden', { id: idea.id })));
    const set = indicatorSetFor(dialog.year);
    const ind = findIndicator(set, dialog.indicator);
    const file = incomingFile(ctx, ctx.message);
    if (!ind || !file) return void (await replyHtml(ctx, ctx.t('evidence.noFile')));

    const check = checkUpload(file);
    if (!check.ok) {
      if (check.reason === 'too_large') return void (await replyHtml(ctx, ctx.t('evidence.tooLarge', { maxMb: MAX_MB, size: formatBytes(file.size ?? 0, ctx.lang) })));
      return void (await replyHtml(ctx, ctx.t('evidence.unsupported', { types: TYPES_TEXT })));
    }
    const member = ctx.member!;
    const chatId = ctx.chat.id;
    const { value } = await once(ctx, 'evidence.upload', (tx) =>
      requestDownload(tx, {
        key: `${chatId}:${ctx.message.message_id}`,
        chatId,
        now: ctx.deps.clock.now(),
        payload: {
          ideaId: idea.id,
          year: set.year,
          indicator: ind.code,
          memberId: member.id,
          telegramFileId: file.fileId,
          telegramFileUniqueId: file.uniqueId,
          fileName: file.fileName,
          mimeType: check.mimeType,
          size: file.size ?? null,
          caption: file.caption,
          lang: ctx.lang,
        },
      }),
    );
    if (value.status === 'busy') return void (await replyHtml(ctx, ctx.t('evidence.busy', { name: value.fileName })));
    ctx.deps.jobs?.wake();
    await replyHtml(ctx, ctx.t('evidence.receiving', { name: file.fileName }));
  });
  return composer;
}

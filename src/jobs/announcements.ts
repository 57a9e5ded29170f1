import { KIND } from '../domain/sessions/keys.js';
import { findPost, recordPostRendered } from '../domain/sessions/posts.js';
import { sessionView } from '../domain/sessions/queries.js';
import { translator } from '../i18n/index.js';
import { announcement } from '../bot/views/sessions.js';
import { ChatUnreachableError, isMessageNotModified } from '../telegram/sender/errors.js';
import type { OutboxHandler } from './worker.js';

/**
 * Keeps posted announcements current (counts, agenda, changes, cancellation). Handlers only mark a
 * post dirty, which queues one refresh job per post; the job edits it once the per-message interval
 * has passed, rendering whatever the counts are by then, so a burst of presses costs one edit and a
 * group never sees more edits than the interval allows (the sender's per-group edit budget applies on top).
 */
export function announcementRefreshHandlers(intervalMs: number): Record<string, OutboxHandler> {
  return {
    [KIND.refresh]: async (row, ctx) => {
      const { db } = ctx.database;
      const now = ctx.clock.now();
      const post = await findPost(db, (row.payload as { postId: number }).postId);
      if (!post) return { status: 'skipped', outcome: 'gone' };
      const seq = post.dirtySeq;
      if (post.renderedSeq >= seq) return { status: 'skipped', outcome: 'current' };
      const free = post.lastEditedAt ? post.lastEditedAt.getTime() + intervalMs : 0;
      if (free > now.getTime()) return { status: 'later', at: new Date(free) };
      const view = await sessionView(db, post.sessionId);
      if (!view) return { status: 'skipped', outcome: 'gone' };
      const lang = ctx.config.DEFAULT_LANGUAGE;
      const { text, keyboard } = announcement(translator(lang), view, lang, ctx.config.TZ_NAME, now);
      let outcome: string | undefined;
      try {
        await ctx.sender.call('editMessageText', {
          chat_id: post.chatId,
          message_id: post.messageId,
          text: text.toString(),
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        } as never);
      } catch (err) {
        if (!isMessageNotModified(err)) {
          // Removed from the group, or the message was deleted: this edit is dropped (a later change tries again).
          outcome = err instanceof ChatUnreachableError || (err as { code?: number }).code === 400 ? 'unreachable' : 'error';
          ctx.logger.info({ job: 'announcements', postId: post.id, code: (err as { code?: number }).code }, 'announcement not updated');
        }
      }
      await recordPostRendered(db, post.id, seq, now);
      return outcome ? { status: 'skipped', outcome } : { status: 'sent' };
    },
  };
}

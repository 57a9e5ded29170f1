import { KIND } from '../domain/sessions/keys.js';
import { postRef, recordPostRendered, refreshKey } from '../domain/sessions/posts.js';
import { postView } from '../domain/sessions/queries.js';
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
      // The post and what it should show, in one read: most refreshes go on to edit.
      const found = await postView(db, (row.payload as { postId: number }).postId);
      if (!found) return { status: 'skipped', outcome: 'gone' };
      const { post, view } = found;
      const seq = post.dirtySeq;
      if (post.renderedSeq >= seq) return { status: 'skipped', outcome: 'current' };
      const free = post.lastEditedAt ? post.lastEditedAt.getTime() + intervalMs : 0;
      if (free > now.getTime()) return { status: 'later', at: new Date(free) };
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
      // A change that landed while we rendered found this job running and queued nothing (its
      // refresh key is the one this job holds): it gets a job of its own, keyed on what we rendered.
      const latest = await recordPostRendered(db, post.id, seq, now);
      const children =
        latest > seq
          ? [{ kind: KIND.refresh, ref: postRef(post.id), dedupeKey: refreshKey(post.id, seq), dueAt: new Date(now.getTime() + intervalMs), payload: { postId: post.id } }]
          : undefined;
      return outcome ? { status: 'skipped', outcome, ...(children ? { children } : {}) } : { status: 'sent', ...(children ? { children } : {}) };
    },
  };
}

import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { sessionPosts, type SessionPost } from '../db/schema/index.js';
import { sessionView } from '../domain/sessions/queries.js';
import { translator } from '../i18n/index.js';
import { announcement } from '../bot/views/sessions.js';
import { ChatUnreachableError, isMessageNotModified } from '../telegram/sender/errors.js';
import { claimRows } from './claim.js';
import type { Job, JobContext } from './scheduler.js';

/**
 * Keeps posted announcements current (counts, agenda, changes, cancellation). Handlers only mark a
 * post dirty; this job edits it once the per-message interval has passed, rendering whatever the
 * counts are by then, so a burst of presses costs one edit and a group never sees more edits than
 * the interval allows (the sender's per-group edit budget applies on top).
 */
export function announcementRefreshJob(options: { owner: string; leaseMs: number; intervalMs: number }): Job {
  const { owner, leaseMs, intervalMs } = options;

  async function refresh(ctx: JobContext, post: SessionPost): Promise<void> {
    const { db } = ctx.database;
    const now = ctx.clock.now();
    const seq = post.dirtySeq;
    const view = await sessionView(db, post.sessionId);
    let keep = view !== undefined;
    if (view) {
      const lang = ctx.config.DEFAULT_LANGUAGE;
      const { text, keyboard } = announcement(translator(lang), view, lang, ctx.config.TZ_NAME, now);
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
          // Removed from the group, or the message was deleted: nothing more to keep current.
          keep = !(err instanceof ChatUnreachableError || (err as { code?: number }).code === 400);
          ctx.logger.info({ job: 'announcements', postId: post.id, code: (err as { code?: number }).code }, 'announcement not updated');
        }
      }
    }
    const next = sql`case when ${sessionPosts.dirtySeq} > ${seq} then ${new Date(now.getTime() + intervalMs).toISOString()}::timestamptz else null end`;
    await db
      .update(sessionPosts)
      .set({ lastEditedAt: now, renderedSeq: seq, refreshDueAt: keep ? next : null, claimedUntil: null, claimedBy: null })
      .where(and(eq(sessionPosts.id, post.id), eq(sessionPosts.claimedBy, owner)));
  }

  return {
    name: 'announcements',
    async run(ctx) {
      const now = ctx.clock.now();
      const posts = await claimRows(ctx.database.db, sessionPosts, {
        ready: and(isNotNull(sessionPosts.refreshDueAt), lte(sessionPosts.refreshDueAt, now)),
        order: [asc(sessionPosts.refreshDueAt), asc(sessionPosts.id)],
        limit: 20,
        now,
        leaseMs,
        owner,
      });
      await Promise.all(posts.map((post) => refresh(ctx, post)));
      return posts.length;
    },
  };
}

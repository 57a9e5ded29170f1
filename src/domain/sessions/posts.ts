import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sessionPosts, type SessionPost } from '../../db/schema/index.js';
import { enqueueSingleton } from '../jobs/queue.js';
import { KIND } from './keys.js';

export const postRef = (postId: number) => `post:${postId}`;

/**
 * Asks for a session's announcements to be re-rendered: one refresh job per post, due now if the
 * message was not edited within the interval, else at the end of it. A refresh already waiting
 * covers this change too (it renders whatever the counts are when it runs), so a burst of presses
 * waits for one edit instead of making one each.
 */
export async function markPostsDirty(tx: DbOrTx, sessionId: number, now: Date, intervalMs: number): Promise<void> {
  // Updating the posts first serialises concurrent presses on them, so the singleton check below sees the other's job.
  const posts = await tx
    .update(sessionPosts)
    .set({ dirtySeq: sql`${sessionPosts.dirtySeq} + 1` })
    .where(eq(sessionPosts.sessionId, sessionId))
    .returning({ id: sessionPosts.id, dirtySeq: sessionPosts.dirtySeq, lastEditedAt: sessionPosts.lastEditedAt });
  for (const post of posts) {
    const free = post.lastEditedAt ? post.lastEditedAt.getTime() + intervalMs : now.getTime();
    await enqueueSingleton(tx, {
      kind: KIND.refresh,
      ref: postRef(post.id),
      dedupeKey: `${postRef(post.id)}:seq:${post.dirtySeq}`,
      dueAt: new Date(Math.max(now.getTime(), free)),
      payload: { postId: post.id },
    });
  }
}

export async function postsOf(db: DbOrTx, sessionId: number): Promise<SessionPost[]> {
  return db.select().from(sessionPosts).where(eq(sessionPosts.sessionId, sessionId));
}

export async function findPost(db: DbOrTx, postId: number): Promise<SessionPost | undefined> {
  const [post] = await db.select().from(sessionPosts).where(eq(sessionPosts.id, postId));
  return post;
}

/** The post now shows the session as of change `seq`. */
export async function recordPostRendered(db: DbOrTx, postId: number, seq: number, now: Date): Promise<void> {
  await db.update(sessionPosts).set({ lastEditedAt: now, renderedSeq: seq }).where(eq(sessionPosts.id, postId));
}

/** The session's announcement in a chat, if it was posted there. */
export async function findPostIn(db: DbOrTx, sessionId: number, chatId: number): Promise<SessionPost | undefined> {
  const [post] = await db.select().from(sessionPosts).where(and(eq(sessionPosts.sessionId, sessionId), eq(sessionPosts.chatId, chatId)));
  return post;
}

/** Records a posted announcement; nothing when the chat already has one (the post stays as it was). */
export async function recordPost(db: DbOrTx, post: { sessionId: number; chatId: number; threadId: number | null; messageId: number }): Promise<SessionPost | undefined> {
  const [row] = await db.insert(sessionPosts).values(post).onConflictDoNothing().returning();
  return row;
}

export async function recordIcsMessage(db: DbOrTx, postId: number, messageId: number): Promise<void> {
  await db.update(sessionPosts).set({ icsMessageId: messageId }).where(eq(sessionPosts.id, postId));
}

import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sessionPosts, type SessionPost } from '../../db/schema/index.js';

/**
 * Asks for a session's announcements to be re-rendered. The edit is due now if the message was not
 * edited within the interval, else at the end of it; a refresh already due is left where it is, so
 * a burst of presses waits for one edit instead of making one each.
 */
export async function markPostsDirty(tx: DbOrTx, sessionId: number, now: Date, intervalMs: number): Promise<void> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  await tx
    .update(sessionPosts)
    .set({
      dirtySeq: sql`${sessionPosts.dirtySeq} + 1`,
      refreshDueAt: sql`coalesce(${sessionPosts.refreshDueAt}, greatest(${nowSql}, coalesce(${sessionPosts.lastEditedAt} + ${intervalMs} * interval '1 millisecond', ${nowSql})))`,
    })
    .where(eq(sessionPosts.sessionId, sessionId));
}

export async function postsOf(db: DbOrTx, sessionId: number): Promise<SessionPost[]> {
  return db.select().from(sessionPosts).where(eq(sessionPosts.sessionId, sessionId));
}

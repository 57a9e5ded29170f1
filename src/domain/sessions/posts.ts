import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sessionPosts, type SessionPost } from '../../db/schema/index.js';
import { KIND } from './keys.js';

/** A post's jobs' ref (and the start of their dedupe keys); the answer statement builds it in SQL. */
const POST_REF_PREFIX = 'post:';
export const postRef = (postId: number) => `${POST_REF_PREFIX}${postId}`;

/** The one refresh job a post may have while it shows change `renderedSeq`: see markPostsDirtySql. */
export const refreshKey = (postId: number, renderedSeq: number) => `${postRef(postId)}:after:${renderedSeq}`;

/**
 * Two CTEs, `dirty_posts` and `refresh`, that mark a session's announcements dirty and queue their
 * refresh: one job per post, due now if the message was not edited within the interval, else at
 * the end of it. A refresh already waiting covers this change too (it renders whatever the counts
 * are when it runs), so a burst of presses waits for one edit instead of making one each.
 *
 * The job's dedupe key is the post's rendered change (`post:<id>:after:<renderedSeq>`), read from
 * the post row this statement has just updated (its latest version, whatever the snapshot), so
 * concurrent changes agree on ONE job without a second statement. A job of that key that ended
 * without rendering (nothing to do then, or given up) is revived; one running while this change
 * lands records an older change as rendered and leaves a follow-up job (announcements.ts), whose
 * key is the next one. `onlyIf` gates the marking (e.g. "the answer changed").
 */
export function markPostsDirtySql(sessionId: number, now: Date, intervalMs: number, onlyIf: SQL = sql`true`): SQL {
  const at = now.toISOString();
  return sql`dirty_posts as (
      update session_posts set dirty_seq = dirty_seq + 1
      where session_id = ${sessionId} and ${onlyIf}
      returning id, rendered_seq, last_edited_at
    ),
    refresh as (
      insert into outbox (kind, ref, dedupe_key, due_at, payload)
      select ${KIND.refresh}, ${POST_REF_PREFIX} || p.id, ${POST_REF_PREFIX} || p.id || ':after:' || p.rendered_seq,
        greatest(${at}::timestamptz, coalesce(p.last_edited_at + ${intervalMs}::int * interval '1 millisecond', ${at}::timestamptz)),
        jsonb_build_object('postId', p.id)
      from dirty_posts p
      on conflict (dedupe_key) do update
        set status = 'pending', due_at = excluded.due_at, attempts = 0, claimed_until = null, claimed_by = null, outcome = null, processed_at = null
        where outbox.status <> 'pending'
      returning due_at
    )`;
}

/** Asks for a session's announcements to be re-rendered (markPostsDirtySql), in one statement. */
export async function markPostsDirty(db: DbOrTx, sessionId: number, now: Date, intervalMs: number): Promise<void> {
  await db.execute(sql`with ${markPostsDirtySql(sessionId, now, intervalMs)} select count(*) from refresh`);
}

export async function postsOf(db: DbOrTx, sessionId: number): Promise<SessionPost[]> {
  return db.select().from(sessionPosts).where(eq(sessionPosts.sessionId, sessionId));
}

/** The post now shows the session as of change `seq`; returns its latest change (greater when one landed meanwhile). */
export async function recordPostRendered(db: DbOrTx, postId: number, seq: number, now: Date): Promise<number> {
  const [row] = await db
    .update(sessionPosts)
    .set({ lastEditedAt: now, renderedSeq: seq })
    .where(eq(sessionPosts.id, postId))
    .returning({ dirtySeq: sessionPosts.dirtySeq });
  return row?.dirtySeq ?? seq;
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

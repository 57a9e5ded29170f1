import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { ideaComments, ideas, members, type Idea } from '../../db/schema/index.js';

export interface NewComment {
  ideaId: number;
  authorId: number;
  text: string;
  /** The message in the idea's forum topic this comment came from. */
  telegramMessageId?: number | undefined;
  at: Date;
}

/** Adds a comment and bumps the idea's counter together; undefined when the idea is gone. */
export async function addComment(db: Db, input: NewComment): Promise<{ id: number; count: number } | undefined> {
  return db.transaction((tx) => addCommentIn(tx, input));
}

/** addComment inside the caller's transaction (e.g. with the update's once-marker). */
export async function addCommentIn(tx: Tx, input: NewComment): Promise<{ id: number; count: number } | undefined> {
  const [idea] = await tx
    .update(ideas)
    .set({ commentCount: sql`${ideas.commentCount} + 1` })
    .where(and(eq(ideas.id, input.ideaId), isNull(ideas.deletedAt)))
    .returning({ count: ideas.commentCount });
  if (!idea) return undefined;
  const [row] = await tx
    .insert(ideaComments)
    .values({ ideaId: input.ideaId, authorId: input.authorId, text: input.text, telegramMessageId: input.telegramMessageId ?? null, createdAt: input.at })
    .returning({ id: ideaComments.id });
  return { id: row!.id, count: idea.count };
}

export interface CommentView {
  id: number;
  text: string;
  at: Date;
  authorName: string;
}

/** The latest comments, oldest of them first (the order one reads a thread). */
export async function latestComments(db: DbOrTx, ideaId: number, limit = 10): Promise<CommentView[]> {
  const rows = await db
    .select({ id: ideaComments.id, text: ideaComments.text, at: ideaComments.createdAt, full: members.fullName, first: members.firstName })
    .from(ideaComments)
    .innerJoin(members, eq(members.id, ideaComments.authorId))
    .where(eq(ideaComments.ideaId, ideaId))
    .orderBy(desc(ideaComments.id))
    .limit(limit);
  return rows.reverse().map((r) => ({ id: r.id, text: r.text, at: r.at, authorName: r.full ?? r.first }));
}

/** The idea whose forum topic this is (indexed on chat and thread). */
export async function findIdeaByTopic(db: DbOrTx, chatId: number, threadId: number): Promise<Idea | undefined> {
  const [row] = await db
    .select()
    .from(ideas)
    .where(and(eq(ideas.topicChatId, chatId), eq(ideas.topicThreadId, threadId), isNull(ideas.deletedAt)));
  return row;
}

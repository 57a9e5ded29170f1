import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaForum, ideas } from '../../db/schema/index.js';

export interface IdeaForumSetting {
  chatId: number;
  setBy: number | null;
  setAt: Date;
}

export async function getIdeaForum(db: DbOrTx): Promise<IdeaForumSetting | undefined> {
  const [row] = await db.select().from(ideaForum);
  return row ? { chatId: row.chatId, setBy: row.setBy, setAt: row.setAt } : undefined;
}

/** There is one ideas forum; marking another group moves it there. */
export async function setIdeaForum(db: DbOrTx, chatId: number, memberId: number, at: Date): Promise<void> {
  await db
    .insert(ideaForum)
    .values({ singleton: true, chatId, setBy: memberId, setAt: at })
    .onConflictDoUpdate({ target: ideaForum.singleton, set: { chatId, setBy: memberId, setAt: at } });
}

export async function clearIdeaForum(db: DbOrTx): Promise<boolean> {
  const rows = await db.delete(ideaForum).returning({ chatId: ideaForum.chatId });
  return rows.length > 0;
}

/**
 * Records the idea's topic in the forum; false when it already has one there (two creations
 * racing). A topic in a former forum is replaced.
 */
export async function setIdeaTopic(db: DbOrTx, ideaId: number, chatId: number, threadId: number): Promise<boolean> {
  const rows = await db
    .update(ideas)
    .set({ topicChatId: chatId, topicThreadId: threadId })
    .where(and(eq(ideas.id, ideaId), or(isNull(ideas.topicThreadId), ne(ideas.topicChatId, chatId))))
    .returning({ id: ideas.id });
  return rows.length > 0;
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chats, linkedChats } from '../../db/schema/index.js';

export interface LinkTarget {
  chatId: number;
  threadId: number | null;
}

export type LinkResult = { status: 'linked' | 'moved' | 'unchanged'; previousThreadId: number | null };

/** One target per group: linking again from another topic moves the link there. */
export async function linkChat(db: DbOrTx, target: LinkTarget, memberId: number): Promise<LinkResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(linkedChats).where(eq(linkedChats.chatId, target.chatId)).for('update');
    if (existing && existing.threadId === target.threadId) return { status: 'unchanged', previousThreadId: existing.threadId };
    await tx
      .insert(linkedChats)
      .values({ chatId: target.chatId, threadId: target.threadId, linkedBy: memberId })
      .onConflictDoUpdate({ target: linkedChats.chatId, set: { threadId: target.threadId, linkedBy: memberId } });
    return { status: existing ? 'moved' : 'linked', previousThreadId: existing?.threadId ?? null };
  });
}

export async function unlinkChat(db: DbOrTx, chatId: number): Promise<boolean> {
  const rows = await db.delete(linkedChats).where(eq(linkedChats.chatId, chatId)).returning({ chatId: linkedChats.chatId });
  return rows.length > 0;
}

export interface LinkedChatInfo extends LinkTarget {
  title: string | null;
  active: boolean;
}

export async function listLinkedChats(db: DbOrTx): Promise<LinkedChatInfo[]> {
  return db
    .select({ chatId: linkedChats.chatId, threadId: linkedChats.threadId, title: chats.title, active: chats.active })
    .from(linkedChats)
    .innerJoin(chats, eq(chats.id, linkedChats.chatId))
    .orderBy(asc(chats.title), asc(linkedChats.chatId));
}

/** Targets the bot can still post in (a group that removed the bot is kept, but skipped). */
export async function activeLinkedChats(db: DbOrTx): Promise<LinkTarget[]> {
  return db
    .select({ chatId: linkedChats.chatId, threadId: linkedChats.threadId })
    .from(linkedChats)
    .innerJoin(chats, and(eq(chats.id, linkedChats.chatId), eq(chats.active, true)))
    .orderBy(asc(linkedChats.chatId));
}

export async function findLink(db: DbOrTx, chatId: number): Promise<LinkTarget | undefined> {
  const [row] = await db
    .select({ chatId: linkedChats.chatId, threadId: linkedChats.threadId })
    .from(linkedChats)
    .where(eq(linkedChats.chatId, chatId));
  return row;
}

/** The links of several groups at once, by chat id (a batch of group reminders). */
export async function findLinks(db: DbOrTx, chatIds: number[]): Promise<Map<number, LinkTarget>> {
  if (chatIds.length === 0) return new Map();
  const rows = await db
    .select({ chatId: linkedChats.chatId, threadId: linkedChats.threadId })
    .from(linkedChats)
    .where(inArray(linkedChats.chatId, chatIds));
  return new Map(rows.map((r) => [r.chatId, r]));
}

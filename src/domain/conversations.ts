import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { conversations, type Conversation } from '../db/schema/index.js';

export interface ConversationKey {
  chatId: number;
  userId: number;
}

/** One open dialog per user per chat; starting another replaces it. */
export async function startConversation(
  db: DbOrTx,
  key: ConversationKey,
  kind: string,
  step: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insert(conversations)
    .values({ ...key, kind, step, data })
    .onConflictDoUpdate({
      target: [conversations.chatId, conversations.userId],
      set: { kind, step, data, updatedAt: sql`now()` },
    });
}

export async function getConversation(db: DbOrTx, key: ConversationKey): Promise<Conversation | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.chatId, key.chatId), eq(conversations.userId, key.userId)));
  return row;
}

export async function updateConversation(
  db: DbOrTx,
  key: ConversationKey,
  step: string,
  data: Record<string, unknown>,
): Promise<void> {
  await db
    .update(conversations)
    .set({ step, data, updatedAt: sql`now()` })
    .where(and(eq(conversations.chatId, key.chatId), eq(conversations.userId, key.userId)));
}

export async function endConversation(db: DbOrTx, key: ConversationKey): Promise<boolean> {
  const rows = await db
    .delete(conversations)
    .where(and(eq(conversations.chatId, key.chatId), eq(conversations.userId, key.userId)))
    .returning({ kind: conversations.kind });
  return rows.length > 0;
}

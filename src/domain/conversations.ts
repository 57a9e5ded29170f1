import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { conversations, updateEffects, type Conversation } from '../db/schema/index.js';

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

const SNAPSHOT = 'conversation';

/**
 * The dialog as this update found it. A dialog step commits its move (name saved, next question)
 * before it answers; if the bot dies in between, the step runs again at the next start and would
 * otherwise read the moved-on dialog and take the name for the next answer. So the first run keeps
 * a copy of the dialog (only when there is one: most messages have none) and a re-run puts it back.
 */
export async function conversationForUpdate(db: DbOrTx, key: ConversationKey, updateId: number, rerun: boolean): Promise<Conversation | undefined> {
  const snapshotKey = and(eq(updateEffects.updateId, updateId), eq(updateEffects.scope, SNAPSHOT));
  if (rerun) {
    const [saved] = await db.select({ result: updateEffects.result }).from(updateEffects).where(snapshotKey);
    const before = saved?.result as Pick<Conversation, 'kind' | 'step' | 'data'> | null | undefined;
    if (before) {
      await startConversation(db, key, before.kind, before.step, before.data);
      return getConversation(db, key);
    }
  }
  const current = await getConversation(db, key);
  if (current) {
    await db
      .insert(updateEffects)
      .values({ updateId, scope: SNAPSHOT, result: { kind: current.kind, step: current.step, data: current.data } })
      .onConflictDoNothing();
  }
  return current;
}

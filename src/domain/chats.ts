import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { chats, type Chat } from '../db/schema/index.js';

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string | undefined;
  is_forum?: boolean | undefined;
}

export async function upsertChat(db: DbOrTx, chat: TelegramChat, active = true): Promise<Chat> {
  const values = { id: chat.id, type: chat.type, title: chat.title ?? null, isForum: chat.is_forum === true, active };
  const [row] = await db
    .insert(chats)
    .values(values)
    .onConflictDoUpdate({
      target: chats.id,
      set: { type: values.type, title: values.title, isForum: values.isForum, active, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function markChatInactive(db: DbOrTx, chatId: number): Promise<void> {
  await db.update(chats).set({ active: false, updatedAt: sql`now()` }).where(eq(chats.id, chatId));
}

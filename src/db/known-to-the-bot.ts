/**
 * What a bot's database knows about Telegram: the last update it stored, the people and the
 * group chats. The playground re-creates them in its fake Telegram (src/dev/playground/boot.ts).
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { chats, members, telegramUpdates } from './schema/index.js';

export interface KnownToTheBot {
  /** The highest update_id stored (0 when none). */
  maxUpdateId: number;
  people: Array<{ id: number; firstName: string; username: string | null; language: string | null; reachable: boolean }>;
  chats: Array<typeof chats.$inferSelect>;
}

export async function knownToTheBot(database: Database): Promise<KnownToTheBot> {
  const [maxUpdate] = await database.db.select({ max: sql<string | null>`max(${telegramUpdates.updateId})` }).from(telegramUpdates);
  const people = await database.db
    .select({ id: members.telegramId, firstName: members.firstName, username: members.username, language: members.telegramLanguage, reachable: members.reachable })
    .from(members);
  const groups = await database.db.select().from(chats);
  return { maxUpdateId: Number(maxUpdate?.max ?? 0), people, chats: groups };
}

import { sql } from 'drizzle-orm';
import { agencies, ideas, members } from '../../src/db/schema/index.js';
import type { FakeChat, StoredMessage } from '../../src/dev/telegram-double/index.js';
import type { Harness, TestUser } from './harness.js';

export const COORDINATOR_ID = 900001;

export interface Forum {
  ana: TestUser;
  forum: FakeChat;
  topicId: number;
  plain: FakeChat;
}

/** Ana (an admin, so a coordinator) registered, and two linked groups: a forum topic and a plain supergroup. */
export async function setupForum(h: Harness): Promise<Forum> {
  const ana = h.user('Ana', { id: COORDINATOR_ID, username: 'ana' });
  await ana.register('Ana Lestari', 'Bappelitbangda');
  const forum = h.api.createGroup({ title: 'Forum Inovasi Luwu Utara', type: 'supergroup', isForum: true });
  const plain = h.api.createGroup({ title: 'Warkop Indah', type: 'supergroup' });
  h.api.addBotToGroup(forum, ana.user);
  h.api.addBotToGroup(plain, ana.user);
  await h.settle();
  const topic = h.api.createTopic(forum, 'Sesi Warkop Indah');
  await ana.send('/hubungkan', { chat: forum, threadId: topic.message_thread_id });
  await ana.send('/hubungkan', { chat: plain });
  return { ana, forum, topicId: topic.message_thread_id, plain };
}

/** The announcement (the message with RSVP buttons) of session `id` in a chat. */
export function announcementIn(h: Harness, chat: FakeChat, id: number, threadId?: number): StoredMessage {
  const message = h.api.botMessages(chat.id, threadId).find((m) => m.text?.includes(`📣 Sesi Warkop Indah #${id}\n`));
  if (!message) throw new Error(`no announcement of session ${id} in ${chat.title}`);
  return message;
}

/** Registered members straight in the database (and started with the bot), for tests that need many. */
export async function addMembers(h: Harness, count: number, agencyShortName = 'Dinkes', prefix = 'Peserta'): Promise<TestUser[]> {
  const [agency] = await h.db.select().from(agencies).where(sql`${agencies.shortName} = ${agencyShortName}`);
  const users: TestUser[] = [];
  for (let i = 1; i <= count; i++) {
    const user = h.user(`${prefix}${i}`);
    // The bot may only write to people who have started it.
    h.api.sendText(user.user, user.privateChat, '/start');
    users.push(user);
  }
  await h.settle(60_000);
  for (const user of users) {
    await h.db
      .update(members)
      .set({ fullName: `${user.user.first_name} ${agencyShortName}`, agencyId: agency!.id, registeredAt: new Date() })
      .where(sql`${members.telegramId} = ${user.id}`);
  }
  return users;
}

export async function addIdea(h: Harness, name: string, expansion: string, ownerTelegramId = COORDINATOR_ID): Promise<number> {
  const [owner] = await h.db.select().from(members).where(sql`${members.telegramId} = ${ownerTelegramId}`);
  const [row] = await h.db
    .insert(ideas)
    .values({ name, expansion, agencyId: owner!.agencyId!, ownerId: owner!.id })
    .returning();
  return row!.id;
}

/** Unfolds and splits an iCalendar text into [name, params, value] lines. */
export function parseIcs(text: string): { name: string; params: string; value: string }[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  return unfolded
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const head = line.slice(0, colon);
      const [name, ...params] = head.split(';');
      return { name: name!, params: params.join(';'), value: line.slice(colon + 1) };
    });
}

export function icsField(text: string, name: string): string | undefined {
  return parseIcs(text).find((l) => l.name === name)?.value;
}

/** Bot messages sent to a user's private chat whose text matches. */
export function privateTexts(h: Harness, user: TestUser, match: RegExp | string): string[] {
  return h.api
    .botMessages(user.id)
    .map((m) => m.text ?? '')
    .filter((t) => (typeof match === 'string' ? t.includes(match) : match.test(t)));
}

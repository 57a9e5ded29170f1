import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { agencies, members, sessionRsvps, sessions } from '../../src/db/schema/index.js';
import { insertIdea } from '../../src/domain/ideas/ideas.js';
import { enqueue } from '../../src/domain/jobs/queue.js';
import { newUid } from '../../src/domain/sessions/create.js';
import { KIND, keys, sessionRef } from '../../src/domain/sessions/keys.js';
import type { BotApiDouble, FakeUser } from '../../src/dev/telegram-double/index.js';
import { prng } from '../../src/dev/prng.js';

const CONSONANTS = 'bdfghjklmnprstw';
const VOWELS = 'aeiou';

/**
 * Distinct made-up words (three syllables), so pitches never look alike to the bot's similar-idea
 * check (trigram similarity of names, shared words of texts) and each is saved at once.
 */
export function wordMaker(seed: number): () => string {
  const rand = prng(seed);
  const used = new Set<string>();
  return () => {
    for (;;) {
      let w = '';
      for (let s = 0; s < 3; s++) w += CONSONANTS[Math.floor(rand() * CONSONANTS.length)]! + VOWELS[Math.floor(rand() * VOWELS.length)]!;
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
}

export const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** Registered members straight in the database (before the bot starts), one per fake user. */
export async function seedMembers(database: Database, users: FakeUser[], agencyShortName = 'Dinkes'): Promise<Map<number, number>> {
  const [agency] = await database.db.select().from(agencies).where(sql`${agencies.shortName} = ${agencyShortName}`);
  const ids = new Map<number, number>();
  for (let i = 0; i < users.length; i += 500) {
    const rows = await database.db
      .insert(members)
      .values(
        users.slice(i, i + 500).map((u) => ({
          telegramId: u.id,
          firstName: u.first_name,
          telegramLanguage: 'id',
          fullName: `${u.first_name} Lestari`,
          agencyId: agency!.id,
          registeredAt: new Date(),
        })),
      )
      .returning({ id: members.id, telegramId: members.telegramId });
    for (const r of rows) ids.set(r.telegramId, r.id);
  }
  return ids;
}

/** Ideas owned by one member, for others to support and comment on. */
export async function seedIdeas(database: Database, ownerMemberId: number, names: string[]): Promise<number[]> {
  const [owner] = await database.db.select().from(members).where(sql`${members.id} = ${ownerMemberId}`);
  const ids: number[] = [];
  await database.db.transaction(async (tx) => {
    for (const name of names) {
      const { idea } = await insertIdea(tx, { name, summary: `Ringkasan ${name}`, agencyId: owner!.agencyId!, ownerId: owner!.id }, new Date());
      ids.push(idea.id);
    }
  });
  return ids;
}

/** Fake users with the given name prefix; they count as having started the bot once they write to it. */
export function createUsers(api: BotApiDouble, count: number, prefix: string): FakeUser[] {
  return Array.from({ length: count }, (_, i) => api.createUser({ first_name: `${prefix}${i + 1}`, language_code: 'id' }));
}

/** Bot messages in a private chat whose text contains `needle`. */
export function countMessages(api: BotApiDouble, chatId: number, needle: string | RegExp): number {
  return api.botMessages(chatId).filter((m) => (typeof needle === 'string' ? (m.text ?? '').includes(needle) : needle.test(m.text ?? ''))).length;
}

/**
 * The users wrote to the bot long ago (so Telegram lets it write to them), and those updates are
 * gone: the double's queue is confirmed past them, as a bot that handled them would have.
 */
export async function startedEarlier(api: BotApiDouble, users: FakeUser[]): Promise<void> {
  let last = 0;
  for (const u of users) last = api.sendText(u, api.privateChat(u), '/start').update_id;
  const res = await fetch(`${api.apiRoot}/bot${api.token}/getUpdates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ offset: last + 1, timeout: 0 }),
  });
  if (!res.ok || api.pendingUpdates() !== 0) throw new Error('could not confirm the earlier updates');
}

/**
 * A session three hours ahead that every member said "Hadir" to, and one reminder per member due
 * at `dueAt`, as the reminder planner leaves them (same payload and dedupe key).
 */
export async function seedDueReminders(database: Database, creatorMemberId: number, memberIds: Map<number, number>, title: string, dueAt = new Date()): Promise<number> {
  return database.db.transaction(async (tx) => {
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 60_000) * 60_000);
    const [session] = await tx
      .insert(sessions)
      .values({ title, startsAt, endsAt: new Date(startsAt.getTime() + 7200_000), place: 'Aula Bappelitbangda', uid: newUid(), createdBy: creatorMemberId })
      .returning();
    const entries = [...memberIds.entries()];
    await tx.insert(sessionRsvps).values(entries.map(([, memberId]) => ({ sessionId: session!.id, memberId, answer: 'yes' as const, answeredAt: new Date() })));
    for (let i = 0; i < entries.length; i += 500) {
      await enqueue(
        tx,
        entries.slice(i, i + 500).map(([telegramId, memberId]) => ({
          kind: KIND.reminder,
          ref: sessionRef(session!.id),
          dedupeKey: keys.memberReminder(session!.id, session!.startsAt, memberId, '3h'),
          chatId: telegramId,
          dueAt,
          payload: { sessionId: session!.id, startsAt: session!.startsAt.toISOString(), offset: '3h', memberId },
        })),
      );
    }
    return session!.id;
  });
}

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Update } from 'telegraf/types';
import { members, type Member } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { UpdateDispatcher } from '../../../src/telegram/intake/dispatcher.js';
import { UpdateJournal } from '../../../src/telegram/intake/journal.js';
import { takePrefetchedMember } from '../../../src/telegram/intake/prefetched.js';
import { until } from '../../helpers/bot-process.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const logger = createLogger({ level: 'silent', secrets: [] });

let nextId = 5000;
function text(userId: number, chatId = userId): Update {
  const id = nextId++;
  const chat = chatId === userId ? { id: chatId, type: 'private', first_name: 'A' } : { id: chatId, type: 'supergroup', title: 'G' };
  return { update_id: id, message: { message_id: id, date: 1_700_000_000, chat, from: { id: userId, is_bot: false, first_name: 'A' }, text: 'halo' } } as Update;
}

/** What the bot's member middleware would have been handed, per update id ('fresh': nothing, read it). */
type Seen = Map<number, Member | null | 'fresh'>;

/**
 * The member rows read with the journal insert (intake/member-prefetch.ts), driven through the real
 * journal and dispatcher on a real database, without the bot: which update may use its row, and
 * which must read fresh. The age limit is lifted so that nothing here depends on timing.
 */
describe.each(engines)('member rows read with the journal insert (%s)', (engine) => {
  const database = useTestDatabase(engine);

  function dispatcher(handle: (u: Update) => Promise<void> = async () => {}): { d: UpdateDispatcher; seen: Seen } {
    const seen: Seen = new Map();
    const journal = new UpdateJournal(database.db, { flushDelayMs: 1 });
    const d = new UpdateDispatcher({
      journal,
      concurrency: 4,
      logger,
      prefetchMaxAgeMs: Number.POSITIVE_INFINITY,
      handle: async (u) => {
        const m = takePrefetchedMember(u);
        seen.set(u.update_id, m === undefined ? 'fresh' : m);
        await handle(u);
      },
    });
    return { d, seen };
  }

  async function member(telegramId: number, firstName = 'A'): Promise<Member> {
    const [row] = await database.db.insert(members).values({ telegramId, firstName }).returning();
    return row!;
  }

  it('returns each new update with its sender’s row in the same statement, none for a redelivery', async () => {
    const ana = await member(101);
    const journal = new UpdateJournal(database.db);
    const [a, stranger] = [text(101), text(102)];
    const recorded = await journal.record([a, stranger]);
    expect(recorded.get(a.update_id)).toEqual({ behind: false, member: ana });
    expect(recorded.get(stranger.update_id)).toEqual({ behind: false, member: null });
    expect((await journal.record([a])).size).toBe(0);
  });

  it('hands the row to the sender’s first update in a batch only; a later one reads fresh', async () => {
    const ana = await member(111);
    const { d, seen } = dispatcher();
    const [a1, b1, a2] = [text(111), text(112), text(111, -500)];
    await d.accept([a1, b1, a2]);
    await d.drain(30_000);
    expect(seen.get(a1.update_id)).toEqual(ana);
    expect(seen.get(b1.update_id)).toBeNull(); // no row yet: the middleware creates it
    expect(seen.get(a2.update_id)).toBe('fresh');
  });

  it('reads fresh while an earlier update of the same person is still running', async () => {
    await member(121);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = text(121, -600);
    const { d, seen } = dispatcher(async (u) => {
      if (u.update_id === first.update_id) await gate;
    });
    await d.accept([first]);
    await until(() => seen.has(first.update_id), 'the first update running');
    const next = text(121); // private chat: not queued behind the group
    await d.accept([next]);
    await until(() => seen.has(next.update_id), 'the second update running');
    release();
    await d.drain(30_000);
    expect(seen.get(first.update_id)).not.toBe('fresh');
    expect(seen.get(next.update_id)).toBe('fresh');
  });

  it('reads fresh when another update of the same person finished after the batch was read', async () => {
    // Ana's group message waits behind Budi's; meanwhile her private message runs and finishes.
    await member(131);
    await member(132);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const budi = text(132, -700);
    const anaInGroup = text(131, -700);
    const { d, seen } = dispatcher(async (u) => {
      if (u.update_id === budi.update_id) await gate;
    });
    await d.accept([budi, anaInGroup]);
    await until(() => seen.has(budi.update_id), 'Budi’s update running');
    const anaPrivate = text(131);
    await d.accept([anaPrivate]);
    await until(() => seen.has(anaPrivate.update_id), 'Ana’s private update');
    release();
    await d.drain(30_000);
    expect(seen.get(anaPrivate.update_id)).toBe('fresh'); // her group update was waiting
    expect(seen.get(anaInGroup.update_id)).toBe('fresh');
  });

  it('sees a change made elsewhere in the next batch', async () => {
    const before = await member(141);
    const { d, seen } = dispatcher();
    const first = text(141);
    await d.accept([first]);
    await d.drain(30_000);
    expect(seen.get(first.update_id)).toEqual(before);
    await database.db.update(members).set({ role: 'coordinator', language: 'en' }).where(eq(members.id, before.id));
    const second = text(141);
    await d.accept([second]);
    await d.drain(30_000);
    expect(seen.get(second.update_id)).toMatchObject({ id: before.id, role: 'coordinator', language: 'en' });
  });

  it('offers nothing once the row is older than the limit', async () => {
    await member(151);
    const seen: Seen = new Map();
    const d = new UpdateDispatcher({
      journal: new UpdateJournal(database.db, { flushDelayMs: 1 }),
      concurrency: 1,
      logger,
      prefetchMaxAgeMs: 0,
      handle: async (u) => void seen.set(u.update_id, takePrefetchedMember(u) ?? 'fresh'),
    });
    const u = text(151);
    await d.accept([u]);
    await d.drain(30_000);
    expect(seen.get(u.update_id)).toBe('fresh');
  });
});

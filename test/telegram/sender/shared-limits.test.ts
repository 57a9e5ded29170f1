import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { createLogger } from '../../../src/logger.js';
import { BotApiDouble } from '../../../src/dev/telegram-double/index.js';
import type { SenderLimits } from '../../../src/telegram/sender/limits.js';
import { Sender } from '../../../src/telegram/sender/sender.js';
import { PgSharedLimiter } from '../../../src/telegram/sender/shared-limits.js';
import { engines, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

// What each instance may send: a little over half of what the fake API enforces (10 a second per chat,
// 40 overall), so two instances that do not share their counts exceed it at once (the control), and two
// that share them stay under it with room to spare. The room is for lateness: the shared limiter hands
// out evenly spaced slots (178 ms apart per chat, 46 ms overall), and a send that leaves late — an
// instance starved of CPU on a busy machine, a slow network — arrives bunched with the next ones; here a
// send may arrive ~0.8 s after its slot before any one-second window holds one too many. At 9 a second
// per instance (the earlier setting) 0.19 s was enough, and a loaded CI machine got there.
const limits: SenderLimits = { globalPerSec: 24, privatePerSec: 6, groupPerMin: 360, groupEditsPerMin: 360, maxRetries: 2 };
const logger = createLogger({ level: 'silent', secrets: [] });

/** Two "instances": two senders, each with its own buckets, sending to the same chats at once. */
async function burstFromTwoInstances(api: BotApiDouble, shared: (() => PgSharedLimiter) | undefined): Promise<number> {
  const people = Array.from({ length: 3 }, (_, i) => api.createUser({ first_name: `U${i}` }));
  for (const p of people) api.sendText(p, api.privateChat(p), '/start');
  const group = api.createGroup({ title: 'G', type: 'supergroup' });
  api.addBotToGroup(group, people[0]!);
  const senders = [0, 1].map(
    () =>
      new Sender({
        telegram: new Telegram(api.token, { apiRoot: api.apiRoot }),
        logger,
        limits,
        ...(shared ? { shared: shared() } : {}),
      }),
  );
  api.enforceLimits({ perChatPerSec: 10, perGroupPerMin: 600, globalPerSec: 40 });
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < 20; i++) {
    for (const [n, sender] of senders.entries()) {
      jobs.push(sender.call('sendMessage', { chat_id: people[i % 3]!.id, text: `p ${n} ${i}` }));
      jobs.push(sender.call('sendMessage', { chat_id: group.id, text: `g ${n} ${i}` }));
    }
  }
  await Promise.allSettled(jobs);
  return api.limitViolations;
}

describe.runIf(engines.includes('postgres'))('send limits shared through PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps two instances together under the limits', async () => {
    const api = await BotApiDouble.start();
    try {
      const violations = await burstFromTwoInstances(api, () => new PgSharedLimiter(database, limits));
      const refused = api.calls.filter((c) => c.status === 429).map((c) => c.payload.chat_id);
      expect({ violations, refused }).toEqual({ violations: 0, refused: [] });
      expect(api.calls.filter((c) => c.method === 'sendMessage' && c.status === 200)).toHaveLength(80);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('(control) without sharing, two instances exceed them', async () => {
    const api = await BotApiDouble.start();
    try {
      expect(await burstFromTwoInstances(api, undefined)).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('gives up a slot its process woke too late for and takes the next free one', async () => {
    // One send a second per chat: two sends to one chat at once get slots a second apart.
    const slow: SenderLimits = { ...limits, privatePerSec: 1 };
    const oversleepMs = 1500;
    const sleeps: { at: number; ms: number }[] = [];
    // The process is starved once: its first wait for a slot ends 1.5 s after the slot.
    const starvedOnce = (ms: number) => {
      sleeps.push({ at: Date.now(), ms });
      return new Promise<void>((resolve) => setTimeout(resolve, sleeps.length === 1 ? ms + oversleepMs : ms));
    };
    const limiter = new PgSharedLimiter(database, slow, { sleep: starvedOnce });
    const chat = { key: `late-${process.pid}-${Date.now()}`, group: false };
    // Normally the second send waits; should the machine stall a whole second between the two, try again.
    for (let tries = 0; sleeps.length === 0 && tries < 10; tries++) {
      await Promise.all([limiter.acquire('send', chat), limiter.acquire('send', chat)]);
    }
    expect(sleeps.length).toBeGreaterThan(0);

    const [row] = await database.query<{ tat: string }>('select tat from rate_limits where key = $1', [`chat:${chat.key}`]);
    const intervalMs = Math.ceil(1000 * 1.05) + 2;
    const slotSleptFor = sleeps[0]!.at + sleeps[0]!.ms;
    // Had it kept its slot, the chat's next free slot would be an interval after it. It took a new
    // one when it woke (on the database's clock, which is this machine's), so the next free slot is
    // an interval after the wake. Lateness only moves the wake later, so a busy machine cannot fail this.
    expect(Number(row!.tat)).toBeGreaterThanOrEqual(slotSleptFor + oversleepMs - 5 + intervalMs);
  }, 60_000);
});

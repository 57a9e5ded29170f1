import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { telegramUpdates } from '../../src/db/schema/index.js';
import { until } from '../helpers/bot-process.js';
import { engines, openTestDatabase } from '../helpers/databases.js';
import { Harness, useHarness } from '../helpers/harness.js';

/** The journal alone fails: its table is away; every other table still works, so handlers run. */
const breakJournal = 'alter table telegram_updates rename to telegram_updates_away';
const mendJournal = 'alter table telegram_updates_away rename to telegram_updates';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.each(engines)('a failed journal write (%s)', (engine) => {
  const h = useHarness(engine);

  it('polling: the offset does not move past updates that are not durable, and nothing runs twice', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    await h.database.query(breakJournal);
    const update = h.api.sendText(ana.user, ana.privateChat, '/bantuan');
    // Handled in memory meanwhile (the member is answered)…
    await until(() => h.api.botMessages(ana.id).some((m) => m.text?.includes('Perintah Warkop Indah')), 'the answer');
    // …but not confirmed to Telegram: the poller asks for the same batch again.
    await until(() => h.logs.lines.filter((l) => l.includes('could not journal updates')).length >= 3, 'the batch fetched again');
    expect(h.api.pendingUpdates()).toBeGreaterThan(0);

    await h.database.query(mendJournal);
    await until(() => h.api.pendingUpdates() === 0, 'the offset to move on');
    await h.settle();
    await until(async () => (await h.db.select().from(telegramUpdates).where(sql`update_id = ${update.update_id} and handled_at is not null`)).length === 1, 'the journal row closed');
    // A restart finds nothing unfinished: the update is not run again.
    await h.restart();
    await h.settle();
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.includes('Perintah Warkop Indah'))).toHaveLength(1);
  });
});

describe.each(engines)('a failed journal write, webhook (%s)', (engine) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
  });

  it('webhook: answers 503 until the update is durable, then 200, and runs it once', async () => {
    const database = await openTestDatabase(engine);
    try {
      const port = await freePort();
      const secret = 'webhook-secret-for-journal-tests';
      h = new Harness(engine, database, {
        env: { WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, WEBHOOK_SECRET: secret, PORT: String(port), HOST: '127.0.0.1' },
      });
      await h.start();
      const ana = h.user('Ana');
      await ana.send('/start');
      const post = () =>
        fetch(`http://127.0.0.1:${port}/telegram/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify({
            update_id: 515151,
            message: { message_id: 99, date: 1_700_000_000, chat: { id: ana.id, type: 'private', first_name: 'Ana' }, from: { id: ana.id, is_bot: false, first_name: 'Ana' }, text: '/bantuan', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
          }),
        });
      await database.query(breakJournal);
      expect((await post()).status).toBe(503);
      await until(() => h!.api.botMessages(ana.id).some((m) => m.text?.includes('Perintah Warkop Indah')), 'the answer');
      expect((await post()).status).toBe(503);
      await database.query(mendJournal);
      expect((await post()).status).toBe(200);
      await h.settle();
      expect(h.api.botMessages(ana.id).filter((m) => m.text?.includes('Perintah Warkop Indah'))).toHaveLength(1);
      await until(async () => (await h!.db.select().from(telegramUpdates).where(sql`update_id = 515151 and handled_at is not null`)).length === 1, 'the journal row closed');
    } finally {
      await h?.stop();
      h = undefined;
      await database.close();
    }
  });
});

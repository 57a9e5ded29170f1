import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { telegramUpdates } from '../../src/db/schema/index.js';
import { until } from '../helpers/bot-process.js';
import { engines, openTestDatabase, useTestDatabase } from '../helpers/databases.js';
import { Harness, useHarness } from '../helpers/harness.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const SECRET = 'webhook-secret-for-tests';

describe.each(engines)('webhook mode and health (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let h: Harness;
  let port: number;
  beforeEach(async () => {
    port = await freePort();
    h = new Harness(engine, database, {
      env: { WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1' },
    });
    await h.start();
  });
  afterEach(async () => {
    await h.stop();
    expect(h.logs.text).not.toContain(SECRET);
    expect(h.logs.text).not.toContain(h.api.token);
  });

  const post = (body: unknown, secret?: string) =>
    fetch(`http://127.0.0.1:${port}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  it('registers the webhook with its secret and handles delivered updates', async () => {
    expect(h.api.webhook()).toEqual(expect.objectContaining({ url: `http://127.0.0.1:${port}/telegram/hook`, secret_token: SECRET }));
    const ana = h.user('Ana');
    const replies = await ana.send('/start');
    expect(replies[0]?.text).toContain('Selamat datang');
  });

  it('rejects requests without the secret (401) and changes nothing', async () => {
    const update = { update_id: 777, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'X' }, from: { id: 5, is_bot: false, first_name: 'X' }, text: '/start' } };
    expect((await post(update)).status).toBe(401);
    expect((await post(update, 'wrong-secret-value')).status).toBe(401);
    const rows = await h.db.select().from(telegramUpdates).where(sql`update_id = 777`);
    expect(rows).toHaveLength(0);
  });

  it('runs a redelivered update once', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    const before = h.api.botMessages(ana.id).length;
    const update = {
      update_id: 424242,
      message: { message_id: 99, date: 1_700_000_000, chat: { id: ana.id, type: 'private', first_name: 'Ana' }, from: { id: ana.id, is_bot: false, first_name: 'Ana' }, text: '/bantuan', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
    };
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    await h.settle();
    expect(h.api.botMessages(ana.id).length).toBe(before + 1);
  });

  it('answers /healthz with 200, and 503 when the database is gone', async () => {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('ok');
  });

  it('answers /healthz with 503 while the database is unreachable', async () => {
    // A bot on its own database, which is then closed under it.
    const own = await openTestDatabase(engine);
    const ownPort = await freePort();
    const other = new Harness(engine, own, {
      env: { WEBHOOK_URL: `http://127.0.0.1:${ownPort}/hook`, WEBHOOK_SECRET: SECRET, PORT: String(ownPort), HOST: '127.0.0.1' },
    });
    await other.start();
    try {
      expect((await fetch(`http://127.0.0.1:${ownPort}/healthz`)).status).toBe(200);
      await own.close();
      // The answer is cached for a second (every unauthenticated GET would otherwise run a query).
      await until(async () => (await fetch(`http://127.0.0.1:${ownPort}/healthz`)).status === 503, '/healthz to answer 503', 10_000);
    } finally {
      await other.app.stop('test').catch(() => {});
      await other.api.close();
    }
  });
});

describe.each(engines)('crash recovery (%s)', (engine) => {
  const h = useHarness(engine);

  it('re-runs updates that were journaled but not finished by the previous process', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    await h.app.stop('simulated crash');
    // What a crash leaves behind: an update in the journal without handled_at.
    const update = {
      update_id: 9_000_001,
      message: { message_id: 500, date: 1_700_000_000, chat: { id: ana.id, type: 'private', first_name: 'Ana' }, from: { id: ana.id, is_bot: false, first_name: 'Ana' }, text: '/bantuan', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
    };
    await h.db.insert(telegramUpdates).values({ updateId: update.update_id, payload: update });
    const before = h.api.botMessages(ana.id).length;
    await h.startBot();
    await h.settle();
    expect(h.api.botMessages(ana.id).length).toBe(before + 1);
    expect(h.api.lastBotMessage(ana.id)?.text).toContain('Perintah Warkop Indah');
    await h.app.dispatcher.drain(1000);
    const [row] = await h.db.select().from(telegramUpdates).where(sql`update_id = ${update.update_id}`);
    expect(row?.handledAt).toBeInstanceOf(Date);
  });
});

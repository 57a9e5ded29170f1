import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { telegramUpdates } from '../../src/db/schema/index.js';
import { engines } from '../helpers/databases.js';
import { freePort } from '../helpers/bot-process.js';
import { useHarness } from '../helpers/harness.js';

const SECRET = 'stopping-instance-secret';

/**
 * An instance that is stopping takes no more updates, and says so with 503 rather than 200: the
 * load balancer (or Telegram) then delivers the update to another instance or again later,
 * instead of it being acknowledged and dropped.
 */
describe.each(engines)('a stopping instance in webhook mode (%s)', (engine) => {
  let port = 0;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    port = await freePort();
    Object.assign(env, { WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1' });
  });
  const h = useHarness(engine, { env });

  const post = (update: unknown) =>
    fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
  const update = (id: number) => ({
    update_id: id,
    message: { message_id: id, date: 1_700_000_000, chat: { id: 4242, type: 'private', first_name: 'Ana' }, from: { id: 4242, is_bot: false, first_name: 'Ana' }, text: 'halo' },
  });
  const journaled = async (id: number) => (await h.db.select().from(telegramUpdates).where(sql`update_id = ${id}`)).length;

  it('answers 503 once it stops accepting, and records nothing', async () => {
    expect((await post(update(8_000_001))).status).toBe(200);
    expect(await journaled(8_000_001)).toBe(1);
    h.app.dispatcher.stopAccepting();
    const refused = await post(update(8_000_002));
    expect(refused.status).toBe(503);
    expect(await refused.text()).toBe('shutting down');
    expect(await journaled(8_000_002)).toBe(0);
  });
});

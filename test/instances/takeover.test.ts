import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/dev/telegram-double/index.js';
import { until } from '../helpers/bot-process.js';
import { Cluster } from '../helpers/cluster.js';
import { injectFault } from '../helpers/faults.js';

/**
 * The journal names the instance handling each update, and an instance is alive while it holds
 * its advisory lock. So an instance starting up (a deploy, a scale-up) leaves the updates other
 * instances are still working on alone, and the updates of an instance that died are taken over
 * by a live one within a tick — each answered once.
 */

const WELCOME = 'Selamat datang di Warkop Indah';

describe.skipIf(!process.env.TEST_DATABASE_URL)('several instances: in-flight updates and a crashed instance', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    // Retries that outlast the test steps keep an update "in flight" while Telegram answers 502.
    cluster = await Cluster.create({ SCHEDULER_TICK_SECONDS: '1', SEND_MAX_RETRIES: '40', SHUTDOWN_GRACE_MS: '2000' });
    await cluster.start(2);
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
  });

  const welcomes = (user: FakeUser) => cluster.api.botMessages(user.id).filter((m) => m.text?.includes(WELCOME)).length;

  /** Sends /start while Telegram refuses the answer: the update stays in flight where it landed. */
  async function stuckStart(user: FakeUser) {
    const { api } = cluster;
    const unblock = injectFault(api, { method: 'sendMessage', chatId: user.id, fault: { kind: '5xx', status: 502 } });
    const update = api.sendText(user, api.privateChat(user), '/start');
    await api.waitFor(() => api.calls.some((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === user.id && c.status === 502), {
      timeoutMs: 120_000,
      description: 'the first refused answer',
    });
    const owner = await cluster.ownerOf(update);
    const bot = cluster.bots.find((b) => b.instance === owner);
    if (!bot) throw new Error(`no bot owns update ${update.update_id} (owner ${owner})`);
    return { update, bot, unblock };
  }

  it('a starting instance leaves the updates of running ones alone', async () => {
    const { api } = cluster;
    const ana = api.createUser({ first_name: 'Ana', language_code: 'id' });
    const { update, bot, unblock } = await stuckStart(ana);

    // A third instance starts meanwhile (not behind the load balancer: its start-up is the point).
    const [third] = await cluster.start(1);
    cluster.remove(third!);
    // A few of its ticks go by (each looks for orphans); the update stays with the instance handling it.
    await cluster.ticked(third!, 3);
    expect(await cluster.ownerOf(update)).toBe(bot.instance);

    unblock();
    await cluster.handled(update);
    // A second runner could only be an instance that took the row over: every instance has looked
    // for orphans again since, and the row still names the one that answered.
    await Promise.all(cluster.bots.map((b) => cluster.ticked(b, 2)));
    expect(await cluster.ownerOf(update)).toBe(bot.instance);
    expect(welcomes(ana)).toBe(1);
  }, 120_000);

  it('the updates of an instance killed mid-way are taken over and answered once', async () => {
    const { api } = cluster;
    const budi = api.createUser({ first_name: 'Budi', language_code: 'id' });
    const { update, bot, unblock } = await stuckStart(budi);

    cluster.remove(bot);
    bot.process.child.kill('SIGKILL');
    await bot.process.exited;
    // A live instance takes the row over on its next tick …
    await until(async () => {
      const owner = await cluster.ownerOf(update);
      return owner !== bot.instance && cluster.bots.some((b) => b.instance === owner && b.process.child.exitCode === null);
    }, 'a live instance to take the update over', 30_000);
    const taker = await cluster.ownerOf(update);
    // … and answers once Telegram takes answers again.
    unblock();
    await cluster.handled(update);
    await api.waitFor(() => welcomes(budi) > 0, { timeoutMs: 120_000 });
    // Every live instance has looked for orphans again since: nobody else took the row.
    const live = cluster.bots.filter((b) => b !== bot);
    await Promise.all(live.map((b) => cluster.ticked(b, 2)));
    expect(await cluster.ownerOf(update)).toBe(taker);
    expect(welcomes(budi)).toBe(1);

    // The instances left keep serving.
    const citra = api.createUser({ first_name: 'Citra', language_code: 'id' });
    await cluster.handled(api.sendText(citra, api.privateChat(citra), '/start'));
    expect(welcomes(citra)).toBe(1);
  }, 120_000);
});

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import { BotProcess, baseEnv, prepareDatabase, processDatabase, processEngines, type ProcessDatabase } from '../helpers/fault-process.js';
import { createUsers, seedIdeas, seedMembers } from '../helpers/fault-data.js';
import { FakeOpenAI } from '../../src/dev/fake-openai.js';
import { injectFault } from '../helpers/faults.js';

/**
 * The whole process, with every secret set, driven through the errors that tend to leak them:
 * Telegram answering 5xx, 400, dropping connections and rejecting the token; the model server
 * echoing the key in its error and then unreachable; webhook requests with a wrong secret.
 * No line of stdout or stderr may contain a secret, nor its URL-encoded form.
 */
const TOKEN = '7700112233:AAH-secretTokenPart_0123456789abcdefXYZ';
const WEBHOOK_SECRET = 'wh_Secret-Value_4242424242';
const OPENAI_API_KEY = 'sk-test-SECRETKEY-0123456789abcdefghijklmnop';

function leaks(lines: string[]): string[] {
  const secrets = [TOKEN, TOKEN.split(':')[1]!, encodeURIComponent(TOKEN), WEBHOOK_SECRET, OPENAI_API_KEY, OPENAI_API_KEY.slice(8)];
  return lines.filter((line) => secrets.some((s) => line.includes(s)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('secrets stay out of the output', () => {
  let api: BotApiDouble;
  let model: FakeOpenAI;
  let target: ProcessDatabase;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    api = await BotApiDouble.start({ token: TOKEN });
    model = await FakeOpenAI.start();
    target = await processDatabase(processEngines[0]!);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.crash();
    await model.close();
    await api.close();
    await target.dispose();
  });

  it('across bad Telegram answers, a model server that echoes the key and then vanishes, and forged webhook calls', async () => {
    const [ana] = createUsers(api, 1, 'Ana');
    await prepareDatabase(target);
    await target.use(async (database) => {
      const ids = await seedMembers(database, [ana!]);
      await seedIdeas(database, ids.get(ana!.id)!, ['Getar Dilan']);
    });
    const port = await freePort();
    // The model server answers with the key in its error message, as some proxies do.
    model.onChat((req) => ({ kind: 'error', status: 401, message: `Incorrect API key provided: ${req.authorization?.replace('Bearer ', '')}` }));
    const bot = new BotProcess(
      baseEnv(api, target, {
        LOG_LEVEL: 'trace',
        WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
        WEBHOOK_SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        OPENAI_API_KEY,
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_MAX_RETRIES: '0',
        SEND_MAX_RETRIES: '1',
      }),
    );
    bots.push(bot);
    await bot.started();
    const chat = api.privateChat(ana!);

    // Telegram: a 500 (the update is run again), a dropped connection, a 400.
    injectFault(api, { method: 'sendMessage', times: 2, fault: { kind: '5xx', status: 500 } });
    api.sendText(ana!, chat, '/start');
    await api.waitForBotMessage(ana!.id, { match: 'Selamat datang', timeoutMs: 120_000 });
    injectFault(api, { method: 'sendMessage', times: 1, fault: { kind: 'network' } });
    api.sendText(ana!, chat, '/bantuan');
    await api.waitForBotMessage(ana!.id, { match: 'Perintah', timeoutMs: 120_000 });
    injectFault(api, { method: 'sendMessage', times: 1, fault: { kind: '5xx', status: 400 } });
    api.sendText(ana!, chat, '/profil');
    await api.waitForBotMessage(ana!.id, { match: 'Maaf, terjadi kendala', timeoutMs: 120_000 });

    // The model: rejected with the key echoed, then gone altogether; drafts fall back to the template.
    api.sendText(ana!, chat, '/draf 1');
    await api.waitFor(() => api.botMessages(ana!.id).some((m) => m.document), { timeoutMs: 120_000, description: 'the first draft' });
    expect(model.requests.length).toBeGreaterThan(0);
    await model.close();
    const drafts = () => api.botMessages(ana!.id).filter((m) => m.document).length;
    api.sendText(ana!, chat, '/draf 1');
    await api.waitFor(() => drafts() === 2, { timeoutMs: 120_000, description: 'the second draft' });

    // Forged webhook calls: no secret, a wrong one, and the right one in the wrong place.
    const hook = `http://127.0.0.1:${port}/telegram/hook`;
    const body = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'X' }, text: '/start' } });
    expect((await fetch(hook, { method: 'POST', body })).status).toBe(401);
    expect((await fetch(hook, { method: 'POST', body, headers: { 'x-telegram-bot-api-secret-token': `${WEBHOOK_SECRET}x` } })).status).toBe(401);
    expect((await fetch(`${hook}?secret=${WEBHOOK_SECRET}`, { method: 'POST', body })).status).toBe(401);

    expect(await bot.stop()).toBe(0);
    // The errors did happen (so the check below means something) …
    expect(bot.logged('update handler could not reach Telegram').length).toBeGreaterThan(0);
    expect(bot.logged('update handler failed').length).toBeGreaterThan(0);
    // Rate-limited: the first wrong call is logged, the next ones within a minute are counted into the next line.
    expect(bot.logged('webhook requests without the right secret')).toHaveLength(1);
    // … and none of their lines carries a secret.
    expect(leaks(bot.lines)).toEqual([]);

    // A token Telegram rejects: the process stops at start-up, still without printing it.
    const rejected = new BotProcess(baseEnv({ token: '7700112233:AAH-anotherTokenThatTelegramRejects99', apiRoot: api.apiRoot }, target));
    bots.push(rejected);
    expect((await rejected.exited).code).toBe(1);
    expect(rejected.lines.join('\n')).toContain('could not start');
    expect(rejected.lines.filter((l) => l.includes('anotherTokenThatTelegramRejects99'))).toEqual([]);
  });
});

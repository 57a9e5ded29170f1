import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import { logLines, spawnBot, until, type BotProcess } from '../helpers/bot-process.js';

/** PGlite is one process's database: a second bot on the same DATA_DIR must refuse, clearly. */
describe('PGlite and a second process', () => {
  let api: BotApiDouble;
  let dataDir: string;
  const running: BotProcess[] = [];

  beforeEach(async () => {
    api = await BotApiDouble.start();
    dataDir = mkdtempSync(join(tmpdir(), 'warkop-pglite-'));
  });
  afterEach(async () => {
    for (const bot of running.splice(0)) bot.child.kill('SIGKILL');
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bot = () => {
    const process = spawnBot({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    running.push(process);
    return process;
  };
  const started = (b: BotProcess) => logLines(b.output()).some((l) => l.msg === 'bot started');
  const expectRefused = (output: string) => {
    expect(output.trim()).toMatch(/^DATA_DIR \S+ is in use by another bot process \(pid \d+\)\. PGlite serves one process only: stop it, or set DATABASE_URL to share a PostgreSQL server between instances\.$/);
  };

  it('refuses a second bot on the same DATA_DIR with exit code 2 and a message pointing to DATABASE_URL', async () => {
    const first = bot();
    await until(() => started(first), 'the first bot to start', 60_000);

    const second = bot();
    expect(await second.exited).toBe(2);
    expectRefused(second.output());
    expect(second.output()).toContain(`(pid ${first.child.pid})`);

    // The first one was not disturbed, and once it has stopped the directory is free again.
    const ana = api.createUser({ first_name: 'Ana' });
    api.sendText(ana, api.privateChat(ana), '/start');
    await api.waitForBotMessage(ana.id, { match: 'Selamat datang', timeoutMs: 120_000 });
    expect(await first.stop('SIGTERM')).toBe(0);
    const third = bot();
    await until(() => started(third), 'a bot after the first stopped', 60_000);
    expect(await third.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('of two bots started at the same moment exactly one runs; a lock left by a crashed process is taken over', async () => {
    // What a crash leaves: the lock file of a process that no longer exists.
    writeFileSync(join(dataDir, 'bot.lock'), '2147483646');
    const pair = [bot(), bot()];
    const refused = await Promise.race(pair.map((b) => b.exited.then(() => b)));
    expect(await refused.exited).toBe(2);
    expectRefused(refused.output());
    const winner = pair.find((b) => b !== refused)!;
    await until(() => started(winner), 'the other bot to start', 60_000);
    expect(winner.child.exitCode).toBeNull();
    expect(await winner.stop('SIGTERM')).toBe(0);
  }, 120_000);
});

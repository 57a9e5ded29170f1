import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble } from '../src/dev/telegram-double/index.js';
import { injectFault } from './helpers/faults.js';

/** `npm start` as a process manager runs it: signals go to the npm process. */
function npmStart(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: join(import.meta.dirname, '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  let api: BotApiDouble;
  let dataDir: string;
  beforeEach(async () => {
    api = await BotApiDouble.start();
    dataDir = mkdtempSync(join(tmpdir(), 'warkop-main-'));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops a bad configuration with one line and exit code 2', async () => {
    const run = npmStart({ TELEGRAM_BOT_TOKEN: api.token, WEBHOOK_URL: 'https://example.org/hook', DATA_DIR: dataDir });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe('Configuration error: WEBHOOK_SECRET: is required when WEBHOOK_URL is set');
  }, 180_000);

  it('finishes the update in flight on SIGTERM, closes the database, exits 0, and never logs the token', async () => {
    const run = npmStart({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    try {
      // `npm start` builds first: on a busy machine that takes a while.
      await until(() => run.output().includes('bot started'), 'start-up', 120_000);
      const ana = api.createUser({ first_name: 'Ana' });
      api.sendText(ana, api.privateChat(ana), '/start');
      await api.waitForBotMessage(ana.id, { match: 'Selamat datang', timeoutMs: 120_000 });

      // The next reply is slow to reach Telegram; the signal arrives while it is in flight.
      injectFault(api, { method: 'sendMessage', times: 1, fault: { kind: 'slow', delayMs: 1500 } });
      const before = api.botMessages(ana.id).length;
      api.sendText(ana, api.privateChat(ana), '/bantuan');
      await api.waitFor(() => api.calls.some((c) => c.method === 'sendMessage' && c.status === 0 && String(c.payload.text).includes('Perintah')), { timeoutMs: 120_000 });
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(api.botMessages(ana.id).length).toBe(before + 1);
      expect(run.output()).toContain('stopped');
      expect(run.output()).not.toContain(api.token);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 240_000);
});

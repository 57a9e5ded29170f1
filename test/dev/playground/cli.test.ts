import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotApiDouble } from '../../../src/dev/telegram-double/index.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a fresh clone: no token, no database URL, no log level. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), NO_COLOR: '1', ...extra };
  for (const key of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'DATABASE_URL', 'LOG_LEVEL', 'WEBHOOK_URL', 'WEBHOOK_SECRET']) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

function run(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/main.ts', ...args], { env: opts.env ?? cleanEnv(), cwd: opts.cwd ?? process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

function script(lines: string): string {
  const file = join(dir, 'script.txt');
  writeFileSync(file, lines);
  return file;
}

describe('npm start without a token: the playground', () => {
  it('replays a script, echoes comments, prints the transcript and exits 0', async () => {
    const file = script('# Mendaftar\n/start\n\n/daftar\nAna Lestari\nkesehatan\n:1\n');
    const r = await run(['--script', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Warkop Indah local playground: .*To run for real: get a token from @BotFather/);
    expect(r.stdout).toContain('# Mendaftar\nAna › /start\n  #1 │ Selamat datang di Warkop Indah, Ana!');
    expect(r.stdout).toContain('\n\nAna › /daftar\n');
    expect(r.stdout).toContain('✎ (edited #4) │ Terima kasih, Ana Lestari. Anda terdaftar sebagai anggota dari Dinas Kesehatan.');
    // logs went to the file, not the transcript
    expect(r.stdout).not.toMatch(/"level":/);
    expect(readFileSync(join(dir, 'data', 'playground.log'), 'utf8')).toContain('"msg":"bot started"');
  });

  it('exits 1 naming the line of a button that does not exist', async () => {
    const file = script('/start\n/bahasa\n:5\n/bantuan\n');
    const r = await run(['--script', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:3: Message #2 has no button 5: it has 2 ([1] Bahasa Indonesia  [2] English).\n`);
    expect(r.stdout).toContain('Ana › :5\n  ✗ Message #2 has no button 5');
    expect(r.stdout).not.toContain('/bantuan');
  });

  it('exits 1 naming the line of an unknown command', async () => {
    const file = script('# komentar\n:whoami\n');
    const r = await run(['--script', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2: Unknown command :whoami.`);
  });

  it('reads a script from stdin when it is not a terminal', async () => {
    const r = await run([], { input: '/start\n:who\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ana › /start\n  #1 │ Selamat datang');
    expect(r.stdout).toContain('  People: Ana (you)');
  });

  it('explains a missing script file and bad arguments', async () => {
    expect(await run(['--script', join(dir, 'nope.txt')])).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read the script') });
    expect(await run(['--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown argument --bogus') });
  });
});

describe('npm start with a token: the real bot', () => {
  it('runs against the configured Bot API and stops cleanly on SIGTERM to npm', async () => {
    const api = await BotApiDouble.start();
    try {
      const child = spawn('npm', ['start', '--silent'], {
        env: cleanEnv({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: 'info' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const ana = api.createUser({ first_name: 'Ana', language_code: 'id' });
      api.sendText(ana, api.privateChat(ana), '/start');
      const reply = await api.waitForBotMessage(ana.id, { timeoutMs: 120_000 });
      expect(reply.text).toContain('Selamat datang di Warkop Indah, Ana!');
      expect(output).not.toContain('playground');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('shutting down');
      expect(output).toContain('stopped');
    } finally {
      await api.close();
    }
  });
});

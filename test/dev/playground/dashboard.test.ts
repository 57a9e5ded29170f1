import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { Playground } from '../../../src/dev/playground/session.js';
import { LogCapture } from '../../helpers/harness.js';

let dataDir: string;
let playground: Playground | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pg-dash-'));
});
afterEach(async () => {
  await playground?.close('test');
  rmSync(dataDir, { recursive: true, force: true });
});

it('the playground serves the dashboard locally and /dasbor shows the full sign-in address, which works', async () => {
  playground = await Playground.open({
    dataDir,
    // PORT 0: any free port (the terminal playground tries PORT, 8080 by default, first).
    env: { TZ_NAME: 'Asia/Makassar', PORT: '0' },
    logger: createLogger({ level: 'debug', secrets: [], destination: new LogCapture(), pretty: false }),
    style: { color: false },
    firstStart: new Date('2026-11-30T01:00:00Z'),
    settleTimeoutMs: 15_000,
  });
  const base = playground.dashboardUrl;
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const lines: string[] = [];
  for (const line of ['/start', '/daftar', 'Ana Lestari', 'kesehatan', ':1', '/usul Getar Dilan — Gerakan tanam sayur di lahan pekarangan', '/dasbor']) {
    const result = await playground.run(line);
    expect(result.error).toBeUndefined();
    lines.push(...result.lines);
  }
  const transcript = lines.join('\n');
  const match = new RegExp(`(${base!.replace(/\./g, '\\.')}/dasbor/masuk/[A-Za-z0-9_-]{43})`).exec(transcript);
  expect(match, transcript).not.toBeNull();

  // What a browser on the same computer does with the address: the page, the button (POST), the board.
  const token = match![1]!.split('/').pop()!;
  expect((await fetch(match![1]!)).status).toBe(200);
  const signIn = await fetch(`${base}/dasbor/masuk`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
  expect(signIn.status).toBe(303);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const board = await fetch(`${base}/dasbor`, { headers: { cookie } });
  expect(board.status).toBe(200);
  expect(await board.text()).toContain('Getar Dilan');
}, 120_000);

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { replayLines } from '../../../src/dev/playground/cli.js';
import { Playground } from '../../../src/dev/playground/session.js';
import { LogCapture } from '../../helpers/harness.js';

/**
 * Issue 10's story, typed as a new user would in the playground: pitch an idea in December 2026,
 * move the clock to January 2027, move it to Diterapkan, then read /rekap 2026 and /rekap 2027.
 * The two recaps used to contradict each other; now each number sits under its own heading.
 */
const script = [
  '/start',
  '/daftar',
  'Ana Lestari, S.Sos.',
  'Masamba',
  ':1',
  ':time 2026-12-10 09:00',
  '/usul Masamba Bersih — sampah pasar menumpuk; warga dan petugas kecamatan memilahnya bersama',
  ':time 2027-01-05 09:00',
  '/tahap 1 diterapkan',
  '/rekap 2026',
  '/rekap 2027',
];

describe('the recap story of issue 10, in the playground', () => {
  let dataDir: string;
  let playground: Playground;
  const transcript: string[] = [];
  let failure: Awaited<ReturnType<typeof replayLines>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pg-recap-'));
    playground = await Playground.open({
      dataDir,
      env: {},
      logger: createLogger({ level: 'info', secrets: [], destination: new LogCapture(), pretty: false }),
      style: { color: false },
      firstStart: new Date('2026-11-30T01:00:00Z'),
    });
    failure = await replayLines(playground, script, { color: false }, (line) => transcript.push(line));
  });

  afterAll(async () => {
    await playground?.close('test');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the bot answered to one typed line. */
  function answerTo(input: string): string {
    const start = transcript.findIndex((line) => line.endsWith(`› ${input}`));
    expect(start).toBeGreaterThanOrEqual(0);
    const end = transcript.findIndex((line, i) => i > start && / › /.test(line) && !line.startsWith(' '));
    return transcript.slice(start + 1, end === -1 ? undefined : end).join('\n');
  }

  it('runs to the end', () => {
    expect(failure).toBeUndefined();
    expect(answerTo('/tahap 1 diterapkan')).toContain('Diterapkan');
  });

  it('2026: the idea was pitched, nothing was implemented; no line says otherwise', () => {
    const text = answerTo('/rekap 2026');
    expect(text).toContain('Rekap Satu Perangkat Daerah Satu Inovasi 2026');
    expect(text).toMatch(/Target tercapai: 0 dari \d+ perangkat daerah \(2025: 0, sama\)/);
    expect(text).toContain('Belum ada perangkat daerah yang mencapai target.');
    expect(text).toContain('Ide diusulkan pada 2026: 1 · sedang berjalan sekarang: 0');
    expect(text).not.toMatch(/Sudah tercapai/);
  });

  it('2027: Kec. Masamba met the target; its idea is counted as a 2026 pitch, not as "no ideas"', () => {
    const text = answerTo('/rekap 2027');
    expect(text).toMatch(/Target tercapai: 1 dari \d+ perangkat daerah \(2026: 0, naik 1\)/);
    expect(text).toContain('✅ Sudah tercapai: Kec. Masamba');
    expect(text).toContain('Ide diusulkan pada 2027: 0 · sedang berjalan sekarang: 0');
    expect(text).not.toContain('belum ada ide');
  });

  it('shows each picture as a photo it saved as a file', () => {
    for (const year of [2026, 2027]) {
      const text = answerTo(`/rekap ${year}`);
      const saved = new RegExp(`\\[photo: rekap-${year}\\.png, 1080×(\\d+), [\\d.]+ KB\\] saved as (\\S+)`).exec(text);
      expect(saved, text).not.toBeNull();
      const path = saved![2]!;
      expect(existsSync(path.startsWith('/') ? path : join(process.cwd(), path))).toBe(true);
      expect(text).toContain(`📊 Rekap ${year} per perangkat daerah dan per tahun.`);
    }
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/harness.js';
import { startBotOn } from '../db/transfer/helpers.js';

/** Runs one of the npm scripts as `npm run` does (tsx), in a process of its own. */
function script(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'DATA_DIR', 'TELEGRAM_BOT_TOKEN'].includes(k)));
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { env: { ...clean, ...env }, cwd: process.cwd(), timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run backup and npm run restore', () => {
  const h = useHarness('pglite', { adminIds: [900001] });
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  it('backs up through the running bot (it keeps answering), then directly when it is stopped; restore refuses a used folder', async () => {
    await h.app.stop('on disk');
    const dataDir = tmp('wi-backup-');
    h.app = await startBotOn(h, { DATA_DIR: dataDir, BACKUP_TIME: 'off' });
    const ana = h.user('Ana', { id: 900001 });
    await ana.register('Ana Lestari', 'Dinas Kesehatan');

    const live = await script('scripts/backup.ts', [], { DATA_DIR: dataDir });
    expect(live.stderr).toBe('');
    expect(live.stdout).toContain(`Backup written by the running bot (pid ${process.pid}): ${join(dataDir, 'backups')}`);
    const pause = Number(/held for (\d+) ms/.exec(live.stdout)?.[1]);
    expect(pause).toBeGreaterThanOrEqual(0);
    expect(h.logs.text).toContain('"reason":"npm run backup"');
    // The bot went on as before.
    expect((await ana.ask('/profil')).text).toContain('Ana Lestari');

    await h.app.stop('stopped');
    expect(existsSync(join(dataDir, 'bot.sock'))).toBe(false);
    const direct = await script('scripts/backup.ts', [], { DATA_DIR: dataDir });
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain('Backup written directly (no bot was running)');
    const files = readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('.backup.gz'));
    expect(files).toHaveLength(2);

    // Restore: into the folder in use it refuses (and changes nothing); into a fresh one it works.
    const file = join(dataDir, 'backups', files.sort().at(-1)!);
    const refused = await script('scripts/restore.ts', [file], { DATA_DIR: dataDir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already holds a database');
    const fresh = tmp('wi-restore-');
    const restored = await script('scripts/restore.ts', [file], { DATA_DIR: fresh });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('every count and checksum verified');

    // --force sets the database in the way aside (renamed, not deleted) and restores.
    const forced = await script('scripts/restore.ts', [file, '--force'], { DATA_DIR: dataDir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('The current database was set aside in');
    expect(readdirSync(dataDir).filter((n) => n.startsWith('pglite.before-restore-'))).toHaveLength(1);

    // PostgreSQL is backed up with its own tools; the script says so.
    const pg = await script('scripts/backup.ts', [], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('pg_dump');
  }, 400_000);
});

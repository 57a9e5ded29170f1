import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { stages } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { playgroundDatabaseDir } from '../../../src/dev/playground/boot.js';
import { Playground } from '../../../src/dev/playground/session.js';
import { LogCapture } from '../../helpers/harness.js';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pg-seed-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function seed(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const child = spawn('npx', ['tsx', 'scripts/seed-demo.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run seed:demo', () => {
  it('fills the playground database once, consistently, and a second run changes nothing', async () => {
    const first = await seed();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('20 people from 16 perangkat daerah and 14 ideas');

    const again = await seed();
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('already has the demo data; nothing to do') });

    const database = await openDatabase({ dataDir: playgroundDatabaseDir(dataDir) });
    try {
      const q = database.query.bind(database);
      expect(await q(`select count(*)::int as n from members`)).toEqual([{ n: 20 }]);
      const byStage = await q<{ stage: string }>(`select distinct stage from ideas order by stage`);
      expect(byStage.map((r) => r.stage).sort()).toEqual([...stages].sort());
      const names = await q<{ name: string; expansion: string | null }>(`select name, expansion from ideas where name in ('Getar Dilan', 'Rompi KPK', 'Peta Baper', 'ANC Hipnoterapi') order by name`);
      expect(names.map((r) => r.name)).toEqual(['ANC Hipnoterapi', 'Getar Dilan', 'Peta Baper', 'Rompi KPK']);
      expect(names.find((r) => r.name === 'Getar Dilan')?.expansion).toBe('Gerakan Tanam Sayur di Lahan Pekarangan');
      // every idea's history ends at its stage and starts as a pitch; counters match the rows
      const inconsistent = await q(`
        select i.name from ideas i
        where i.stage <> (select e.to_stage from idea_stage_events e where e.idea_id = i.id order by e.id desc limit 1)
           or (select e.from_stage from idea_stage_events e where e.idea_id = i.id order by e.id limit 1) is not null
           or i.support_count <> (select count(*) from idea_supports s where s.idea_id = i.id)
           or i.comment_count <> (select count(*) from idea_comments c where c.idea_id = i.id)
           or (i.stage = 'archived' and i.archived_reason is null)
           or (i.stage in ('implemented', 'replicated') and i.implemented_on is null)`);
      expect(inconsistent).toEqual([]);
      expect(await q(`select count(distinct agency_id)::int as n from members`)).toEqual([{ n: 16 }]);
      expect(await q(`select count(*)::int as n from idea_awards`)).toEqual([{ n: 5 }]);
      expect(await q(`select count(*)::int as n from ideas where created_at > now()`)).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
  });

  it('decides "already seeded" by the demo data itself, not by an idea pitched by hand', async () => {
    // The guided tour: someone pitches Getar Dilan by hand before seeding.
    const playground = await Playground.open({
      dataDir,
      env: {},
      logger: createLogger({ level: 'info', secrets: [], destination: new LogCapture(), pretty: false }),
      style: { color: false },
    });
    try {
      await playground.run('/start');
      await playground.run('/daftar');
      await playground.run('Ana Lestari');
      await playground.run('kesehatan');
      await playground.run(':1');
      const card = await playground.run('/usul Getar Dilan — tanam sayur di pekarangan');
      expect(card.lines.join('\n')).toContain('Getar Dilan');
    } finally {
      await playground.close('test');
    }
    const first = await seed();
    expect(first.stdout).toContain('20 people from 16 perangkat daerah and 14 ideas');
    expect((await seed()).stdout).toContain('already has the demo data; nothing to do');
  });

  it('refuses while the playground is running on the same DATA_DIR, and its people can be played afterwards', async () => {
    const playground = await Playground.open({
      dataDir,
      env: {},
      logger: createLogger({ level: 'info', secrets: [], destination: new LogCapture(), pretty: false }),
      style: { color: false },
    });
    try {
      const refused = await seed();
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^The playground is running on .* \(its database is locked\)\. Leave it with :quit, then run npm run seed:demo again\.\n$/);
    } finally {
      await playground.close('test');
    }
    expect((await seed()).code).toBe(0);

    const again = await Playground.open({
      dataDir,
      env: {},
      logger: createLogger({ level: 'info', secrets: [], destination: new LogCapture(), pretty: false }),
      style: { color: false },
    });
    try {
      expect((await again.run(':user Rahmat')).lines).toEqual(['  ↳ you are now Rahmat, in your private chat with @warkop_indah_bot']);
      const profile = await again.run('/profil');
      expect(profile.lines.join('\n')).toContain('Rahmat Hidayat, S.STP., M.Si.');
      expect(profile.lines.join('\n')).toContain('koordinator');
    } finally {
      await again.close('test');
    }
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/db/client.js';
import { migrateDatabase, migrationsFolder } from '../../src/db/migrate.js';
import { createScratchDatabase, engines } from '../helpers/databases.js';

/** The migrations up to and including `last` (e.g. 11 = 0011_search_trgm), in a folder of their own. */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wi-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function openUnmigrated(engine: Engine): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') return { database: await openDatabase({ dataDir: 'memory://', migrate: false }), drop: async () => {} };
  const scratch = await createScratchDatabase();
  return { database: await openDatabase({ dataDir: 'unused', databaseUrl: scratch.url, poolSize: 2, migrate: false }), drop: scratch.drop };
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe.each(engines)('migration 0012: the old queues move into the one queue (%s)', (engine) => {
  it('finds every pending row of the old shape as a job, with its due time, attempts and payload; nothing finished comes along', async () => {
    const at0011 = migrationsUpTo(11);
    folders.push(at0011);
    const { database, drop } = await openUnmigrated(engine);
    try {
      await migrateDatabase(database, at0011);
      const q = database.query.bind(database);
      // The world of the old shape: a member, an idea with a stage move, a session posted in a group,
      // a broadcast half sent, draft requests in every state.
      await q(`insert into agencies (id, name, short_name) values (1, 'Dinas Kesehatan', 'Dinkes')`);
      await q(`insert into members (id, telegram_id, first_name) values (1, 5001, 'Ana'), (2, 5002, 'Budi')`);
      await q(`insert into ideas (id, name, agency_id, owner_id) values (1, 'Getar Dilan', 1, 1)`);
      await q(`insert into idea_stage_events (id, idea_id, from_stage, to_stage, actor_id) values (1, 1, 'pitched', 'discussed', 2)`);
      await q(`insert into idea_outbox (kind, idea_id, event_id, attempts, claimed_until, error, created_at) values
        ('topic', 1, null, 2, '2026-12-01T10:05:00Z', 'error_500: Internal', '2026-12-01T10:00:00Z'),
        ('stage_owner', 1, 1, 0, null, null, '2026-12-01T11:00:00Z')`);
      await q(`insert into idea_outbox (kind, idea_id, event_id, done_at, created_at) values ('stage_topic', 1, 1, '2026-12-01T11:00:01Z', '2026-12-01T11:00:00Z')`);
      await q(`insert into sessions (id, title, starts_at, ends_at, place, uid, created_by) values (1, 'Bedah proposal', '2026-12-03T01:00:00Z', '2026-12-03T03:00:00Z', 'Aula', 'uid-1', 1)`);
      await q(`insert into session_posts (id, session_id, chat_id, message_id, dirty_seq, rendered_seq, refresh_due_at, claimed_until, claimed_by, attempts) values
        (1, 1, -100, 10, 3, 2, '2026-12-01T12:00:00Z', '2026-12-01T12:01:00Z', 'old-worker', 1),
        (2, 1, -200, 11, 2, 2, null, null, null, 0)`);
      await q(`insert into broadcasts (id, created_by, text, audience, total, created_at) values (1, 1, 'Halo', 'members', 2, '2026-12-01T09:00:00Z')`);
      await q(`insert into broadcast_deliveries (id, broadcast_id, chat_id, member_id, status, attempts, claimed_until, claimed_by) values
        (1, 1, 5001, 1, 'delivered', 1, null, null),
        (2, 1, 5002, 2, 'pending', 3, '2026-12-01T09:05:00Z', null)`);
      await q(`insert into draft_requests (id, kind, idea_id, member_id, chat_id, language, layout_id, status, attempts, claimed_until, requested_at) values
        (1, 'build', 1, 1, 5001, 'id', 'kipp-umum-2023', 'queued', 0, null, '2026-12-01T08:00:00Z'),
        (2, 'build', 1, 1, 5001, 'id', 'kipp-umum-2023', 'running', 1, '2026-12-01T08:30:00Z', '2026-12-01T08:01:00Z'),
        (3, 'resend', 1, 1, 5001, 'id', 'kipp-umum-2023', 'done', 1, null, '2026-12-01T07:00:00Z')`);
      await q(`insert into outbox (kind, ref, dedupe_key, chat_id, due_at) values ('session.reminder', 'session:1', 'rem:1', 5001, '2026-12-03T00:00:00Z')`);

      await migrateDatabase(database);

      const jobs = await q<{ kind: string; ref: string; due_at: Date | string; status: string; attempts: number; claimed_until: Date | string | null; claimed_by: string | null; payload: unknown; outcome: string | null }>(
        `select kind, ref, due_at, status, attempts, claimed_until, claimed_by, payload, outcome from outbox order by kind, ref`,
      );
      const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
      expect(jobs.map((j) => ({ ...j, due_at: iso(j.due_at), claimed_until: iso(j.claimed_until) }))).toEqual([
        { kind: 'broadcast.deliver', ref: 'broadcast:1', due_at: '2026-12-01T09:00:00.000Z', status: 'pending', attempts: 3, claimed_until: '2026-12-01T09:05:00.000Z', claimed_by: null, payload: { broadcastId: 1, deliveryId: 2 }, outcome: null },
        { kind: 'draft.build', ref: 'draft_request:1', due_at: '2026-12-01T08:00:00.000Z', status: 'pending', attempts: 0, claimed_until: null, claimed_by: null, payload: { requestId: 1 }, outcome: null },
        { kind: 'draft.build', ref: 'draft_request:2', due_at: '2026-12-01T08:01:00.000Z', status: 'pending', attempts: 1, claimed_until: '2026-12-01T08:30:00.000Z', claimed_by: null, payload: { requestId: 2 }, outcome: null },
        { kind: 'idea.stage_owner', ref: 'idea:1', due_at: '2026-12-01T11:00:00.000Z', status: 'pending', attempts: 0, claimed_until: null, claimed_by: null, payload: { ideaId: 1, eventId: 1 }, outcome: null },
        { kind: 'idea.topic', ref: 'idea:1', due_at: '2026-12-01T10:00:00.000Z', status: 'pending', attempts: 2, claimed_until: '2026-12-01T10:05:00.000Z', claimed_by: null, payload: { ideaId: 1, eventId: null }, outcome: 'error_500: Internal' },
        { kind: 'session.refresh', ref: 'post:1', due_at: '2026-12-01T12:00:00.000Z', status: 'pending', attempts: 0, claimed_until: null, claimed_by: null, payload: { postId: 1 }, outcome: null },
        { kind: 'session.reminder', ref: 'session:1', due_at: '2026-12-03T00:00:00.000Z', status: 'pending', attempts: 0, claimed_until: null, claimed_by: null, payload: {}, outcome: null },
      ]);
      // Lease columns live only on the one queue now.
      const leases = await q<{ table_name: string }>(
        `select distinct table_name from information_schema.columns where table_schema = 'public' and column_name in ('claimed_until', 'claimed_by') order by 1`,
      );
      expect(leases.map((r) => r.table_name)).toEqual(['outbox']);
      expect(await q(`select 1 from information_schema.tables where table_name = 'idea_outbox'`)).toEqual([]);
      // The records stay: the delivery still pending, the requests with their status.
      expect(await q(`select id::int as id, status from broadcast_deliveries order by id`)).toEqual([{ id: 1, status: 'delivered' }, { id: 2, status: 'pending' }]);
      expect(await q(`select id, status from draft_requests order by id`)).toEqual([{ id: 1, status: 'queued' }, { id: 2, status: 'running' }, { id: 3, status: 'done' }]);
    } finally {
      await database.close();
      await drop();
    }
  });
});

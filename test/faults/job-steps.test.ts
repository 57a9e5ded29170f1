import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { outbox } from '../../src/db/schema/index.js';
import { queueWorker } from '../../src/jobs/worker.js';
import type { JobContext } from '../../src/jobs/scheduler.js';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';
import { announcementIn, COORDINATOR_ID, setupForum } from '../helpers/sessions.js';

describe.each(engines)('job steps (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [COORDINATOR_ID] });

  it('a meeting link in capitals: one change notice per group, and an .ics that imports', async () => {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const created = await ana.send('/sesi_baru Kamis 09.00 | https://Zoom.us/j/123 | Bedah proposal KIPP');
    expect(created.at(-1)?.text).toContain('Sesi #1 dijadwalkan');
    await h.runJobs();
    announcementIn(h, plain, 1);
    expect((await ana.ask('/ubah_sesi 1 judul Bedah proposal KIPP 2027')).text).toContain('Sesi #1 diubah (judul)');
    // Retries have every chance to repeat a notice: run the jobs past every backoff.
    for (let i = 0; i < 8; i++) {
      await h.runJobs();
      h.clock.advance(15 * 60_000);
    }
    await h.runJobs();
    for (const [chat, thread] of [[forum, topicId], [plain, undefined]] as const) {
      const messages = h.api.botMessages(chat.id, thread);
      expect(messages.filter((m) => m.text?.includes('Sesi #1 diubah'))).toHaveLength(1);
      const ics = messages.filter((m) => m.document?.file_name?.endsWith('.ics')).at(-1)!;
      const calendar = new ICAL.Component(ICAL.parse(ics.document!.content.toString('utf8')));
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.summary).toBe('Bedah proposal KIPP 2027');
      expect(event.location).toBe('https://Zoom.us/j/123');
      expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('url')).toBe('https://zoom.us/j/123');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T01:00:00.000Z');
    }
    const failed = await h.db.select().from(outbox).where(eq(outbox.status, 'failed'));
    expect(failed).toEqual([]);
  });

  it('a step that cannot succeed by retrying fails once, is reported, and what went out is not repeated', async () => {
    const { plain } = await setupForum(h);
    const due = new Date(h.clock.now().getTime() + 86_400_000);
    // Ahead of the bot's own clock, so only this worker sees the row due.
    const clock = new ManualClock(new Date(due.getTime() + 60_000));
    const ctx: JobContext = { database: h.app.database, sender: h.app.sender, clock, logger: h.logger, config: h.config };
    let calls = 0;
    const job = queueWorker({
      name: 'outbox',
      owner: 'test',
      leaseMs: 60_000,
      handlers: {
        'test.two-steps': async (row, c) => {
          calls++;
          await c.sender.call('sendMessage', { chat_id: row.chatId!, text: 'langkah pertama' } as never);
          // A bug in the second step (reading a field of something that is not there).
          const missing = (row.payload as { nothing?: { field: string } }).nothing;
          return { status: 'sent', outcome: missing!.field };
        },
      },
    });
    const [row] = await h.db
      .insert(outbox)
      .values({ kind: 'test.two-steps', ref: 'test:1', dedupeKey: 'test:1', chatId: plain.id, dueAt: due, payload: { secret: 'isi pesan' } })
      .returning();
    for (let i = 0; i < 8; i++) {
      await job.run(ctx);
      clock.advance(15 * 60_000);
    }
    expect(calls).toBe(1);
    expect(h.api.botMessages(plain.id).filter((m) => m.text === 'langkah pertama')).toHaveLength(1);
    const [after] = await h.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(after!.status).toBe('failed');
    expect(after!.outcome).toMatch(/^bug: TypeError: /);
    const report = h.logs.lines.filter((l) => l.includes('cannot succeed by retrying'));
    expect(report).toHaveLength(1);
    expect(report[0]).toContain(`"id":${row!.id}`);
    expect(report[0]).not.toContain('isi pesan');
  });
});

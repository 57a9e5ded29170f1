import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { members, outbox, reminderPrefs, sessionPosts, sessionRsvps, sessions, type Member, type Session } from '../../../src/db/schema/index.js';
import { parseOffsets } from '../../../src/domain/reminders/offsets.js';
import { recordPostRendered } from '../../../src/domain/sessions/posts.js';
import { sessionView, waitlistPosition } from '../../../src/domain/sessions/queries.js';
import { answerRsvp } from '../../../src/domain/sessions/rsvp.js';
import type { SessionSettings } from '../../../src/domain/sessions/settings.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

describe.each(engines)('answerRsvp: seats and waitlist exact under concurrent presses (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let people: Member[];
  let session: Session;
  const now = new Date('2026-12-01T01:00:00Z');
  const offsets = parseOffsets('1d,1h');
  const settings: SessionSettings = { timeZone: 'Asia/Makassar', defaultOffsets: offsets.ok ? offsets.offsets : [], durationMinutes: 120, editIntervalMs: 0 };
  const press = (m: Member, answer: 'yes' | 'maybe' | 'no') => answerRsvp(database.db, { sessionId: session.id, member: { id: m.id, telegramId: m.telegramId }, answer, settings, now });
  const seated = async () =>
    (await database.db.select().from(sessionRsvps).where(and(eq(sessionRsvps.answer, 'yes'), isNull(sessionRsvps.waitlistedAt)))).map((r) => r.memberId).sort((a, b) => a - b);
  const waiting = async () => (await database.db.select().from(sessionRsvps).where(and(eq(sessionRsvps.answer, 'yes'), isNotNull(sessionRsvps.waitlistedAt)))).length;
  const reminders = async (m: Member) =>
    (await database.db.select().from(outbox).where(and(eq(outbox.status, 'pending'), eq(outbox.kind, 'session.reminder'), sql`${outbox.dedupeKey} like ${`%:m${m.id}:%`}`))).length;

  beforeEach(async () => {
    people = await database.db
      .insert(members)
      .values(Array.from({ length: 12 }, (_, i) => ({ telegramId: 3000 + i, firstName: `P${i}`, agencyId: 1, registeredAt: now })))
      .returning();
    [session] = (await database.db
      .insert(sessions)
      .values({ title: 'Sesi uji', startsAt: new Date('2026-12-10T01:00:00Z'), endsAt: new Date('2026-12-10T03:00:00Z'), place: 'Aula', capacity: 3, uid: 'u-1', createdBy: people[0]!.id })
      .returning()) as [Session];
  });

  it('seats exactly the capacity of twelve people pressing at once, and puts the other nine in line', async () => {
    const results = await Promise.all(people.map((m) => press(m, 'yes')));
    expect(results.every((r) => r.ok && r.changed)).toBe(true);
    expect(await seated()).toHaveLength(3);
    expect(await waiting()).toBe(9);
    // Each press was told its place in line at that moment (1..9); the list numbers them 1..9.
    const waitlisted = results.flatMap((r, i) => (r.ok && r.waitlisted ? [{ i, position: r.position }] : []));
    expect(waitlisted).toHaveLength(9);
    for (const w of waitlisted) expect(w.position).toBeGreaterThanOrEqual(1), expect(w.position).toBeLessThanOrEqual(9);
    const listed = await Promise.all(waitlisted.map((w) => waitlistPosition(database.db, session.id, people[w.i]!.id)));
    expect(listed.sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('promotes the first in line when a seat is left, plans reminders for seats and maybes only, and repeats change nothing', async () => {
    for (const m of people.slice(0, 5)) await press(m, 'yes');
    expect(await seated()).toEqual(people.slice(0, 3).map((m) => m.id));
    const again = await press(people[4]!, 'yes');
    expect(again).toMatchObject({ ok: true, changed: false, waitlisted: true, position: 2 });
    expect(await reminders(people[0]!)).toBe(2);
    expect(await reminders(people[3]!)).toBe(0);
    const left = await press(people[1]!, 'no');
    expect(left).toMatchObject({ ok: true, changed: true, waitlisted: false, promoted: [people[3]!.id] });
    expect(await seated()).toEqual([people[0]!.id, people[2]!.id, people[3]!.id]);
    expect(await reminders(people[1]!)).toBe(0);
    expect(await reminders(people[3]!)).toBe(2);
    expect(await press(people[4]!, 'maybe')).toMatchObject({ ok: true, changed: true, waitlisted: false });
    expect(await reminders(people[4]!)).toBe(2);
    expect(await waiting()).toBe(0);
  });

  it('without a capacity: concurrent presses and changes of mind keep answers, reminders and counts exact, with one refresh job per post', async () => {
    await database.db.update(sessions).set({ capacity: null }).where(eq(sessions.id, session.id));
    const [post] = await database.db.insert(sessionPosts).values({ sessionId: session.id, chatId: -1001, messageId: 7 }).returning();
    const cycle = ['yes', 'maybe', 'no'] as const;
    const refreshJobs = async () =>
      (await database.db.select().from(outbox).where(and(eq(outbox.kind, 'session.refresh'), eq(outbox.status, 'pending')))).map((j) => j.dedupeKey);
    const first = await Promise.all(people.map((m, i) => press(m, cycle[i % 3]!)));
    expect(first.every((r) => r.ok && r.changed && !r.waitlisted)).toBe(true);
    // The announcement was never edited: the first change's job is due now, and only one waits.
    expect(first.filter((r) => r.ok && r.wake)).not.toHaveLength(0);
    expect(await refreshJobs()).toEqual([`post:${post!.id}:after:0`]);
    for (const [i, m] of people.entries()) expect(await reminders(m)).toBe(cycle[i % 3] === 'no' ? 0 : 2);
    // Everyone changes their mind at once, twice over (yes → no → maybe …).
    for (const shift of [1, 2]) {
      const again = await Promise.all(people.map((m, i) => press(m, cycle[(i + shift) % 3]!)));
      expect(again.every((r) => r.ok && r.changed)).toBe(true);
      for (const [i, m] of people.entries()) expect(await reminders(m)).toBe(cycle[(i + shift) % 3] === 'no' ? 0 : 2);
    }
    expect((await sessionView(database.db, session.id))?.counts).toEqual({ yes: 4, maybe: 4, no: 4, waitlist: 0 });
    expect(await refreshJobs()).toEqual([`post:${post!.id}:after:0`]);
    // A press while the refresh renders (the job holds its key) queues nothing; the render then
    // learns that a later change is waiting (announcements.ts leaves a job for it).
    const [row] = await database.db.select().from(sessionPosts).where(eq(sessionPosts.id, post!.id));
    await database.db.update(outbox).set({ claimedBy: 'worker', claimedUntil: new Date(now.getTime() + 60_000) }).where(eq(outbox.kind, 'session.refresh'));
    expect(await press(people[0]!, 'maybe')).toMatchObject({ ok: true, changed: true, wake: false });
    expect(await recordPostRendered(database.db, post!.id, row!.dirtySeq, now)).toBe(row!.dirtySeq + 1);
    // Once rendered, the next change has a key of its own.
    await database.db.update(outbox).set({ status: 'sent', claimedBy: null }).where(eq(outbox.kind, 'session.refresh'));
    expect(await press(people[0]!, 'yes')).toMatchObject({ ok: true, changed: true });
    expect(await refreshJobs()).toEqual([`post:${post!.id}:after:${row!.dirtySeq}`]);
    // Nothing changes, nothing is queued.
    expect(await press(people[0]!, 'yes')).toMatchObject({ ok: true, changed: false, wake: false });
    expect(await refreshJobs()).toHaveLength(1);
  });

  it('a press after the session or a preference changed plans from what is there now, not from what an earlier press read', async () => {
    await database.db.update(sessions).set({ capacity: null }).where(eq(sessions.id, session.id));
    await press(people[0]!, 'yes');
    const moved = new Date('2026-12-11T01:00:00Z');
    await database.db.update(sessions).set({ startsAt: moved, endsAt: new Date('2026-12-11T03:00:00Z') }).where(eq(sessions.id, session.id));
    await database.db.insert(reminderPrefs).values({ memberId: people[1]!.id, offsets: '2h' });
    const keys = async (m: Member) =>
      (await database.db.select().from(outbox).where(and(eq(outbox.status, 'pending'), eq(outbox.kind, 'session.reminder'), sql`${outbox.dedupeKey} like ${`%:m${m.id}:%`}`)))
        .map((j) => j.dedupeKey)
        .sort();
    expect(await press(people[1]!, 'yes')).toMatchObject({ ok: true, changed: true });
    expect(await keys(people[1]!)).toEqual([`rem:${session.id}:${moved.toISOString()}:m${people[1]!.id}:2h`]);
    expect(await press(people[2]!, 'maybe')).toMatchObject({ ok: true, changed: true });
    expect(await keys(people[2]!)).toEqual(['1d', '1h'].map((o) => `rem:${session.id}:${moved.toISOString()}:m${people[2]!.id}:${o}`));
    await database.db.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id));
    expect(await press(people[3]!, 'yes')).toEqual({ ok: false, reason: 'cancelled' });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { members, outbox, sessionRsvps, sessions, type Member, type Session } from '../../../src/db/schema/index.js';
import { parseOffsets } from '../../../src/domain/reminders/offsets.js';
import { waitlistPosition } from '../../../src/domain/sessions/queries.js';
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
});

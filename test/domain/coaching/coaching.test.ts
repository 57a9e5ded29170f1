import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { coachingNotes, ideaCoaches, members, outbox, type Member } from '../../../src/db/schema/index.js';
import { assignCoachIn, coachIdsOf, isCoach, removeCoachIn, canWriteNote } from '../../../src/domain/coaching/coaches.js';
import { digestSlot, staleIdeas } from '../../../src/domain/coaching/digest.js';
import { addNoteIn } from '../../../src/domain/coaching/notes.js';
import { coachingReminderSettings } from '../../../src/config.js';
import { createIdea } from '../../helpers/ideas.js';
import { moveIdeaStage } from '../../../src/domain/ideas/move.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

const TZ = 'Asia/Makassar';
const settings = coachingReminderSettings({ TZ_NAME: TZ, REMINDER_OFFSETS: '1d@16:00,1h' });

describe('digestSlot', () => {
  const week = { timeZone: TZ, weekday: 1, hour: 8 };
  it('names the week by its Monday (WITA) and is due on the configured day and hour', () => {
    // Minggu, 6 Desember 2026 · 23.30 WITA belongs to the week of Monday 30 November.
    expect(digestSlot(new Date('2026-12-06T15:30:00Z'), week)).toEqual({ week: '2026-11-30', dueAt: new Date('2026-11-30T00:00:00Z') });
    // Senin, 7 Desember 2026 · 00.30 WITA (still Sunday in UTC) is the next week.
    expect(digestSlot(new Date('2026-12-06T16:30:00Z'), week)).toEqual({ week: '2026-12-07', dueAt: new Date('2026-12-07T00:00:00Z') });
    // Friday 14.00 slot, asked on Wednesday of the same week.
    expect(digestSlot(new Date('2026-12-02T02:00:00Z'), { timeZone: TZ, weekday: 5, hour: 14 })).toEqual({ week: '2026-11-30', dueAt: new Date('2026-12-04T06:00:00Z') });
  });
});

describe.each(engines)('coaching on the database (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let owner: Member;
  let coordinator: Member;
  let coach: Member;
  let other: Member;
  const at = new Date('2026-11-30T01:00:00Z'); // Senin 09.00 WITA
  const thursday9 = new Date('2026-12-03T01:00:00Z'); // Kamis 09.00 WITA

  beforeEach(async () => {
    const rows = await database.db
      .insert(members)
      .values(
        ['Owner', 'Coordinator', 'Coach', 'Other'].map((name, i) => ({
          telegramId: 2000 + i,
          firstName: name,
          fullName: name,
          agencyId: 1,
          registeredAt: at,
          role: i === 1 ? ('coordinator' as const) : ('member' as const),
        })),
      )
      .returning();
    [owner, coordinator, coach, other] = rows as [Member, Member, Member, Member];
  });

  const idea = async (name = 'Getar Dilan', when = at) => (await createIdea(database.db, { name, agencyId: 1, ownerId: owner.id }, when)).idea.id;
  const assign = (ideaId: number, who: Member, actor: Member = coordinator, when = at) =>
    database.db.transaction((tx) => assignCoachIn(tx, { ideaId, coach: who, actor, at: when, settings }));
  const note = (ideaId: number, actor: Member, nextAt?: Date, when = at, text = 'Bahas data sebelum dan sesudah') =>
    database.db.transaction((tx) => addNoteIn(tx, { ideaId, actor, text, nextAt, at: when, settings }));
  const reminders = async (ideaId: number) =>
    (await database.db.select().from(outbox).where(and(eq(outbox.ref, `coaching:${ideaId}`), eq(outbox.kind, 'coaching.reminder')))).sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey));

  it('lets only coordinators assign, several coaches per idea, never the owner, and keeps who and when', async () => {
    const id = await idea();
    expect(await assign(id, coach, other)).toEqual({ ok: false, reason: 'not_coordinator' });
    expect(await assign(id, owner)).toEqual({ ok: false, reason: 'own_idea' });
    expect((await assign(id, coach)).ok).toBe(true);
    expect(await assign(id, coach)).toEqual({ ok: false, reason: 'already' });
    expect((await assign(id, other)).ok).toBe(true);
    expect(await coachIdsOf(database.db, id)).toEqual([coach.id, other.id]);
    expect(await isCoach(database.db, id, coach.id)).toBe(true);
    const [row] = await database.db.select().from(ideaCoaches).where(eq(ideaCoaches.memberId, coach.id));
    expect(row).toMatchObject({ assignedBy: coordinator.id, assignedAt: at, removedAt: null });
    // Removing closes the row; assigning again opens a new one.
    expect((await database.db.transaction((tx) => removeCoachIn(tx, { ideaId: id, coach, actor: coordinator, at, settings }))).ok).toBe(true);
    expect(await isCoach(database.db, id, coach.id)).toBe(false);
    expect(await database.db.transaction((tx) => removeCoachIn(tx, { ideaId: id, coach, actor: coordinator, at, settings }))).toEqual({ ok: false, reason: 'not_a_coach' });
    expect((await assign(id, coach)).ok).toBe(true);
    expect(await database.db.select().from(ideaCoaches).where(eq(ideaCoaches.memberId, coach.id))).toHaveLength(2);
    // The coach was told, once per assignment.
    const notices = await database.db.select().from(outbox).where(eq(outbox.kind, 'coaching.notice'));
    expect(notices.filter((n) => n.chatId === coach.telegramId)).toHaveLength(2);
  });

  it('lets coaches and coordinators write notes, not other members, and tells the owner', async () => {
    const id = await idea();
    await assign(id, coach);
    expect(await canWriteNote(database.db, other, id)).toBe(false);
    expect(await note(id, other)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(await database.db.select().from(coachingNotes)).toHaveLength(0);
    const r = await note(id, coach);
    expect(r).toMatchObject({ ok: true, ownerNotified: true });
    expect((await note(id, coordinator)).ok).toBe(true);
    const toOwner = await database.db.select().from(outbox).where(and(eq(outbox.kind, 'coaching.notice'), eq(outbox.chatId, owner.telegramId)));
    expect(toOwner).toHaveLength(2);
    expect(await note(id, coach, new Date(at.getTime() - 60_000))).toEqual({ ok: false, reason: 'past_date' });
  });

  it('plans reminders for coaches and the owner, replans when the date moves or a coach leaves', async () => {
    const id = await idea();
    await assign(id, coach);
    await note(id, coach, thursday9);
    let rows = await reminders(id);
    // Owner and coach, the day before at 16.00 and one hour before.
    expect(rows.map((r) => [r.chatId, r.dueAt.toISOString(), r.status])).toEqual([
      [owner.telegramId, '2026-12-02T08:00:00.000Z', 'pending'],
      [owner.telegramId, '2026-12-03T00:00:00.000Z', 'pending'],
      [coach.telegramId, '2026-12-02T08:00:00.000Z', 'pending'],
      [coach.telegramId, '2026-12-03T00:00:00.000Z', 'pending'],
    ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)) as never);
    // A second coach joins: they are reminded of the date already set.
    await assign(id, other);
    expect((await reminders(id)).filter((r) => r.status === 'pending')).toHaveLength(6);
    // The date moves to Friday 10.00: the old rows are cancelled, new ones planned.
    const friday10 = new Date('2026-12-04T02:00:00Z');
    await note(id, coach, friday10, new Date(at.getTime() + 60_000));
    rows = await reminders(id);
    expect(rows.filter((r) => r.status === 'pending').every((r) => r.dedupeKey.includes(friday10.toISOString()))).toBe(true);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(6);
    expect(rows.filter((r) => r.status === 'cancelled' && r.outcome === 'replanned')).toHaveLength(6);
    // A coach removed loses their reminders; the others keep theirs.
    await database.db.transaction((tx) => removeCoachIn(tx, { ideaId: id, coach: other, actor: coordinator, at, settings }));
    rows = await reminders(id);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.chatId).sort()).toEqual([owner.telegramId, owner.telegramId, coach.telegramId, coach.telegramId].sort());
    // A note without a date leaves the plan as it is.
    await note(id, coach, undefined, new Date(at.getTime() + 120_000));
    expect((await reminders(id)).filter((r) => r.status === 'pending')).toHaveLength(4);
  });

  it('lists coached ideas with no coaching for the set number of days, the longest waiting first', async () => {
    const quiet = await idea('Sapa Lansia');
    const active = await idea('Getar Dilan');
    const uncoached = await idea('Rompi KPK');
    const archived = await idea('Peta Baper');
    await assign(quiet, coach);
    await assign(active, coach);
    await assign(archived, coach);
    await moveIdeaStage(database.db, { ideaId: archived, to: 'archived', note: 'tidak dilanjutkan', actor: coordinator, at, timeZone: TZ });
    const later = new Date(at.getTime() + 25 * 86_400_000);
    await note(active, coach, undefined, later);
    void uncoached;
    const now = new Date(at.getTime() + 31 * 86_400_000);
    const result = await staleIdeas(database.db, now, 30);
    expect(result.total).toBe(1);
    expect(result.ideas).toEqual([{ id: quiet, name: 'Sapa Lansia', agency: expect.any(String), lastNoteAt: null, since: at }]);
    // Forty days on, the other one is stale too; the quiet one comes first.
    const stale = await staleIdeas(database.db, new Date(at.getTime() + 56 * 86_400_000), 30);
    expect(stale.ideas.map((i) => i.id)).toEqual([quiet, active]);
    expect(stale.ideas[1]!.lastNoteAt).toEqual(later);
    // A shorter window catches both earlier.
    expect((await staleIdeas(database.db, now, 5)).total).toBe(2);
  });
});

import { sessionAgenda, sessionRsvps, sessions } from '../../src/db/schema/index.js';
import { addComment } from '../../src/domain/ideas/comments.js';
import { toggleSupport } from '../../src/domain/ideas/supports.js';
import type { Harness, TestUser } from './harness.js';
import { agencyId, memberOf, seedIdea } from './ideas.js';
import { seedRecap } from './recap-data.js';

const T = (iso: string) => new Date(iso);

/**
 * The recap's 2026 data (see recap-data.ts), plus what the idea and session pages show: Budi of
 * Dinkes supports and comments on Getar Dilan; one past session (minutes, attendance) and one
 * upcoming (agenda, answers). Returns the people and the ids the tests look for.
 */
export async function seedDashboard(h: Harness): Promise<{ admin: TestUser; budi: TestUser; petaBaper: number; past: number; upcoming: number }> {
  const admin = await seedRecap(h);
  const budi = h.user('Budi');
  await budi.register('Budi Santoso', 'Dinas Kesehatan');
  const adminRow = await memberOf(h, admin);
  const budiRow = await memberOf(h, budi);
  const petaBaper = await seedIdea(h, {
    name: 'Peta Baper',
    summary: 'Pemetaan Berbasis Partisipatif: warga memetakan sendiri sarana umum desanya.',
    ownerId: budiRow.id,
    agencyId: await agencyId(h, 'Dinkes'),
    at: T('2026-09-01T02:00:00Z'),
    moves: [
      { to: 'discussed', at: T('2026-09-10T02:00:00Z'), note: 'Dibahas di Warkop Indah September' },
      { to: 'initiative', at: T('2026-10-01T02:00:00Z') },
    ],
  });
  await toggleSupport(h.db, petaBaper, adminRow.id, T('2026-09-02T02:00:00Z'));
  await addComment(h.db, { ideaId: petaBaper, authorId: adminRow.id, text: 'Bagus, libatkan kecamatan <Masamba> juga.', at: T('2026-09-03T02:00:00Z') });
  const [past] = await h.db
    .insert(sessions)
    .values({
      title: 'Bedah Inovasi Kesehatan',
      startsAt: T('2026-11-20T01:00:00Z'),
      endsAt: T('2026-11-20T03:00:00Z'),
      place: 'Warkop Indah, Masamba',
      status: 'done',
      minutes: 'Peta Baper lanjut ke tahap inisiatif.',
      uid: 'past-session@test',
      createdBy: adminRow.id,
    })
    .returning();
  const [upcoming] = await h.db
    .insert(sessions)
    .values({
      title: 'Klinik Proposal KIPP',
      startsAt: T('2026-12-03T01:00:00Z'),
      endsAt: T('2026-12-03T03:00:00Z'),
      place: 'Aula Bappelitbangda',
      uid: 'upcoming-session@test',
      createdBy: adminRow.id,
    })
    .returning();
  await h.db.insert(sessionRsvps).values([
    { sessionId: past!.id, memberId: budiRow.id, answer: 'yes', attended: true, answeredAt: T('2026-11-18T01:00:00Z') },
    { sessionId: past!.id, memberId: adminRow.id, answer: 'maybe', attended: false, answeredAt: T('2026-11-18T01:00:00Z') },
    { sessionId: upcoming!.id, memberId: budiRow.id, answer: 'yes', answeredAt: T('2026-11-29T01:00:00Z') },
    { sessionId: upcoming!.id, memberId: adminRow.id, answer: 'no', answeredAt: T('2026-11-29T01:00:00Z') },
  ]);
  await h.db.insert(sessionAgenda).values({ sessionId: upcoming!.id, ideaId: petaBaper, addedBy: adminRow.id });
  return { admin, budi, petaBaper, past: past!.id, upcoming: upcoming!.id };
}

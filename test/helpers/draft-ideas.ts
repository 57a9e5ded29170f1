import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { agencies, ideaAwards, ideaComments, ideaStageEvents, ideaSupports, ideas, members, type Idea } from '../../src/db/schema/index.js';

/**
 * Ideas written straight into the database: the ideas commands are built in parallel, and the
 * drafts tests only need the rows.
 */
export async function memberIdOf(db: Db, telegramId: number): Promise<number> {
  const [m] = await db.select({ id: members.id }).from(members).where(eq(members.telegramId, telegramId));
  if (!m) throw new Error(`no member with telegram id ${telegramId}`);
  return m.id;
}

export async function agencyIdOf(db: Db, shortName: string): Promise<number> {
  const [a] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.shortName, shortName));
  if (!a) throw new Error(`no agency ${shortName}`);
  return a.id;
}

export async function insertIdea(
  db: Db,
  values: { ownerTelegramId: number; agency: string } & Partial<Omit<typeof ideas.$inferInsert, 'ownerId' | 'agencyId'>>,
): Promise<Idea> {
  const { ownerTelegramId, agency, ...rest } = values;
  const [idea] = await db
    .insert(ideas)
    .values({ name: 'Ide', ...rest, ownerId: await memberIdOf(db, ownerTelegramId), agencyId: await agencyIdOf(db, agency) })
    .returning();
  return idea!;
}

/** Getar Dilan with history, supporters, comments and an award. */
export async function insertCompleteIdea(db: Db, ownerTelegramId: number, others: { supporters: number[]; commenter: number }): Promise<Idea> {
  const idea = await insertIdea(db, {
    ownerTelegramId,
    agency: 'DKP',
    name: 'Getar Dilan',
    expansion: 'Gerakan Tanam Sayur di Lahan Pekarangan',
    problem: 'Angka stunting di Kecamatan Sabbang tinggi dan banyak keluarga tidak mampu membeli sayur setiap hari.',
    solution: 'Kader PKK dan penyuluh pertanian mendampingi keluarga menanam sayur di pekarangan dengan bibit gratis.',
    beneficiaries: 'keluarga dengan balita berisiko stunting di 12 desa',
    form: 'public_service',
    digital: false,
    stage: 'implemented',
    trialStartedOn: '2022-03-01',
    implementedOn: '2023-01-15',
    createdAt: new Date('2021-10-05T02:00:00Z'),
  });
  const owner = await memberIdOf(db, ownerTelegramId);
  await db.insert(ideaStageEvents).values([
    { ideaId: idea.id, fromStage: 'pitched', toStage: 'discussed', actorId: owner, createdAt: new Date('2021-11-04T02:00:00Z') },
    { ideaId: idea.id, fromStage: 'discussed', toStage: 'initiative', actorId: owner, createdAt: new Date('2021-12-02T02:00:00Z') },
    { ideaId: idea.id, fromStage: 'initiative', toStage: 'trial', actorId: owner, createdAt: new Date('2022-03-01T02:00:00Z') },
    { ideaId: idea.id, fromStage: 'trial', toStage: 'implemented', actorId: owner, createdAt: new Date('2023-01-15T02:00:00Z') },
  ]);
  for (const t of others.supporters) await db.insert(ideaSupports).values({ ideaId: idea.id, memberId: await memberIdOf(db, t) });
  await db.insert(ideaComments).values({
    ideaId: idea.id,
    authorId: await memberIdOf(db, others.commenter),
    text: 'Data posyandu bisa dipakai untuk mengukur perubahan berat badan balita sebelum dan sesudah program.',
  });
  await db.insert(ideaAwards).values({ ideaId: idea.id, level: 'provinsi', competition: 'KIPP', year: 2024, result: 'Top 30' });
  return idea;
}

import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ideaCoaches, ideaCollaborators, ideas, ideaStageEvents, ideaSupports, members, type Member } from '../../../src/db/schema/index.js';
import { loadIdeaCard } from '../../../src/domain/ideas/card.js';
import { createIdea } from '../../helpers/ideas.js';
import { engines, useTestDatabase } from '../../helpers/databases.js';

describe.each(engines)('loadIdeaCard: the card and its reader in one statement (%s)', (engine) => {
  const database = useTestDatabase(engine);
  let owner: Member;
  let other: Member;
  const at = new Date('2026-11-30T16:30:00.123Z');

  beforeEach(async () => {
    [owner, other] = (await database.db
      .insert(members)
      .values([
        { telegramId: 3001, firstName: 'Ana', fullName: 'Ana Lestari', agencyId: 1 },
        { telegramId: 3002, firstName: 'Budi', agencyId: 1 },
      ])
      .returning()) as [Member, Member];
  });

  it('draws a just-saved idea from what the insert returned exactly as reading it back would', async () => {
    const created = await createIdea(database.db, { name: 'Getar Dilan', summary: 'Tanam sayur', agencyId: 1, ownerId: owner.id }, at);
    expect(await loadIdeaCard(database.db, created.idea.id, undefined, owner.id)).toEqual(created.card);
  });

  it("reads the reader's coaching, co-authorship, 👍 and an archived idea's reopen target", async () => {
    const { idea } = await createIdea(database.db, { name: 'Rompi KPK', agencyId: 1, ownerId: owner.id }, at);
    const facts = async (memberId: number) => (await loadIdeaCard(database.db, idea.id, undefined, memberId))?.viewer;
    expect(await facts(other.id)).toEqual({ memberId: other.id, coach: false, collaborator: false, supports: false, reopenTo: null });

    await database.db.insert(ideaCoaches).values({ ideaId: idea.id, memberId: other.id, assignedBy: owner.id, assignedAt: at });
    await database.db.insert(ideaCollaborators).values({ ideaId: idea.id, memberId: other.id, addedBy: owner.id, createdAt: at });
    await database.db.insert(ideaSupports).values({ ideaId: idea.id, memberId: other.id, createdAt: at });
    expect(await facts(other.id)).toEqual({ memberId: other.id, coach: true, collaborator: true, supports: true, reopenTo: null });
    const card = await loadIdeaCard(database.db, idea.id);
    expect(card?.coaching.coaches).toEqual(['Budi']);
    expect(card?.viewer).toBeUndefined();

    await database.db.update(ideaCoaches).set({ removedAt: at }).where(eq(ideaCoaches.ideaId, idea.id));
    expect((await facts(other.id))?.coach).toBe(false);

    const later = new Date(at.getTime() + 60_000);
    await database.db.insert(ideaStageEvents).values([
      { ideaId: idea.id, fromStage: 'pitched', toStage: 'discussed', actorId: owner.id, createdAt: later },
      { ideaId: idea.id, fromStage: 'discussed', toStage: 'archived', actorId: owner.id, note: 'Ditunda', createdAt: later },
    ]);
    await database.db.update(ideas).set({ stage: 'archived' }).where(eq(ideas.id, idea.id));
    const archived = await loadIdeaCard(database.db, idea.id, 2, owner.id);
    expect(archived?.viewer?.reopenTo).toBe('discussed');
    // The newest two history rows, oldest first; the actor's name falls back to the first name.
    expect(archived?.history.map((e) => [e.from, e.to, e.note, e.actorName])).toEqual([
      ['pitched', 'discussed', null, 'Ana Lestari'],
      ['discussed', 'archived', 'Ditunda', 'Ana Lestari'],
    ]);
    expect(await loadIdeaCard(database.db, idea.id + 1)).toBeUndefined();
  });
});

import { eq } from 'drizzle-orm';
import { agencies, members, type Stage } from '../../src/db/schema/index.js';
import type { Db } from '../../src/db/client.js';
import { insertIdea, type NewIdea } from '../../src/domain/ideas/ideas.js';
import { moveIdeaStage } from '../../src/domain/ideas/move.js';
import type { Harness, TestUser } from './harness.js';

/** An idea saved in a transaction of its own, as the bot's pitch form saves one (tests only). */
export async function createIdea(db: Db, input: NewIdea, at: Date) {
  return db.transaction((tx) => insertIdea(tx, input, at));
}

/** The member row of a test user (after /start). */
export async function memberOf(h: Harness, user: TestUser) {
  const [row] = await h.db.select().from(members).where(eq(members.telegramId, user.id));
  if (!row) throw new Error(`no member for ${user.user.first_name}`);
  return row;
}

export async function agencyId(h: Harness, shortName: string): Promise<number> {
  const [row] = await h.db.select().from(agencies).where(eq(agencies.shortName, shortName));
  if (!row) throw new Error(`no agency ${shortName}`);
  return row.id;
}

/**
 * Creates an idea through the domain (same code the bot uses) at a given time and walks it
 * through stages, each move at its own time — for lists and recaps that need many ideas.
 */
export async function seedIdea(
  h: Harness,
  p: {
    name: string;
    summary?: string;
    ownerId: number;
    agencyId: number;
    at: Date;
    moves?: { to: Stage; at: Date; note?: string }[];
    actor?: { id: number; role: 'member' | 'coordinator' | 'admin' };
  },
): Promise<number> {
  const { idea } = await createIdea(h.db, { name: p.name, summary: p.summary ?? `Ringkasan ${p.name}`, agencyId: p.agencyId, ownerId: p.ownerId }, p.at);
  for (const move of p.moves ?? []) {
    const result = await moveIdeaStage(h.db, {
      ideaId: idea.id,
      to: move.to,
      note: move.note ?? (move.to === 'archived' ? 'tidak dilanjutkan' : undefined),
      actor: p.actor ?? { id: p.ownerId, role: 'admin' },
      at: move.at,
      timeZone: 'Asia/Makassar',
    });
    if (!result.ok) throw new Error(`move of ${p.name} to ${move.to} refused: ${result.reason}`);
  }
  return idea.id;
}

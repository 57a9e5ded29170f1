import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaCollaborators, members, type Idea, type Member } from '../../db/schema/index.js';
import { hasRole, isRegistered } from '../permissions.js';

/** Most co-authors an idea can have: a proposal team, not an agency. */
export const MAX_COLLABORATORS = 10;

/** Member ids of an idea's co-authors (not the owner), oldest first. */
export async function ideaCollaboratorIds(db: DbOrTx, ideaId: number): Promise<number[]> {
  const rows = await db
    .select({ memberId: ideaCollaborators.memberId })
    .from(ideaCollaborators)
    .where(eq(ideaCollaborators.ideaId, ideaId))
    .orderBy(asc(ideaCollaborators.createdAt), asc(ideaCollaborators.memberId));
  return rows.map((r) => r.memberId);
}

export async function isCollaborator(db: DbOrTx, ideaId: number, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ memberId: ideaCollaborators.memberId })
    .from(ideaCollaborators)
    .where(and(eq(ideaCollaborators.ideaId, ideaId), eq(ideaCollaborators.memberId, memberId)));
  return row !== undefined;
}

/** The co-authors as members, for listing. */
export async function collaboratorMembers(db: DbOrTx, ideaId: number): Promise<Member[]> {
  const rows = await db
    .select({ member: members })
    .from(ideaCollaborators)
    .innerJoin(members, eq(members.id, ideaCollaborators.memberId))
    .where(eq(ideaCollaborators.ideaId, ideaId))
    .orderBy(asc(ideaCollaborators.createdAt), asc(ideaCollaborators.memberId));
  return rows.map((r) => r.member);
}

/** Who may change an idea's co-authors: its owner and coordinators. */
export function canManageCollaborators(actor: Member | null | undefined, idea: Pick<Idea, 'ownerId'>): boolean {
  if (!isRegistered(actor)) return false;
  return actor.id === idea.ownerId || hasRole(actor, 'coordinator');
}

export type AddResult = { ok: true } | { ok: false; reason: 'owner' | 'unregistered' | 'already' | 'full' };

/** Adds a registered member as co-author; the owner is one already and the list is bounded. */
export async function addCollaborator(db: DbOrTx, input: { idea: Pick<Idea, 'id' | 'ownerId'>; member: Member; addedBy: number }): Promise<AddResult> {
  const { idea, member } = input;
  if (member.id === idea.ownerId) return { ok: false, reason: 'owner' };
  if (!isRegistered(member)) return { ok: false, reason: 'unregistered' };
  return db.transaction(async (tx) => {
    const current = await ideaCollaboratorIds(tx, idea.id);
    if (current.includes(member.id)) return { ok: false, reason: 'already' } as const;
    if (current.length >= MAX_COLLABORATORS) return { ok: false, reason: 'full' } as const;
    const inserted = await tx
      .insert(ideaCollaborators)
      .values({ ideaId: idea.id, memberId: member.id, addedBy: input.addedBy })
      .onConflictDoNothing()
      .returning({ memberId: ideaCollaborators.memberId });
    return inserted.length ? ({ ok: true } as const) : ({ ok: false, reason: 'already' } as const);
  });
}

/** Removes a co-author; false when they were not one. */
export async function removeCollaborator(db: DbOrTx, ideaId: number, memberId: number): Promise<boolean> {
  const removed = await db
    .delete(ideaCollaborators)
    .where(and(eq(ideaCollaborators.ideaId, ideaId), eq(ideaCollaborators.memberId, memberId)))
    .returning({ memberId: ideaCollaborators.memberId });
  return removed.length > 0;
}

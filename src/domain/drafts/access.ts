import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideas, type Member } from '../../db/schema/index.js';
import { isCollaborator } from '../ideas/collaborators.js';
import { hasRole, isRegistered } from '../permissions.js';

export interface DraftableIdea {
  id: number;
  name: string;
  ownerId: number;
  agencyId: number;
  agencyShortName: string;
}

export async function findDraftableIdea(db: DbOrTx, ideaId: number): Promise<DraftableIdea | undefined> {
  const [row] = await db
    .select({ id: ideas.id, name: ideas.name, ownerId: ideas.ownerId, agencyId: ideas.agencyId, agencyShortName: agencies.shortName })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt)));
  return row;
}

/**
 * Drafts carry an agency's unpublished plans and numbers, so they are for the idea's owner, the
 * co-authors the owner added (`/rekan`), and the forum's coordinators (and admins). The agency a
 * member states in /profil is their own choice, so it grants nothing.
 */
export async function canDraft(db: DbOrTx, member: Member | null | undefined, idea: Pick<DraftableIdea, 'id' | 'ownerId'>): Promise<boolean> {
  if (!isRegistered(member)) return false;
  if (hasRole(member, 'coordinator') || member.id === idea.ownerId) return true;
  return isCollaborator(db, idea.id, member.id);
}

/** canDraft when co-authorship is already known (the card reads it with the idea). */
export function mayDraft(member: Member | null | undefined, idea: Pick<DraftableIdea, 'ownerId'>, collaborator: boolean): boolean {
  if (!isRegistered(member)) return false;
  return hasRole(member, 'coordinator') || member.id === idea.ownerId || collaborator;
}

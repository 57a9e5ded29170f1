import type { Member } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/client.js';
import { coachIdsOf } from '../coaching/coaches.js';
import { ideaCollaboratorIds } from '../ideas/collaborators.js';
import { hasRole, isRegistered } from '../permissions.js';

/** The people of an idea besides its owner, as member ids (co-authors and coaches come from their own features). */
export interface IdeaPeople {
  collaborators: readonly number[];
  coaches: readonly number[];
}

export const NO_PEOPLE: IdeaPeople = { collaborators: [], coaches: [] };

/** An idea's co-authors and active coaches, for `canAddEvidence`. */
export async function ideaPeopleOf(db: DbOrTx, ideaId: number): Promise<IdeaPeople> {
  return { collaborators: await ideaCollaboratorIds(db, ideaId), coaches: await coachIdsOf(db, ideaId) };
}

/** Who may add evidence to an idea (and see its evidence): its owner, co-authors, coaches, and coordinators. */
export function canAddEvidence(member: Member | null | undefined, idea: { ownerId: number }, people: IdeaPeople = NO_PEOPLE): boolean {
  if (!isRegistered(member)) return false;
  if (hasRole(member, 'coordinator')) return true;
  return member.id === idea.ownerId || people.collaborators.includes(member.id) || people.coaches.includes(member.id);
}

/** Only coordinators remove evidence (and the removal stays in the history). */
export function canRemoveEvidence(member: Member | null | undefined): boolean {
  return isRegistered(member) && hasRole(member, 'coordinator');
}

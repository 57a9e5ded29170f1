import type { Member } from '../../db/schema/index.js';
import type { IdeaCardData } from '../ideas/card.js';
import { hasRole } from '../permissions.js';

/**
 * Whether a card shows its reader the 📒 coaching-note button: to the idea's coaches, and to
 * coordinators on ideas that have coaches (they may write a note on any idea with /catatan, but
 * the button would crowd every card they open). Never on an archived idea. The press is checked again.
 * `viewerCoaches` comes with the card (loadIdeaCard for a viewer), so drawing it asks nothing more.
 */
export function showNoteButton(viewer: Pick<Member, 'id' | 'role'>, data: Pick<IdeaCardData, 'idea' | 'coaching'>, viewerCoaches: boolean): boolean {
  if (data.idea.stage === 'archived') return false;
  if (hasRole(viewer, 'coordinator')) return data.coaching.coaches.length > 0;
  return data.coaching.coaches.length > 0 && viewerCoaches;
}

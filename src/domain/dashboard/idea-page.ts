import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaSupports, members, type Member } from '../../db/schema/index.js';
import { latestComments, type CommentView } from '../ideas/comments.js';
import { loadIdeaCard, type IdeaCardData } from '../ideas/card.js';
import { canDraft } from '../drafts/access.js';
import { listDrafts, type DraftListing } from '../drafts/versions.js';

export const PAGE_HISTORY = 100;
export const PAGE_COMMENTS = 50;
export const PAGE_SUPPORTERS = 50;

export interface IdeaPage extends IdeaCardData {
  supporters: { name: string; at: Date }[];
  comments: CommentView[];
  /** Undefined when the viewer may not see the drafts (they are for the owner, the agency and coordinators). */
  drafts: DraftListing[] | undefined;
}

/** One idea's page: fields, full stage history, supporters, comments, awards, drafts when allowed. */
export async function loadIdeaPage(db: DbOrTx, id: number, viewer: Member): Promise<IdeaPage | undefined> {
  const card = await loadIdeaCard(db, id, PAGE_HISTORY);
  if (!card) return undefined;
  const supporters = await db
    .select({ full: members.fullName, first: members.firstName, at: ideaSupports.createdAt })
    .from(ideaSupports)
    .innerJoin(members, eq(members.id, ideaSupports.memberId))
    .where(eq(ideaSupports.ideaId, id))
    .orderBy(desc(ideaSupports.createdAt))
    .limit(PAGE_SUPPORTERS);
  const comments = await latestComments(db, id, PAGE_COMMENTS);
  const drafts = (await canDraft(db, viewer, card.idea)) ? await listDrafts(db, id) : undefined;
  return { ...card, supporters: supporters.map((s) => ({ name: s.full ?? s.first, at: s.at })), comments, drafts };
}

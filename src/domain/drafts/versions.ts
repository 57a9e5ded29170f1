import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { draftRequests, drafts, ideas, members, type Draft, type DraftMeta, type DraftSections, type DraftSource, type Language } from '../../db/schema/index.js';

export interface NewDraft {
  ideaId: number;
  layoutId: string;
  language: Language;
  source: DraftSource;
  model: string | null;
  sections: DraftSections;
  meta: DraftMeta;
  usage: { prompt: number; completion: number; total: number } | undefined;
  fallbackReason: string | null;
  requestedBy: number;
  /** The request that built it: linked in the same transaction, so delivery can resume after a crash. */
  requestId: number;
  now: Date;
}

/** Stores the next version of an idea's draft (versions count from 1 per idea). */
export async function storeDraft(db: DbOrTx, input: NewDraft): Promise<Draft> {
  return db.transaction(async (tx) => {
    // Serialises version numbers per idea: two drafts of one idea may finish at the same moment.
    await tx.select({ id: ideas.id }).from(ideas).where(eq(ideas.id, input.ideaId)).for('update');
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${drafts.version}), 0)` })
      .from(drafts)
      .where(eq(drafts.ideaId, input.ideaId));
    const [draft] = await tx
      .insert(drafts)
      .values({
        ideaId: input.ideaId,
        version: Number(last?.version ?? 0) + 1,
        layoutId: input.layoutId,
        language: input.language,
        source: input.source,
        model: input.model,
        sections: input.sections,
        meta: input.meta,
        promptTokens: input.usage?.prompt ?? null,
        completionTokens: input.usage?.completion ?? null,
        totalTokens: input.usage?.total ?? null,
        fallbackReason: input.fallbackReason,
        requestedBy: input.requestedBy,
        createdAt: input.now,
      })
      .returning();
    await tx.update(draftRequests).set({ draftId: draft!.id }).where(eq(draftRequests.id, input.requestId));
    return draft!;
  });
}

export async function findDraft(db: DbOrTx, draftId: number): Promise<Draft | undefined> {
  const [row] = await db.select().from(drafts).where(eq(drafts.id, draftId));
  return row;
}

export async function findDraftVersion(db: DbOrTx, ideaId: number, version: number): Promise<Draft | undefined> {
  const [row] = await db.select().from(drafts).where(and(eq(drafts.ideaId, ideaId), eq(drafts.version, version)));
  return row;
}

export interface DraftListing {
  version: number;
  source: DraftSource;
  model: string | null;
  totalTokens: number | null;
  createdAt: Date;
  by: string | null;
}

/** Newest first. */
export async function listDrafts(db: DbOrTx, ideaId: number, limit = 20): Promise<DraftListing[]> {
  const rows = await db
    .select({
      version: drafts.version,
      source: drafts.source,
      model: drafts.model,
      totalTokens: drafts.totalTokens,
      createdAt: drafts.createdAt,
      fullName: members.fullName,
      firstName: members.firstName,
    })
    .from(drafts)
    .leftJoin(members, eq(members.id, drafts.requestedBy))
    .where(eq(drafts.ideaId, ideaId))
    .orderBy(desc(drafts.version))
    .limit(limit);
  return rows.map((r) => ({ ...r, by: r.fullName ?? r.firstName ?? null }));
}

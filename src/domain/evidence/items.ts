import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, evidenceItems, ideas, members, storedFiles, type EvidenceKind } from '../../db/schema/index.js';
import { indicatorSetFor, type IndicatorSet } from './indicators.js';

export interface EvidenceIdea {
  id: number;
  name: string;
  expansion: string | null;
  ownerId: number;
  agencyId: number;
  agencyShortName: string;
  stage: string;
}

export async function findEvidenceIdea(db: DbOrTx, ideaId: number): Promise<EvidenceIdea | undefined> {
  const [row] = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      expansion: ideas.expansion,
      ownerId: ideas.ownerId,
      agencyId: ideas.agencyId,
      agencyShortName: agencies.shortName,
      stage: ideas.stage,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt)));
  return row;
}

export interface EvidenceView {
  id: number;
  indicator: string;
  kind: EvidenceKind;
  fileId: number | null;
  fileName: string | null;
  size: number | null;
  mimeType: string | null;
  sha256: string | null;
  url: string | null;
  caption: string | null;
  addedByName: string;
  createdAt: Date;
}

/** The idea's current evidence for a year (removed pieces excluded), oldest first. */
export async function listEvidence(db: DbOrTx, ideaId: number, year: number, indicator?: string): Promise<EvidenceView[]> {
  return db
    .select({
      id: evidenceItems.id,
      indicator: evidenceItems.indicator,
      kind: evidenceItems.kind,
      fileId: evidenceItems.fileId,
      fileName: sql<string | null>`coalesce(${evidenceItems.fileName}, ${storedFiles.fileName})`,
      size: storedFiles.size,
      mimeType: storedFiles.mimeType,
      sha256: storedFiles.sha256,
      url: evidenceItems.url,
      caption: evidenceItems.caption,
      addedByName: sql<string>`coalesce(${members.fullName}, ${members.firstName})`,
      createdAt: evidenceItems.createdAt,
    })
    .from(evidenceItems)
    .innerJoin(members, eq(members.id, evidenceItems.addedBy))
    .leftJoin(storedFiles, eq(storedFiles.id, evidenceItems.fileId))
    .where(
      and(
        eq(evidenceItems.ideaId, ideaId),
        eq(evidenceItems.year, year),
        isNull(evidenceItems.removedAt),
        indicator !== undefined ? eq(evidenceItems.indicator, indicator) : undefined,
      ),
    )
    .orderBy(asc(evidenceItems.id));
}

/** Codes of the indicators of `set` that have at least one piece of evidence, per idea. */
export async function coveredIndicators(db: DbOrTx, ideaIds: number[], set: IndicatorSet): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>();
  if (ideaIds.length === 0) return out;
  const codes = set.indicators.map((i) => i.code);
  const rows = await db
    .selectDistinct({ ideaId: evidenceItems.ideaId, indicator: evidenceItems.indicator })
    .from(evidenceItems)
    .where(and(inArray(evidenceItems.ideaId, ideaIds), eq(evidenceItems.year, set.year), isNull(evidenceItems.removedAt), inArray(evidenceItems.indicator, codes)));
  for (const r of rows) {
    let s = out.get(r.ideaId);
    if (!s) out.set(r.ideaId, (s = new Set()));
    s.add(r.indicator);
  }
  return out;
}

/** "7/20": indicators with evidence out of the year's list. */
export async function evidenceProgress(db: DbOrTx, ideaId: number, year: number): Promise<{ done: number; total: number; year: number }> {
  const set = indicatorSetFor(year);
  const covered = (await coveredIndicators(db, [ideaId], set)).get(ideaId);
  return { done: covered?.size ?? 0, total: set.indicators.length, year: set.year };
}

export interface NewEvidence {
  ideaId: number;
  year: number;
  indicator: string;
  addedBy: number;
  caption: string | null;
  at: Date;
}

export async function addFileEvidence(tx: DbOrTx, e: NewEvidence & { fileId: number; fileName: string; uploadKey: string }): Promise<number> {
  const [row] = await tx
    .insert(evidenceItems)
    .values({ ideaId: e.ideaId, year: e.year, indicator: e.indicator, kind: 'file', fileId: e.fileId, fileName: e.fileName, caption: e.caption, addedBy: e.addedBy, uploadKey: e.uploadKey, createdAt: e.at })
    .returning({ id: evidenceItems.id });
  return row!.id;
}

export async function addLinkEvidence(tx: DbOrTx, e: NewEvidence & { url: string }): Promise<number> {
  const [row] = await tx
    .insert(evidenceItems)
    .values({ ideaId: e.ideaId, year: e.year, indicator: e.indicator, kind: 'link', url: e.url, caption: e.caption, addedBy: e.addedBy, createdAt: e.at })
    .returning({ id: evidenceItems.id });
  return row!.id;
}

/** True when an upload request already stored its file (a retried download must not store it twice). */
export async function uploadStored(db: DbOrTx, uploadKey: string): Promise<boolean> {
  const [row] = await db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.uploadKey, uploadKey));
  return row !== undefined;
}

/** Marks a piece of evidence removed (who, when); the row and its file stay. Undefined when already gone. */
export async function removeEvidence(tx: DbOrTx, itemId: number, by: number, at: Date): Promise<{ ideaId: number; year: number; indicator: string } | undefined> {
  const [row] = await tx
    .update(evidenceItems)
    .set({ removedAt: at, removedBy: by })
    .where(and(eq(evidenceItems.id, itemId), isNull(evidenceItems.removedAt)))
    .returning({ ideaId: evidenceItems.ideaId, year: evidenceItems.year, indicator: evidenceItems.indicator });
  return row;
}

/** A year's evidence files with their bytes, for the hand-over ZIP. */
export async function evidenceFiles(db: DbOrTx, ideaId: number, year: number): Promise<Array<EvidenceView & { bytes: Buffer | null }>> {
  const list = await listEvidence(db, ideaId, year);
  const ids = [...new Set(list.map((e) => e.fileId).filter((id): id is number => id !== null))];
  const bytes = new Map<number, Buffer>();
  // One file at a time: at up to 20 MB each, a single query for all could hold hundreds of MB twice.
  for (const id of ids) {
    const [row] = await db.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.id, id));
    if (row) bytes.set(id, row.bytes);
  }
  return list.map((e) => ({ ...e, bytes: e.fileId !== null ? (bytes.get(e.fileId) ?? null) : null }));
}

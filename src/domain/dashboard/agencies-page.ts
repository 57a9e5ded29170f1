import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideaAwards, ideas, type Agency, type IdeaAward, type Stage } from '../../db/schema/index.js';

export const AGENCY_IDEAS_SHOWN = 100;

export interface AgencyIdea {
  id: number;
  name: string;
  expansion: string | null;
  stage: Stage;
  implementedOn: string | null;
  awards: IdeaAward[];
}

export interface AgencyPage {
  agency: Agency;
  ideas: AgencyIdea[];
}

/** One PD: its ideas and innovations (newest first) with their competition results. */
export async function loadAgencyPage(db: DbOrTx, agencyId: number): Promise<AgencyPage | undefined> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!agency) return undefined;
  const rows = await db
    .select({ id: ideas.id, name: ideas.name, expansion: ideas.expansion, stage: ideas.stage, implementedOn: ideas.implementedOn })
    .from(ideas)
    .where(and(eq(ideas.agencyId, agencyId), isNull(ideas.deletedAt)))
    .orderBy(desc(ideas.id))
    .limit(AGENCY_IDEAS_SHOWN);
  const awards = rows.length
    ? await db.select().from(ideaAwards).where(inArray(ideaAwards.ideaId, rows.map((r) => r.id))).orderBy(desc(ideaAwards.year), asc(ideaAwards.id))
    : [];
  return { agency, ideas: rows.map((r) => ({ ...r, awards: awards.filter((a) => a.ideaId === r.id) })) };
}

/** Agencies for the board's filter, by short name. */
export async function agencyOptions(db: DbOrTx): Promise<{ id: number; shortName: string }[]> {
  return db.select({ id: agencies.id, shortName: agencies.shortName }).from(agencies).where(eq(agencies.active, true)).orderBy(asc(agencies.shortName));
}

import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideaAwards, ideas, members, type IdeaAward, type IdeaForm, type Stage } from '../../db/schema/index.js';
import { yearRange } from './list.js';

export interface ExportIdea {
  id: number;
  name: string;
  expansion: string | null;
  agencyName: string;
  agencyShort: string;
  ownerName: string;
  stage: Stage;
  form: IdeaForm | null;
  digital: boolean | null;
  createdAt: Date;
  trialStartedOn: string | null;
  implementedOn: string | null;
  supportCount: number;
  commentCount: number;
  summary: string | null;
  problem: string | null;
  solution: string | null;
  beneficiaries: string | null;
  archivedReason: string | null;
  awards: Pick<IdeaAward, 'level' | 'competition' | 'year' | 'result'>[];
}

/**
 * Every idea (not deleted), oldest first; with a year, the ideas that belong to that year's
 * recap: pitched in it or implemented in it.
 */
export async function loadExportIdeas(db: DbOrTx, year: number | undefined, timeZone: string): Promise<ExportIdea[]> {
  const where = [isNull(ideas.deletedAt)];
  if (year !== undefined) {
    where.push(
      or(
        yearRange(ideas.createdAt, year, timeZone),
        and(gte(ideas.implementedOn, `${year}-01-01`), lte(ideas.implementedOn, `${year}-12-31`)),
      )!,
    );
  }
  const rows = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      expansion: ideas.expansion,
      agencyName: agencies.name,
      agencyShort: agencies.shortName,
      ownerName: sql<string>`coalesce(${members.fullName}, ${members.firstName})`,
      stage: ideas.stage,
      form: ideas.form,
      digital: ideas.digital,
      createdAt: ideas.createdAt,
      trialStartedOn: ideas.trialStartedOn,
      implementedOn: ideas.implementedOn,
      supportCount: ideas.supportCount,
      commentCount: ideas.commentCount,
      summary: ideas.summary,
      problem: ideas.problem,
      solution: ideas.solution,
      beneficiaries: ideas.beneficiaries,
      archivedReason: ideas.archivedReason,
    })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(and(...where))
    .orderBy(asc(ideas.id));
  const ids = rows.map((r) => r.id);
  const awards = ids.length
    ? await db
        .select({ ideaId: ideaAwards.ideaId, level: ideaAwards.level, competition: ideaAwards.competition, year: ideaAwards.year, result: ideaAwards.result })
        .from(ideaAwards)
        .where(inArray(ideaAwards.ideaId, ids))
        .orderBy(asc(ideaAwards.year), asc(ideaAwards.id))
    : [];
  const byIdea = new Map<number, ExportIdea['awards']>();
  for (const a of awards) {
    const list = byIdea.get(a.ideaId) ?? [];
    list.push({ level: a.level, competition: a.competition, year: a.year, result: a.result });
    byIdea.set(a.ideaId, list);
  }
  return rows.map((r) => ({ ...r, awards: byIdea.get(r.id) ?? [] }));
}

import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import {
  agencies,
  ideaAwards,
  ideaComments,
  ideaStageEvents,
  ideaSupports,
  ideas,
  members,
  type AwardLevel,
  type Competition,
  type IdeaForm,
  type Stage,
} from '../../db/schema/index.js';

/** One mention of the idea in a session's minutes (notulen). */
export interface MinutesEntry {
  date: Date;
  text: string;
}

/**
 * Session minutes belong to the sessions feature; the drafts job takes this function from its
 * dependencies so the two features stay independent. The default knows no minutes.
 */
export type MinutesSource = (db: DbOrTx, ideaId: number) => Promise<MinutesEntry[]>;
export const noMinutes: MinutesSource = async () => [];

/** Everything the forum knows about an idea that a proposal can use. */
export interface DraftSources {
  idea: {
    id: number;
    name: string;
    expansion: string | null;
    problem: string | null;
    solution: string | null;
    beneficiaries: string | null;
    form: IdeaForm | null;
    digital: boolean | null;
    stage: Stage;
    /** `YYYY-MM-DD` */
    trialStartedOn: string | null;
    implementedOn: string | null;
    archivedReason: string | null;
    createdAt: Date;
  };
  agency: { id: number; name: string; shortName: string };
  owner: { name: string };
  /** Stage moves, oldest first. */
  history: { stage: Stage; at: Date; note: string | null }[];
  supporters: { name: string; agencyId: number | null; agency: string | null }[];
  /** Newest last, at most COMMENT_LIMIT. */
  comments: { author: string; agency: string | null; text: string; at: Date }[];
  awards: { competition: Competition; level: AwardLevel; year: number; result: string }[];
  minutes: MinutesEntry[];
}

export const COMMENT_LIMIT = 30;
const SUPPORTER_LIMIT = 300;
const MINUTES_LIMIT = 20;

export async function gatherSources(db: DbOrTx, ideaId: number, minutesSource: MinutesSource = noMinutes): Promise<DraftSources | undefined> {
  const owner = alias(members, 'owner');
  const [row] = await db
    .select({ idea: ideas, agency: agencies, ownerFullName: owner.fullName, ownerFirstName: owner.firstName })
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .innerJoin(owner, eq(owner.id, ideas.ownerId))
    .where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt)));
  if (!row) return undefined;

  const [history, supporters, comments, awards, minutes] = await Promise.all([
    db
      .select({ stage: ideaStageEvents.toStage, at: ideaStageEvents.createdAt, note: ideaStageEvents.note })
      .from(ideaStageEvents)
      .where(eq(ideaStageEvents.ideaId, ideaId))
      .orderBy(asc(ideaStageEvents.createdAt), asc(ideaStageEvents.id)),
    db
      .select({ fullName: members.fullName, firstName: members.firstName, agencyId: members.agencyId, agency: agencies.shortName })
      .from(ideaSupports)
      .innerJoin(members, eq(members.id, ideaSupports.memberId))
      .leftJoin(agencies, eq(agencies.id, members.agencyId))
      .where(eq(ideaSupports.ideaId, ideaId))
      .orderBy(asc(ideaSupports.createdAt))
      .limit(SUPPORTER_LIMIT),
    db
      .select({ fullName: members.fullName, firstName: members.firstName, agency: agencies.shortName, text: ideaComments.text, at: ideaComments.createdAt })
      .from(ideaComments)
      .innerJoin(members, eq(members.id, ideaComments.authorId))
      .leftJoin(agencies, eq(agencies.id, members.agencyId))
      .where(eq(ideaComments.ideaId, ideaId))
      .orderBy(desc(ideaComments.id))
      .limit(COMMENT_LIMIT),
    db
      .select({ competition: ideaAwards.competition, level: ideaAwards.level, year: ideaAwards.year, result: ideaAwards.result })
      .from(ideaAwards)
      .where(eq(ideaAwards.ideaId, ideaId))
      .orderBy(asc(ideaAwards.year), asc(ideaAwards.id)),
    minutesSource(db, ideaId),
  ]);

  const { idea, agency } = row;
  return {
    idea: {
      id: idea.id,
      name: idea.name,
      expansion: idea.expansion,
      problem: idea.problem,
      solution: idea.solution,
      beneficiaries: idea.beneficiaries,
      form: idea.form,
      digital: idea.digital,
      stage: idea.stage,
      trialStartedOn: idea.trialStartedOn,
      implementedOn: idea.implementedOn,
      archivedReason: idea.archivedReason,
      createdAt: idea.createdAt,
    },
    agency: { id: agency.id, name: agency.name, shortName: agency.shortName },
    owner: { name: row.ownerFullName ?? row.ownerFirstName },
    history,
    supporters: supporters.map((s) => ({ name: s.fullName ?? s.firstName, agencyId: s.agencyId, agency: s.agency })),
    comments: comments.reverse().map((c) => ({ author: c.fullName ?? c.firstName, agency: c.agency, text: c.text, at: c.at })),
    awards,
    minutes: [...minutes].sort((a, b) => a.date.getTime() - b.date.getTime()).slice(-MINUTES_LIMIT),
  };
}

/** The first time the idea reached a stage, from its history (falls back to the recorded dates). */
export function firstReached(sources: DraftSources, stage: Stage): Date | undefined {
  return sources.history.find((h) => h.stage === stage)?.at;
}

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
import { sentences } from './words.js';

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
    /** The short text of a one-line pitch (`/usul Nama — ringkasan`). */
    summary: string | null;
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
      summary: idea.summary,
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
    minutes: [...minutes]
      .map((m) => ({ date: m.date, text: minutesExcerpt(m.text, { id: idea.id, name: idea.name }) }))
      .filter((m) => m.text !== '')
      .sort((a, b) => a.date.getTime() - b.date.getTime())
      .slice(-MINUTES_LIMIT),
  };
}

/**
 * The part of a session's minutes that concerns one idea: the paragraphs (or, in a single
 * paragraph, the sentences) that name it by name or `#id`. Minutes that name it nowhere (it was
 * on the agenda) are quoted only when they are one short item, since they may be about another idea.
 */
export function minutesExcerpt(text: string, idea: { id: number; name: string }): string {
  const name = idea.name.toLocaleLowerCase('id-ID').replace(/\s+/g, ' ').trim();
  const id = new RegExp(`#${idea.id}(?!\\d)`);
  const names = (part: string) => id.test(part) || part.toLocaleLowerCase('id-ID').replace(/\s+/g, ' ').includes(name);
  const paragraphs = text.split(/\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)/).map((p) => p.trim()).filter(Boolean);
  const naming = paragraphs.filter(names);
  if (naming.length) {
    if (paragraphs.length > 1) return naming.join('\n\n');
    const sentencesNaming = sentences(naming[0]!).filter(names);
    return sentencesNaming.join(' ');
  }
  // One short item naming no idea (no name of this one, no #number): the agenda item for it.
  return paragraphs.length === 1 && sentences(paragraphs[0]!).length === 1 && !/#\d/.test(paragraphs[0]!) ? paragraphs[0]! : '';
}

/** The first time the idea reached a stage, from its history (falls back to the recorded dates). */
export function firstReached(sources: DraftSources, stage: Stage): Date | undefined {
  return sources.history.find((h) => h.stage === stage)?.at;
}

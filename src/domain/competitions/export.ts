import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { candidateScores, competitionCandidates, members, type CompetitionRound } from '../../db/schema/index.js';
import { rankingOf, roundCriteria, type RoundCriterion } from './assessment.js';
import { roundCandidates, type CandidateView } from './candidates.js';
import type { RankedCandidate } from './ranking.js';
import { listRounds } from './rounds.js';

export interface ExportScore {
  candidateId: number;
  assessorName: string;
  criterion: string;
  score: number;
  comment: string | null;
}

export interface CompetitionExport {
  round: CompetitionRound;
  criteria: RoundCriterion[];
  candidates: CandidateView[];
  ranked: RankedCandidate[];
  scores: ExportScore[];
}

/** Every round with its candidates, scores (with assessors' names: the export is for coordinators) and ranking. */
export async function loadCompetitionExport(db: DbOrTx): Promise<CompetitionExport[]> {
  const out: CompetitionExport[] = [];
  for (const round of await listRounds(db)) {
    const candidates = await roundCandidates(db, round.id);
    const { ranked } = await rankingOf(db, round);
    const scores = await db
      .select({
        candidateId: candidateScores.candidateId,
        assessorName: sql<string>`coalesce(${members.fullName}, ${members.firstName})`,
        criterion: candidateScores.criterion,
        score: candidateScores.score,
        comment: candidateScores.comment,
      })
      .from(candidateScores)
      .innerJoin(competitionCandidates, eq(competitionCandidates.id, candidateScores.candidateId))
      .innerJoin(members, eq(members.id, candidateScores.assessorId))
      .where(eq(competitionCandidates.roundId, round.id))
      .orderBy(asc(candidateScores.candidateId), asc(members.id), asc(candidateScores.criterion));
    out.push({ round, criteria: roundCriteria(round), candidates, ranked, scores });
  }
  return out;
}

import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { candidateScores, competitionCandidates, members, type CompetitionRound } from '../../db/schema/index.js';
import { rankingOf, roundCriteria, type RoundCriterion } from './assessment.js';
import { roundCandidates, type CandidateView } from './candidates.js';
import type { RankedCandidate } from './ranking.js';
import { listRounds } from './rounds.js';

export interface ExportScore {
  candidateId: number;
  assessorId: number;
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
        assessorId: members.id,
        assessorName: sql<string>`coalesce(${members.fullName}, ${members.firstName})`,
        criterion: candidateScores.criterion,
        score: candidateScores.score,
        comment: candidateScores.comment,
      })
      .from(candidateScores)
      .innerJoin(competitionCandidates, eq(competitionCandidates.id, candidateScores.candidateId))
      .innerJoin(members, eq(members.id, candidateScores.assessorId))
      .where(eq(competitionCandidates.roundId, round.id))
      .orderBy(asc(candidateScores.candidateId), asc(members.id));
    const criteria = roundCriteria(round);
    // Grouped by candidate and assessor as selected, each group in the layout's order of criteria.
    const order = (key: string) => criteria.findIndex((c) => c.key === key);
    const group = new Map<string, number>();
    scores.forEach((s, i) => {
      const k = `${s.candidateId}:${s.assessorId}`;
      if (!group.has(k)) group.set(k, i);
    });
    const groupOf = (s: ExportScore) => group.get(`${s.candidateId}:${s.assessorId}`)!;
    scores.sort((a, b) => groupOf(a) - groupOf(b) || order(a.criterion) - order(b.criterion));
    out.push({ round, criteria, candidates, ranked, scores });
  }
  return out;
}

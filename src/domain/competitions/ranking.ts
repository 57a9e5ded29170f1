/**
 * The ranking of a round: each assessor's weighted total (score 1–10 × criterion weight, weights
 * adding up to 100, so a total is out of 100), the mean over assessors who scored every criterion,
 * the spread between them, and a flag where they disagree by more than the round's margin.
 */
export interface Criterion {
  key: string;
  weight: number;
}

export interface ScoreInput {
  candidateId: number;
  assessorId: number;
  criterion: string;
  score: number;
}

export interface RankedCandidate {
  candidateId: number;
  /** Mean of the complete assessors' totals (0–100), rounded to 2 decimals; null if nobody finished. */
  total: number | null;
  assessors: number;
  /** Assessors who started but have not scored every criterion. */
  incomplete: number;
  spread: number;
  disagreement: boolean;
  belowPassing: boolean;
  rank: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function rankCandidates(
  candidateIds: number[],
  criteria: Criterion[],
  scores: ScoreInput[],
  options: { margin: number; passingGrade: number | null },
): RankedCandidate[] {
  const weightSum = criteria.reduce((s, c) => s + c.weight, 0) || 1;
  const ranked = candidateIds.map((candidateId): RankedCandidate => {
    const byAssessor = new Map<number, Map<string, number>>();
    for (const s of scores) {
      if (s.candidateId !== candidateId) continue;
      const m = byAssessor.get(s.assessorId) ?? new Map<string, number>();
      m.set(s.criterion, s.score);
      byAssessor.set(s.assessorId, m);
    }
    const totals: number[] = [];
    let incomplete = 0;
    for (const m of byAssessor.values()) {
      if (!criteria.every((c) => m.has(c.key))) {
        incomplete++;
        continue;
      }
      totals.push((criteria.reduce((sum, c) => sum + m.get(c.key)! * c.weight, 0) * 10) / weightSum);
    }
    const total = totals.length ? round2(totals.reduce((a, b) => a + b, 0) / totals.length) : null;
    const spread = totals.length ? round2(Math.max(...totals) - Math.min(...totals)) : 0;
    return {
      candidateId,
      total,
      assessors: totals.length,
      incomplete,
      spread,
      disagreement: totals.length > 1 && spread > options.margin,
      belowPassing: options.passingGrade !== null && total !== null && total < options.passingGrade,
      rank: null,
    };
  });
  ranked.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.candidateId - b.candidateId);
  let rank = 0;
  for (const r of ranked) if (r.total !== null) r.rank = ++rank;
  return ranked;
}

/** Per criterion: the mean score and the comments (no names), for the candidate's owner. */
export function feedbackOf(criteria: Criterion[], scores: (ScoreInput & { comment: string | null })[]): { key: string; mean: number | null; comments: string[] }[] {
  return criteria.map((c) => {
    const mine = scores.filter((s) => s.criterion === c.key);
    return {
      key: c.key,
      mean: mine.length ? round2(mine.reduce((a, s) => a + s.score, 0) / mine.length) : null,
      comments: mine.map((s) => s.comment?.trim() ?? '').filter(Boolean),
    };
  });
}

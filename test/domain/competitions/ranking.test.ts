import { describe, expect, it } from 'vitest';
import { ownAgencyRefusal, roundCriteria } from '../../../src/domain/competitions/assessment.js';
import { feedbackOf, rankCandidates, type ScoreInput } from '../../../src/domain/competitions/ranking.js';

// KIPP 2023 (kelompok umum): the weighted sections of the layout, from DOMAIN.md.
const criteria = roundCriteria({ layoutId: 'kipp-umum-2023' });
const keys = ['background', 'novelty', 'implementation', 'significance', 'adaptability', 'resources', 'sustainability'];

function scores(candidateId: number, assessorId: number, values: number[]): ScoreInput[] {
  return values.map((score, i) => ({ candidateId, assessorId, criterion: keys[i]!, score }));
}

describe('weighted ranking', () => {
  it('reads the criteria and weights from the layout', () => {
    expect(criteria.map((c) => [c.key, c.weight])).toEqual([
      ['background', 10],
      ['novelty', 15],
      ['implementation', 5],
      ['significance', 30],
      ['adaptability', 20],
      ['resources', 5],
      ['sustainability', 15],
    ]);
  });

  it('ranks by the mean weighted total, with assessors, spread, disagreement and passing grade (hand-computed)', () => {
    const all = [
      // C1, assessor 1: 8·10 + 9·15 + 7·5 + 9·30 + 8·20 + 6·5 + 8·15 = 830 → 83.0
      ...scores(1, 1, [8, 9, 7, 9, 8, 6, 8]),
      // C1, assessor 2: 9·10 + 9·15 + 9·5 + 10·30 + 9·20 + 8·5 + 9·15 = 925 → 92.5
      ...scores(1, 2, [9, 9, 9, 10, 9, 8, 9]),
      // C2: all 6 → 60, all 9 → 90
      ...scores(2, 1, [6, 6, 6, 6, 6, 6, 6]),
      ...scores(2, 2, [9, 9, 9, 9, 9, 9, 9]),
      // C3: one criterion only
      { candidateId: 3, assessorId: 1, criterion: 'background', score: 5 },
    ];
    const ranked = rankCandidates([3, 2, 1], criteria, all, { margin: 15, passingGrade: 85 });
    expect(ranked).toEqual([
      { candidateId: 1, total: 87.75, assessors: 2, incomplete: 0, spread: 9.5, disagreement: false, belowPassing: false, rank: 1 },
      { candidateId: 2, total: 75, assessors: 2, incomplete: 0, spread: 30, disagreement: true, belowPassing: true, rank: 2 },
      { candidateId: 3, total: null, assessors: 0, incomplete: 1, spread: 0, disagreement: false, belowPassing: false, rank: null },
    ]);
  });

  it('flags disagreement only beyond the margin, and only with two or more assessors', () => {
    const all = [...scores(1, 1, [8, 9, 7, 9, 8, 6, 8]), ...scores(1, 2, [9, 9, 9, 10, 9, 8, 9]), ...scores(2, 1, [1, 1, 1, 1, 1, 1, 1])];
    expect(rankCandidates([1, 2], criteria, all, { margin: 9.5, passingGrade: null })[0]!.disagreement).toBe(false);
    expect(rankCandidates([1, 2], criteria, all, { margin: 9.4, passingGrade: null })[0]!.disagreement).toBe(true);
    const alone = rankCandidates([1, 2], criteria, all, { margin: 0, passingGrade: null })[1]!;
    expect(alone).toMatchObject({ candidateId: 2, total: 10, assessors: 1, spread: 0, disagreement: false, belowPassing: false });
  });

  it('gives owners the mean and the comments per criterion, without who wrote them', () => {
    const fb = feedbackOf(criteria.slice(0, 2), [
      { candidateId: 1, assessorId: 1, criterion: 'background', score: 7, comment: 'Data sebelum-sesudah belum ada' },
      { candidateId: 1, assessorId: 2, criterion: 'background', score: 8, comment: '  ' },
      { candidateId: 1, assessorId: 2, criterion: 'novelty', score: 9, comment: null },
    ]);
    expect(fb).toEqual([
      { key: 'background', mean: 7.5, comments: ['Data sebelum-sesudah belum ada'] },
      { key: 'novelty', mean: 9, comments: [] },
    ]);
    expect(JSON.stringify(fb)).not.toContain('assessor');
  });
});

describe('own-agency refusal', () => {
  it('refuses an assessor from the candidate’s agency, and only then', () => {
    expect(ownAgencyRefusal({ agencyId: 3 }, { agencyId: 3 })).toBe('own_agency');
    expect(ownAgencyRefusal({ agencyId: 4 }, { agencyId: 3 })).toBeUndefined();
    expect(ownAgencyRefusal({ agencyId: null }, { agencyId: 3 })).toBeUndefined();
  });
});

import type { Language } from '../../../db/schema/index.js';
import type { CompetitionExport } from '../../../domain/competitions/export.js';
import type { Translate } from '../../../i18n/index.js';
import { stepLabel } from './shared.js';

/** The /ekspor sheets of competitions: candidates, scores and results (one row per candidate and round). */
type ColumnKey =
  | 'comp.export.col.round'
  | 'comp.export.col.candidate'
  | 'comp.export.col.idea'
  | 'comp.export.col.step'
  | 'comp.export.col.shortlisted'
  | 'comp.export.col.assessor'
  | 'comp.export.col.criterion'
  | 'comp.export.col.score'
  | 'comp.export.col.comment'
  | 'comp.export.col.total'
  | 'comp.export.col.rank'
  | 'comp.export.col.assessors'
  | 'comp.export.col.spread'
  | 'comp.export.col.disagreement'
  | 'comp.export.col.below'
  | 'ideas.export.col.id'
  | 'ideas.export.col.agencyShort';

type Cell = string | number | null;
interface SheetColumn<T> {
  header: ColumnKey;
  width: number;
  value: (row: T) => Cell;
}
export interface CompetitionSheet<T = Record<string, Cell>> {
  name: 'comp.export.sheet.candidates' | 'comp.export.sheet.scores' | 'comp.export.sheet.results';
  columns: SheetColumn<T>[];
  rows: T[];
}

export function competitionSheets(t: Translate, lang: Language, data: CompetitionExport[]): CompetitionSheet<Record<string, Cell>>[] {
  const yes = t('common.yes').toString();
  const no = t('common.no').toString();
  const candidates: Record<string, Cell>[] = [];
  const scores: Record<string, Cell>[] = [];
  const results: Record<string, Cell>[] = [];
  for (const { round, criteria, candidates: cands, ranked, scores: s } of data) {
    const roundName = `K${round.id} · ${round.name}`;
    const byId = new Map(cands.map((c) => [c.id, c]));
    for (const c of cands) {
      candidates.push({ round: roundName, candidate: `C${c.id}`, ideaId: c.ideaId, idea: c.ideaName, agency: c.agencyShort, step: stepLabel(round, c.step, lang), shortlisted: c.shortlisted ? yes : no });
    }
    for (const row of s) {
      const c = byId.get(row.candidateId);
      const crit = criteria.find((x) => x.key === row.criterion);
      scores.push({ round: roundName, candidate: `C${row.candidateId}`, idea: c?.ideaName ?? null, assessor: row.assessorName, criterion: crit ? crit.title[lang] : row.criterion, score: row.score, comment: row.comment });
    }
    for (const r of ranked) {
      const c = byId.get(r.candidateId)!;
      results.push({
        round: roundName,
        candidate: `C${c.id}`,
        idea: c.ideaName,
        agency: c.agencyShort,
        total: r.total,
        rank: r.rank,
        assessors: r.assessors,
        spread: r.total === null ? null : r.spread,
        disagreement: r.disagreement ? yes : no,
        below: r.belowPassing ? yes : no,
        shortlisted: c.shortlisted ? yes : no,
        step: stepLabel(round, c.step, lang),
      });
    }
  }
  const col = (header: ColumnKey, key: string, width: number): SheetColumn<Record<string, Cell>> => ({ header, width, value: (row) => row[key] ?? null });
  return [
    {
      name: 'comp.export.sheet.candidates',
      rows: candidates,
      columns: [
        col('comp.export.col.round', 'round', 36),
        col('comp.export.col.candidate', 'candidate', 10),
        col('ideas.export.col.id', 'ideaId', 8),
        col('comp.export.col.idea', 'idea', 28),
        col('ideas.export.col.agencyShort', 'agency', 14),
        col('comp.export.col.step', 'step', 18),
        col('comp.export.col.shortlisted', 'shortlisted', 12),
      ],
    },
    {
      name: 'comp.export.sheet.scores',
      rows: scores,
      columns: [
        col('comp.export.col.round', 'round', 36),
        col('comp.export.col.candidate', 'candidate', 10),
        col('comp.export.col.idea', 'idea', 28),
        col('comp.export.col.assessor', 'assessor', 24),
        col('comp.export.col.criterion', 'criterion', 28),
        col('comp.export.col.score', 'score', 8),
        col('comp.export.col.comment', 'comment', 48),
      ],
    },
    {
      name: 'comp.export.sheet.results',
      rows: results,
      columns: [
        col('comp.export.col.round', 'round', 36),
        col('comp.export.col.candidate', 'candidate', 10),
        col('comp.export.col.idea', 'idea', 28),
        col('ideas.export.col.agencyShort', 'agency', 14),
        col('comp.export.col.total', 'total', 12),
        col('comp.export.col.rank', 'rank', 10),
        col('comp.export.col.assessors', 'assessors', 10),
        col('comp.export.col.spread', 'spread', 10),
        col('comp.export.col.disagreement', 'disagreement', 14),
        col('comp.export.col.below', 'below', 14),
        col('comp.export.col.shortlisted', 'shortlisted', 12),
        col('comp.export.col.step', 'step', 18),
      ],
    },
  ];
}

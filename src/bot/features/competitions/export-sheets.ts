import type { Language } from '../../../db/schema/index.js';
import type { CompetitionExport } from '../../../domain/competitions/export.js';
import type { Translate } from '../../../i18n/index.js';
import { stepLabel } from './shared.js';

/** The /ekspor sheets of competitions: candidates, scores and results (one row per candidate and round). */
type ColumnKey =
  | 'export.col.round'
  | 'export.col.candidate'
  | 'export.col.idea'
  | 'export.col.step'
  | 'export.col.shortlisted'
  | 'export.col.assessor'
  | 'export.col.criterion'
  | 'export.col.score'
  | 'export.col.comment'
  | 'export.col.total'
  | 'export.col.rank'
  | 'export.col.assessors'
  | 'export.col.spread'
  | 'export.col.disagreement'
  | 'export.col.below'
  | 'ideas.export.col.id'
  | 'ideas.export.col.agencyShort';

type Cell = string | number | null;
interface SheetColumn<T> {
  header: ColumnKey;
  width: number;
  value: (row: T) => Cell;
}
export interface CompetitionSheet<T = Record<string, Cell>> {
  name: 'export.sheet.candidates' | 'export.sheet.scores' | 'export.sheet.results';
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
      name: 'export.sheet.candidates',
      rows: candidates,
      columns: [
        col('export.col.round', 'round', 36),
        col('export.col.candidate', 'candidate', 10),
        col('ideas.export.col.id', 'ideaId', 8),
        col('export.col.idea', 'idea', 28),
        col('ideas.export.col.agencyShort', 'agency', 14),
        col('export.col.step', 'step', 18),
        col('export.col.shortlisted', 'shortlisted', 12),
      ],
    },
    {
      name: 'export.sheet.scores',
      rows: scores,
      columns: [
        col('export.col.round', 'round', 36),
        col('export.col.candidate', 'candidate', 10),
        col('export.col.idea', 'idea', 28),
        col('export.col.assessor', 'assessor', 24),
        col('export.col.criterion', 'criterion', 28),
        col('export.col.score', 'score', 8),
        col('export.col.comment', 'comment', 48),
      ],
    },
    {
      name: 'export.sheet.results',
      rows: results,
      columns: [
        col('export.col.round', 'round', 36),
        col('export.col.candidate', 'candidate', 10),
        col('export.col.idea', 'idea', 28),
        col('ideas.export.col.agencyShort', 'agency', 14),
        col('export.col.total', 'total', 12),
        col('export.col.rank', 'rank', 10),
        col('export.col.assessors', 'assessors', 10),
        col('export.col.spread', 'spread', 10),
        col('export.col.disagreement', 'disagreement', 14),
        col('export.col.below', 'below', 14),
        col('export.col.shortlisted', 'shortlisted', 12),
        col('export.col.step', 'step', 18),
      ],
    },
  ];
}

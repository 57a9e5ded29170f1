import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideas, ideaStageEvents, type Stage } from '../../db/schema/index.js';
import { countIdeas, yearRange } from '../ideas/list.js';
import { searchIdeas, type SearchMode } from '../ideas/search.js';
import { path } from '../ideas/stages.js';

/** The board's columns: the forward path (archived ideas are not on the board). */
export const BOARD_STAGES: readonly Stage[] = path;
/** Cards shown per column; the column's count says how many there are. */
export const BOARD_COLUMN_SIZE = 20;
/** Counting stops here (the column then says "500+"). */
export const BOARD_COUNT_CAP = 500;
/** A search shows at most this many of its best matches, spread over the columns. */
export const BOARD_SEARCH_SIZE = 60;

export interface BoardFilters {
  year?: number | undefined;
  agencyId?: number | undefined;
  stage?: Stage | undefined;
  query?: string | undefined;
}

export interface BoardCard {
  id: number;
  name: string;
  expansion: string | null;
  agencyShort: string;
  supportCount: number;
  /** When it entered its current stage (its last stage move, or when it was pitched). */
  stageSince: Date;
}

export interface BoardColumn {
  stage: Stage;
  cards: BoardCard[];
  count: number;
  more: boolean;
}

export interface Board {
  columns: BoardColumn[];
  /** Set when the board shows search results. */
  search?: { mode: SearchMode; total: number };
}

const cardColumns = {
  id: ideas.id,
  name: ideas.name,
  expansion: ideas.expansion,
  agencyShort: agencies.shortName,
  supportCount: ideas.supportCount,
  stage: ideas.stage,
  // The last move reads one index entry (idea_stage_events_idea_idx) per card.
  stageSince: sql<Date>`coalesce((select ${ideaStageEvents.createdAt} from ${ideaStageEvents} where ${ideaStageEvents.ideaId} = ${ideas.id} order by ${ideaStageEvents.id} desc limit 1), ${ideas.createdAt})`.mapWith(
    (v: unknown) => (v instanceof Date ? v : new Date(String(v))),
  ),
};

function conditions(f: BoardFilters, timeZone: string): SQL[] {
  const where: SQL[] = [isNull(ideas.deletedAt)];
  if (f.agencyId) where.push(eq(ideas.agencyId, f.agencyId));
  if (f.year) where.push(yearRange(ideas.createdAt, f.year, timeZone));
  return where;
}

function toCard(r: { id: number; name: string; expansion: string | null; agencyShort: string; supportCount: number; stageSince: Date }): BoardCard {
  return { id: r.id, name: r.name, expansion: r.expansion, agencyShort: r.agencyShort, supportCount: r.supportCount, stageSince: r.stageSince };
}

/**
 * The pipeline by stage. Without a search: each column's newest cards (one indexed query per
 * column, on ideas_stage_idx) and a capped count. With a search: the same ranked search as /cari,
 * its best matches then filtered and spread over the columns in rank order.
 */
export async function loadBoard(db: DbOrTx, filters: BoardFilters, timeZone: string): Promise<Board> {
  const stagesShown = filters.stage ? [filters.stage] : BOARD_STAGES;
  if (filters.query) {
    const found = await searchIdeas(db, filters.query, 1, undefined, BOARD_SEARCH_SIZE);
    const ids = found.rows.map((r) => r.id);
    const rows = ids.length
      ? await db
          .select(cardColumns)
          .from(ideas)
          .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
          .where(and(inArray(ideas.id, ids), inArray(ideas.stage, [...stagesShown]), ...conditions(filters, timeZone)))
      : [];
    const rank = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    const columns = stagesShown.map((stage) => {
      const cards = rows.filter((r) => r.stage === stage).map(toCard);
      return { stage, cards, count: cards.length, more: false };
    });
    return { columns, search: { mode: found.mode, total: rows.length } };
  }
  const columns: BoardColumn[] = [];
  for (const stage of stagesShown) {
    const rows = await db
      .select(cardColumns)
      .from(ideas)
      .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
      .where(and(eq(ideas.stage, stage), ...conditions(filters, timeZone)))
      .orderBy(desc(ideas.id))
      .limit(BOARD_COLUMN_SIZE);
    const counted =
      rows.length < BOARD_COLUMN_SIZE
        ? { count: rows.length, more: false }
        : await countIdeas(db, { stage, agencyId: filters.agencyId, year: filters.year }, undefined, timeZone, BOARD_COUNT_CAP);
    columns.push({ stage, cards: rows.map(toCard), ...counted });
  }
  return { columns };
}

/**
 * Years for the year pickers, newest first: from the first idea's year to the last one's (at most
 * `max`). Two index probes (ideas_created_idx) instead of grouping every idea by year.
 */
export async function boardYears(db: DbOrTx, timeZone: string, max = 12): Promise<number[]> {
  const [row] = await db
    .select({
      first: sql<number | null>`extract(year from min(${ideas.createdAt}) at time zone ${timeZone})::int`,
      last: sql<number | null>`extract(year from max(${ideas.createdAt}) at time zone ${timeZone})::int`,
    })
    .from(ideas)
    .where(isNull(ideas.deletedAt));
  if (row?.first == null || row.last == null) return [];
  const years: number[] = [];
  for (let y = Number(row.last); y >= Number(row.first) && years.length < max; y--) years.push(y);
  return years;
}

import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideaDocumentSql, ideas } from '../../db/schema/index.js';
import { listColumns, type ListRow } from './list.js';

export const SEARCH_PAGE_SIZE = 10;
export const QUERY_MIN = 2;
export const QUERY_MAX = 100;

/** `fts`: Indonesian full text (stemmed, so "pelayanan" finds "layanan"); `trigram`: the typo fallback. */
export type SearchMode = 'fts' | 'trigram';

export interface SearchPage {
  mode: SearchMode;
  rows: ListRow[];
  hasNext: boolean;
}


async function fullText(db: DbOrTx, query: string, page: number, size: number) {
  const doc = ideaDocumentSql();
  const q = sql`websearch_to_tsquery('indonesian', ${query})`;
  return db
    .select(listColumns)
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(isNull(ideas.deletedAt), sql`${doc} @@ ${q}`))
    // Weighting the name: a hit in the title says more than one in a long problem text. The name's
    // words carry weight A in the document; the rank itself weighs every word alike. ts_rank (how
    // often the words occur) rather than ts_rank_cd (how close together): at 100,000 ideas a
    // three-word query ranks thousands of matches, and cover density cost twice as much.
    .orderBy(desc(sql`ts_rank('{0.1,0.1,0.1,0.1}', ${doc}, ${q}) + case when ts_filter(${doc}, '{a}') @@ ${q} then 1 else 0 end`), desc(ideas.id))
    .offset((page - 1) * size)
    .limit(size + 1);
}

async function trigram(db: DbOrTx, query: string, page: number, size: number) {
  const expansion = sql`coalesce(${ideas.expansion}, '')`;
  const score = sql`greatest(similarity(${ideas.name}, ${query}), word_similarity(${query}, ${ideas.name}), word_similarity(${query}, ${expansion}))`;
  return db
    .select(listColumns)
    .from(ideas)
    .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
    .where(and(isNull(ideas.deletedAt), sql`(${ideas.name} % ${query} or ${query} <% ${ideas.name} or ${query} <% ${expansion})`))
    .orderBy(desc(score), desc(ideas.id))
    .offset((page - 1) * size)
    .limit(size + 1);
}

/**
 * Ranked search, 10 a page. Full text first; only when it finds nothing at all is the query
 * treated as a possible typo and matched by trigrams on names and expansions. The mode is
 * returned so later pages stay in the same mode.
 */
export async function searchIdeas(db: DbOrTx, query: string, page: number, mode?: SearchMode, size = SEARCH_PAGE_SIZE): Promise<SearchPage> {
  let used: SearchMode = mode ?? 'fts';
  let rows = used === 'fts' ? await fullText(db, query, page, size) : await trigram(db, query, page, size);
  if (!mode && rows.length === 0 && page === 1) {
    used = 'trigram';
    rows = await trigram(db, query, page, size);
  }
  return { mode: used, rows: rows.slice(0, size), hasNext: rows.length > size };
}

/** Collapses whitespace; undefined when too short or too long to be a useful query. */
export function normaliseQuery(input: string): { ok: true; query: string } | { ok: false; reason: 'too_short' | 'too_long' } {
  const query = input.replace(/\s+/g, ' ').trim();
  if (query.length < QUERY_MIN) return { ok: false, reason: 'too_short' };
  if (query.length > QUERY_MAX) return { ok: false, reason: 'too_long' };
  return { ok: true, query };
}

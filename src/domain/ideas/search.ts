import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { agencies, ideas, ideaTextSql } from '../../db/schema/index.js';
import { listColumns, type ListRow } from './list.js';

export const SEARCH_PAGE_SIZE = 10;
export const QUERY_MIN = 2;
export const QUERY_MAX = 100;

/**
 * `fts`: Indonesian full text, every word (stemmed, so "pelayanan" finds "layanan"); `any`: the
 * same when every word together finds nothing, ranked by how many words match; `trigram`: the
 * typo fallback on names and expansions; `words`: the typo fallback on the other texts (summary,
 * problem, solution, beneficiaries).
 */
export type SearchMode = 'fts' | 'any' | 'trigram' | 'words';

/**
 * Spellings people use side by side (non-standard first, KBBI second). Editable: a query with one
 * of them also finds the other, inside words too ("antrian" ↔ "antrean", "mengantri").
 */
export const SPELLING_VARIANTS: [string, string][] = [
  ['antri', 'antre'],
  ['praktek', 'praktik'],
  ['apotik', 'apotek'],
  ['resiko', 'risiko'],
  ['ijin', 'izin'],
  ['jadual', 'jadwal'],
  ['nasehat', 'nasihat'],
  ['sistim', 'sistem'],
  ['propinsi', 'provinsi'],
  ['kwalitas', 'kualitas'],
  ['aktifitas', 'aktivitas'],
  ['kreatifitas', 'kreativitas'],
  ['hutang', 'utang'],
  ['merubah', 'mengubah'],
  ['sekedar', 'sekadar'],
  ['obyek', 'objek'],
  ['standarisasi', 'standardisasi'],
];

/** The query with every known variant spelling swapped; undefined when it has none. */
export function variantQuery(query: string): string | undefined {
  let changed = false;
  const out = query.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    for (const [a, b] of SPELLING_VARIANTS) {
      if (lower.includes(a)) return (changed = true), lower.replace(a, b);
      if (lower.includes(b)) return (changed = true), lower.replace(b, a);
    }
    return word;
  });
  return changed ? out : undefined;
}

/** The tsquery of a query and of its variant spelling; `any` joins the words with OR instead of AND. */
function tsQuery(query: string, any: boolean) {
  const one = (q: string) =>
    any ? sql`replace(websearch_to_tsquery('indonesian', ${q})::text, ' & ', ' | ')::tsquery` : sql`websearch_to_tsquery('indonesian', ${q})`;
  const variant = variantQuery(query);
  return variant ? sql`(${one(query)} || ${one(variant)})` : one(query);
}

/**
 * How alike (0–1, pg_trgm word similarity) a query must be to a part of an idea's texts for the
 * last typo fallback. PostgreSQL's default, 0.6, misses one dropped letter in a nine-letter word
 * ("kecamtan" is 0.58 from "kecamatan"); lower finds more, and more that is unrelated.
 */
export const TEXT_TYPO_THRESHOLD = 0.5;

export interface SearchPage {
  mode: SearchMode;
  rows: ListRow[];
  hasNext: boolean;
}


/**
 * A tsquery with each of its words limited to weight A, the name's words: an idea matches it when its
 * name alone matches the query. The same test as `ts_filter(search, '{a}') @@ q` without building a
 * filtered copy of every match's document (that was a third of a one-word search's time at 3,448
 * matches). websearch_to_tsquery writes each word as a quoted lexeme with no weight or prefix, a quote
 * inside doubled, so every quoted lexeme gets ":A".
 */
const nameOnly = (q: SQL) => sql`regexp_replace((${q})::text, ${"'((?:[^']|'')*)'"}, ${"'\\1':A"}, 'g')::tsquery`;

/** The query's words joined with OR, for ranking (see fullText). */
const anyWord = (q: SQL) => sql`replace((${q})::text, ' & ', ' | ')::tsquery`;

async function fullText(db: DbOrTx, query: string, page: number, size: number, any = false) {
  const q = tsQuery(query, any);
  // Each tsquery is an uncorrelated subquery, so PostgreSQL computes it once per execution (an
  // InitPlan); written inline, a prepared statement's generic plan parses the query again for every
  // match.
  const match = sql`(select ${q})`;
  const rank = sql<number>`ts_rank('{0.1,0.1,0.1,0.1}', ${ideas.search}, (select ${anyWord(q)})) + case when ${ideas.search} @@ (select ${nameOnly(q)}) then 1 else 0 end`;
  // Only the page's rows, ranked on the ideas table alone; their agencies are joined afterwards.
  const top = db
    .select({
      id: ideas.id,
      name: ideas.name,
      stage: ideas.stage,
      agencyId: ideas.agencyId,
      supportCount: ideas.supportCount,
      commentCount: ideas.commentCount,
      rank: rank.as('rank'),
    })
    .from(ideas)
    .where(and(isNull(ideas.deletedAt), sql`${ideas.search} @@ ${match}`))
    // Weighting the name: a hit in the title says more than one in a long problem text, so an idea
    // whose name alone matches the query comes first. Below that, ts_rank over the query's words
    // joined with OR: how often the words occur, each with diminishing returns (the matches hold
    // every word already). ts_rank of the AND query also weighs how close the words stand, comparing
    // every pair of their positions: at 100,000 ideas a three-word query ranks thousands of matches,
    // and that cost twice the whole rest of the search (ts_rank_cd, cover density, more still).
    .orderBy(desc(sql`rank`), desc(ideas.id))
    .offset((page - 1) * size)
    .limit(size + 1)
    .as('top');
  return db
    .select({ id: top.id, name: top.name, stage: top.stage, agencyShort: agencies.shortName, supportCount: top.supportCount, commentCount: top.commentCount })
    .from(top)
    .innerJoin(agencies, eq(agencies.id, top.agencyId))
    .orderBy(desc(top.rank), desc(top.id));
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
 * A typo of a word in the idea's other texts ("terpencl" for "terpencil" in a summary): the query
 * is found as a part of the text that looks alike (`<%`, word similarity, on the trigram index
 * `ideas_text_trgm_idx` over the same expression), the closest first.
 */
async function textTrigram(db: DbOrTx, query: string, page: number, size: number) {
  const text = ideaTextSql();
  return db.transaction(async (tx) => {
    // The operator reads its threshold from a setting; set for this query only.
    await tx.execute(sql.raw(`set local pg_trgm.word_similarity_threshold = ${TEXT_TYPO_THRESHOLD}`));
    return tx
      .select(listColumns)
      .from(ideas)
      .innerJoin(agencies, eq(agencies.id, ideas.agencyId))
      .where(and(isNull(ideas.deletedAt), sql`${query} <% (${text})`))
      .orderBy(desc(sql`word_similarity(${query}, ${text})`), desc(ideas.id))
      .offset((page - 1) * size)
      .limit(size + 1);
  });
}

const byMode: Record<SearchMode, (db: DbOrTx, query: string, page: number, size: number) => Promise<ListRow[]>> = {
  fts: (db, q, p, s) => fullText(db, q, p, s),
  any: (db, q, p, s) => fullText(db, q, p, s, true),
  trigram: trigram,
  words: textTrigram,
};

/**
 * Ranked search, 10 a page. Full text first (with variant spellings); when it finds nothing at
 * all, the query is treated as a possible typo and matched by trigrams on names and expansions,
 * failing that any of its words is enough, and failing that it is matched by trigrams against the
 * words of the idea's other texts. The mode is
 * returned so later pages stay in the same mode.
 */
export async function searchIdeas(db: DbOrTx, query: string, page: number, mode?: SearchMode, size = SEARCH_PAGE_SIZE): Promise<SearchPage> {
  let used: SearchMode = mode ?? 'fts';
  let rows = await byMode[used](db, query, page, size);
  // A typo in a name ("Getar Dilam") is the likelier meaning; then any of the words.
  if (!mode && rows.length === 0 && page === 1) {
    used = 'trigram';
    rows = await trigram(db, query, page, size);
  }
  // "gizi buruk" with no idea holding both words: any word, the ideas with more of them first.
  if (!mode && rows.length === 0 && page === 1 && /\s/.test(query)) {
    used = 'any';
    rows = await fullText(db, query, page, size, true);
  }
  // Last, a typo of a word that only the summary, problem, solution or beneficiaries hold.
  if (!mode && rows.length === 0 && page === 1) {
    used = 'words';
    rows = await textTrigram(db, query, page, size);
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

import { and, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { ideaDocumentSql, ideas, type Stage } from '../../db/schema/index.js';

/**
 * Words that say nothing about an idea. The `indonesian` text-search configuration stems but
 * has no stop-word list, so without these every idea "shares" yang/dan/untuk with every other.
 */
const STOP_WORDS = new Set(
  `ada adalah agar akan aku anda antara apa atau bagi bahwa banyak baru belum bisa buat dalam dan dapat dari dengan di dia
   hal hanya harus ia ini itu jadi jika juga kami kamu karena ke kita lagi lain lebih maka masih mereka nya oleh pada para
   perlu sangat saja sama sebagai secara sehingga sejak semua serta setiap sudah supaya tapi telah tentang tersebut tidak
   untuk yaitu yang inovasi program layanan pelayanan masyarakat warga the and for of to in`.split(/\s+/),
);

/** The words of a new pitch worth comparing, at most 40 (a long problem statement adds little after that). */
export function significantWords(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z0-9]+/g) ?? [];
  const seen = new Set<string>();
  for (const w of words) {
    if (w.length < 3 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    seen.add(w);
    if (seen.size >= 40) break;
  }
  return [...seen];
}

export interface SimilarityScore {
  /** Trigram similarity of the names, 0–1. */
  nameSimilarity: number;
  /** Stemmed words of the new pitch found in the existing idea's text. */
  shared: number;
  /** Stemmed words of the new pitch. */
  total: number;
}

/**
 * Close enough to ask "tetap kirim?": a similar name, or most of the pitch's words (at least
 * three) in the other idea's text, or many shared words in a long pitch.
 */
export function isSimilar(s: SimilarityScore): boolean {
  if (s.nameSimilarity >= 0.45) return true;
  if (s.total > 0 && s.shared >= 3 && s.shared / s.total >= 0.5) return true;
  return s.shared >= 8;
}

export interface SimilarIdea extends SimilarityScore {
  id: number;
  name: string;
  stage: Stage;
}

/**
 * Ideas that look like a new pitch: trigram similarity on the names (the `%` operator, GIN
 * index) plus full-text overlap with the `indonesian` configuration (GIN index on the
 * document), scored and filtered by isSimilar. Best first, at most `limit`.
 */
export async function findSimilarIdeas(db: DbOrTx, pitch: { name: string; text: string }, limit = 3): Promise<SimilarIdea[]> {
  const words = significantWords(`${pitch.name} ${pitch.text}`).join(' ');
  const doc = ideaDocumentSql();
  // The stems of the new pitch; matched verbatim ('simple') against the stored document.
  const lexemes = sql`tsvector_to_array(to_tsvector('indonesian', ${words}))`;
  const orQuery = sql`to_tsquery('simple', coalesce((select string_agg(quote_literal(l), ' | ') from unnest(${lexemes}) l), ''))`;
  const rows = await db
    .select({
      id: ideas.id,
      name: ideas.name,
      stage: ideas.stage,
      nameSimilarity: sql<number>`similarity(${ideas.name}, ${pitch.name})::float8`,
      shared: sql<number>`(select count(*) from unnest(tsvector_to_array(${doc})) x where x = any(${lexemes}))::int`,
      total: sql<number>`cardinality(${lexemes})::int`,
    })
    .from(ideas)
    .where(and(isNull(ideas.deletedAt), sql`(${ideas.name} % ${pitch.name} or ${doc} @@ ${orQuery})`))
    .limit(50);
  return rows
    .map((r) => ({ ...r, nameSimilarity: Number(r.nameSimilarity), shared: Number(r.shared), total: Number(r.total) }))
    .filter(isSimilar)
    .sort((a, b) => Math.max(b.nameSimilarity, b.shared / Math.max(1, b.total)) - Math.max(a.nameSimilarity, a.shared / Math.max(1, a.total)) || b.id - a.id)
    .slice(0, limit);
}

import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { ideaAwards, ideas, type AwardLevel, type Competition, type IdeaAward } from '../../db/schema/index.js';
import { AWARD_MAX } from './fields.js';

const levelAliases: Record<string, AwardLevel> = {
  kabupaten: 'kabupaten', kab: 'kabupaten', daerah: 'kabupaten', district: 'kabupaten', regency: 'kabupaten',
  provinsi: 'provinsi', prov: 'provinsi', province: 'provinsi', provincial: 'provinsi',
  nasional: 'nasional', national: 'nasional',
};

export function parseAwardLevel(word: string | undefined): AwardLevel | undefined {
  return word ? levelAliases[word.trim().toLowerCase()] : undefined;
}

/**
 * Which competition a result belongs to, read from its text. The province's round of KIPP is
 * JIPP (DOMAIN.md), so "TOP 30 KIPP Sulsel" recorded at provinsi level is JIPP.
 */
export function detectCompetition(text: string, level: AwardLevel): Competition {
  if (/\bJIPP\b/i.test(text)) return 'JIPP';
  if (/\bIGA\b|innovative\s+government|indeks\s+inovasi/i.test(text)) return 'IGA';
  if (/\bKIPP\b|\bsinovik\b|kompetisi\s+inovasi\s+pelayanan/i.test(text)) return level === 'provinsi' ? 'JIPP' : 'KIPP';
  return 'other';
}

/** The year the text names (e.g. "… Sulsel 2021"), else the given default. */
export function detectYear(text: string, fallback: number): number {
  const match = /\b(19[89]\d|20\d\d)\b/.exec(text);
  return match ? Number(match[1]) : fallback;
}

/**
 * An award as the coordinator entered it, once: the text itself, with the competition and the
 * year added only when the text does not already name them ("TOP 30 KIPP Sulsel 2026",
 * "Top 30" for KIPP 2024 → "Top 30 KIPP 2024"). The caller adds the level.
 */
export function awardText(award: { result: string; year: number; competition: Competition }): string {
  let text = award.result.replace(/\s+/g, ' ').trim();
  // "Top 30" recorded for KIPP: the competition is part of what was achieved.
  if (award.competition !== 'other' && !/\b(KIPP|JIPP|IGA|SINOVIK)\b/i.test(text)) text = `${text} ${award.competition}`;
  return /\b(19[89]\d|20\d\d)\b/.test(text) ? text : `${text} ${award.year}`;
}

/**
 * Results that make an innovation a finalist: a ranking ("Top 30", "Top 99"), "finalis",
 * "Outstanding Achievement", a win. Editable list; a plain "Peserta" (entrant) is not one.
 */
export const FINALIST_PATTERNS: RegExp[] = [/\btop\s*\d+/i, /\bfinalis|\bfinalist/i, /\boutstanding\b/i, /\bjuara\b|\bpemenang\b|\bwinner\b|\bterbaik\b|\bbest\b/i];

/** Competitions that count as earlier rounds of a competition: JIPP is the province's round of KIPP. */
const ROUNDS_OF: Record<string, Competition[]> = { KIPP: ['KIPP', 'JIPP'], IGA: ['IGA'] };

/**
 * The awards that make the idea an earlier finalist of `competition`: recorded for it (or one of
 * its rounds) or naming it in their text, with a result that reads as a finalist's.
 */
export function finalistAwards<A extends { competition: Competition; result: string }>(awards: A[], competition: string): A[] {
  const rounds = ROUNDS_OF[competition] ?? [competition as Competition];
  const named = new RegExp(`\\b${competition.replace(/[^A-Za-z0-9]/g, '')}\\b`, 'i');
  return awards.filter((a) => (rounds.includes(a.competition) || named.test(a.result)) && FINALIST_PATTERNS.some((re) => re.test(a.result)));
}

export type AwardInput = { level: AwardLevel; competition: Competition; year: number; result: string };
export type AwardParse = { ok: true; award: AwardInput } | { ok: false; reason: 'level' | 'text' | 'too_long' };

/** `<tingkat> <teks>` after the idea number, e.g. `provinsi TOP 30 KIPP Sulsel 2021`. */
export function parseAward(args: string, currentYear: number): AwardParse {
  const trimmed = args.replace(/\s+/g, ' ').trim();
  const [levelWord = '', ...rest] = trimmed.split(' ');
  const level = parseAwardLevel(levelWord);
  if (!level) return { ok: false, reason: 'level' };
  const result = rest.join(' ').trim();
  if (!result) return { ok: false, reason: 'text' };
  if (result.length > AWARD_MAX) return { ok: false, reason: 'too_long' };
  return { ok: true, award: { level, competition: detectCompetition(result, level), year: detectYear(result, currentYear), result } };
}

export async function addAward(db: Db, ideaId: number, award: AwardInput, recordedBy: number, at: Date): Promise<IdeaAward | undefined> {
  return db.transaction((tx) => addAwardIn(tx, ideaId, award, recordedBy, at));
}

/** addAward inside the caller's transaction (e.g. with the update's once-marker). */
export async function addAwardIn(tx: Tx, ideaId: number, award: AwardInput, recordedBy: number, at: Date): Promise<IdeaAward | undefined> {
  const [idea] = await tx.select({ id: ideas.id }).from(ideas).where(and(eq(ideas.id, ideaId), isNull(ideas.deletedAt))).for('update');
  if (!idea) return undefined;
  const [row] = await tx.insert(ideaAwards).values({ ideaId, ...award, recordedBy, createdAt: at }).returning();
  await tx.update(ideas).set({ updatedAt: at }).where(eq(ideas.id, ideaId));
  return row;
}

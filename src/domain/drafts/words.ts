import type { Language } from '../../db/schema/index.js';

/**
 * Word counts as a competition form counts them: whitespace-separated tokens that contain a
 * letter or a digit ("—" or "•" alone are not words). Notes for the innovator ("[Lengkapi: …]")
 * are not part of the final text, so they are not counted.
 */

const TODO_LABEL: Record<Language, string> = { id: 'Lengkapi', en: 'To add' };
const TODO_PATTERN = /\[(?:Lengkapi|To add):[^\]]*\]/g;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** A note telling the innovator what to add, e.g. `[Lengkapi: isi data sebelum/sesudah]`. */
export function todo(lang: Language, what: string): string {
  return `[${TODO_LABEL[lang]}: ${what.replace(/[[\]]/g, '')}]`;
}

export function hasTodo(text: string): boolean {
  return new RegExp(TODO_PATTERN.source).test(text);
}

export function todosIn(text: string): string[] {
  return text.match(TODO_PATTERN) ?? [];
}

/** Splits a text into plain runs and notes, for formatting (italic in Telegram, highlighted in Word). */
export function splitTodos(text: string): { text: string; todo: boolean }[] {
  const out: { text: string; todo: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(TODO_PATTERN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), todo: false });
    out.push({ text: m[0], todo: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), todo: false });
  return out;
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => WORDLIKE.test(t));
}

export function countWords(text: string): number {
  return tokens(text.replace(TODO_PATTERN, ' ')).length;
}

/** Counts every word, notes included: what a text occupies before the innovator edits it. */
export function countAllWords(text: string): number {
  return tokens(text).length;
}

/** Sentences of a paragraph (keeps the end punctuation; a text without any is one sentence). */
export function sentences(text: string): string[] {
  const parts = text.match(/[^.!?…]+(?:[.!?…]+["”’)]*|$)/g) ?? [text];
  return parts.map((s) => s.trim()).filter(Boolean);
}

/**
 * Shortens a text to at most `max` words (all words counted): whole sentences when at least half
 * the budget can be kept that way, else cut at a word with an ellipsis.
 */
export function truncateWords(text: string, max: number): string {
  if (countAllWords(text) <= max) return text;
  if (max <= 0) return '';
  let kept = '';
  let used = 0;
  for (const s of sentences(text)) {
    const n = countAllWords(s);
    if (used + n > max) break;
    kept = kept ? `${kept} ${s}` : s;
    used += n;
  }
  if (used >= max / 2 && kept) return kept;
  const words = text.trim().split(/\s+/);
  const out: string[] = [];
  let count = 0;
  for (const w of words) {
    if (WORDLIKE.test(w)) {
      if (count === max) break;
      count++;
    }
    out.push(w);
  }
  return `${out.join(' ').replace(/[,;:.\-–—]+$/, '')}…`;
}

/** Collapses whitespace and trims: user text arrives with stray newlines and spaces. */
export function tidy(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = tidy(text);
  if (!t) return '';
  return /[.!?…"”’)]$/.test(t) ? t : `${t}.`;
}

/**
 * Lower-cases the first letter of user text that continues a sentence ("…karena data balita…").
 * Acronyms (PKK, ASN), words with inner capitals (SiPaKaTau) and names of more than one word
 * ("Dinas Kesehatan menyediakan…", "Kecamatan Sabbang") keep their capitals; "Kader PKK" does not
 * make a name.
 */
export function lowerFirst(text: string): string {
  const t = tidy(text);
  const [first = '', second = ''] = t.split(' ');
  if (!/^\p{Lu}\p{Ll}*[,;:.!?]?$/u.test(first)) return t;
  if (/^\p{Lu}\p{Ll}/u.test(second) && !/[,;:.!?]$/.test(first)) return t;
  return t[0]!.toLocaleLowerCase('id-ID') + t.slice(1);
}

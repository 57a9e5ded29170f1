import { ideaForms, type IdeaForm } from '../../db/schema/index.js';

/** Limits the issue sets: a name of 3–120 characters, each text at most 2000. */
export const NAME_MIN = 3;
export const NAME_MAX = 120;
/** An acronym's expansion is a name, not an essay. */
export const EXPANSION_MAX = 200;
export const TEXT_MAX = 2000;
/** Stage notes and archive reasons. */
export const NOTE_MAX = 500;
/** Competition result text ("TOP 30 KIPP Sulsel 2021"). */
export const AWARD_MAX = 300;

/** Fields a member types (or picks) in the guided pitch and in /ubah, in the order the pitch asks them. */
export const pitchFields = ['name', 'expansion', 'problem', 'solution', 'beneficiaries', 'form', 'digital', 'agency'] as const;
export type PitchField = (typeof pitchFields)[number];
/** Fields only /ubah offers: the one-line summary and, for coordinators, the competition dates. */
export const editOnlyFields = ['summary', 'trialStartedOn', 'implementedOn'] as const;
export type IdeaField = PitchField | (typeof editOnlyFields)[number];

export const optionalFields: ReadonlySet<IdeaField> = new Set(['expansion', 'beneficiaries', 'form', 'digital', 'agency', 'summary', 'trialStartedOn', 'implementedOn']);
export const dateFields: ReadonlySet<IdeaField> = new Set(['trialStartedOn', 'implementedOn']);

export function isIdeaField(value: string): value is IdeaField {
  return (pitchFields as readonly string[]).includes(value) || (editOnlyFields as readonly string[]).includes(value);
}

export function isIdeaForm(value: string): value is IdeaForm {
  return (ideaForms as readonly string[]).includes(value);
}

export type TextCheck =
  | { ok: true; value: string }
  | { ok: false; reason: 'too_short' | 'too_long'; min: number; max: number; length: number };

/** One line, single spaces. */
export function checkName(input: string): TextCheck {
  const value = input.replace(/\s+/g, ' ').trim();
  if (value.length < NAME_MIN) return { ok: false, reason: 'too_short', min: NAME_MIN, max: NAME_MAX, length: value.length };
  if (value.length > NAME_MAX) return { ok: false, reason: 'too_long', min: NAME_MIN, max: NAME_MAX, length: value.length };
  return { ok: true, value };
}

/** Keeps line breaks (paragraphs matter in a problem statement) but not runs of blank lines. */
export function checkText(input: string, max = TEXT_MAX, min = 1): TextCheck {
  const value = input
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (value.length < min) return { ok: false, reason: 'too_short', min, max, length: value.length };
  if (value.length > max) return { ok: false, reason: 'too_long', min, max, length: value.length };
  return { ok: true, value };
}

export function checkField(field: IdeaField, input: string): TextCheck {
  if (field === 'name') return checkName(input);
  if (field === 'expansion') return checkText(input.replace(/\s+/g, ' '), EXPANSION_MAX);
  return checkText(input, TEXT_MAX);
}

/**
 * `/usul Nama Inovasi — masalah dan solusi singkat`. An em or en dash splits anywhere; a hyphen
 * only with spaces around it, since names like "E-Kinerja" contain one.
 */
export function splitOneLine(payload: string): { name: string; text: string } | undefined {
  const match = /\s*[—–]\s*|\s+-{1,2}\s+/.exec(payload);
  if (!match) return undefined;
  return { name: payload.slice(0, match.index).trim(), text: payload.slice(match.index + match[0].length).trim() };
}

/** `2026-12-03`, `3-12-2026`, `3/12/2026` or `03.12.2026` → `2026-12-03`; undefined when not a real date. */
export function parseLocalDate(input: string): string | undefined {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1990 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** `#12`, `12` → 12. Anything else (words, zero, absurdly long numbers) → undefined. */
export function parseIdeaNumber(word: string | undefined): number | undefined {
  const match = word ? /^#?(\d{1,9})$/.exec(word.trim()) : null;
  if (!match) return undefined;
  const n = Number(match[1]);
  return n > 0 ? n : undefined;
}

/** Shortens text for cards and previews, on a word boundary when one is near. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}

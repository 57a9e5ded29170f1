/** Rules for what a member may call themselves; kept apart from Telegram so tests read them plainly. */
export const NAME_MIN = 3;
export const NAME_MAX = 100;

export type NameCheck = { ok: true; name: string } | { ok: false };

export function checkFullName(input: string): NameCheck {
  const name = input.replace(/\s+/g, ' ').trim();
  if (name.length < NAME_MIN || name.length > NAME_MAX) return { ok: false };
  if (name.startsWith('/')) return { ok: false };
  // Control characters and a name with no letters at all are typing accidents, not names.
  if (/[\u0000-\u001f\u007f]/.test(name) || !/\p{L}/u.test(name)) return { ok: false };
  return { ok: true, name: capitaliseName(name) };
}

/** Words that stay in lower case inside a name: "bin", "binti", and titles written that way ("dr."). */
const LOWER_WORDS = new Set(['bin', 'binti', 'dr.', 'drg.', 'van', 'de', 'da']);

/**
 * A name as a person would write it: a name typed all in lower case gets its capitals ("dewi" →
 * "Dewi", "citra dewi, s.kep." → "Citra Dewi, S.Kep."); a name with any capital is kept as typed
 * ("McDonald", "Ana & co").
 */
export function capitaliseName(name: string): string {
  // A name with any capital was written with care: it is kept exactly as typed.
  if (/\p{Lu}/u.test(name)) return name;
  return name
    .split(' ')
    .map((word, i) => {
      if (/\p{Lu}/u.test(word) || (i > 0 && LOWER_WORDS.has(word)) || (i === 0 && /^drg?\.$/.test(word))) return word;
      // Each part after a dot or a dash starts with a capital: "s.kep." → "S.Kep.", "sri-wahyuni" → "Sri-Wahyuni".
      return word.replace(/(^|[.\-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('id-ID'));
    })
    .join(' ');
}

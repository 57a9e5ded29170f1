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
  return { ok: true, name };
}

/** Which chat a Bot API call goes to, as the limits and lanes key it. */
export interface ChatTarget {
  /** Normalised key: the numeric id as a string, or the lower-cased @username. */
  key: string;
  /** What the hook and errors get: a number for numeric ids, else the @username. */
  id: number | string;
  group: boolean;
}

/** The call's `chat_id` as a target, or undefined for calls without one (getMe, inline edits, …). */
export function chatTarget(payload: unknown): ChatTarget | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const c = (payload as { chat_id?: unknown }).chat_id;
  if (typeof c === 'number' && Number.isFinite(c)) return { key: String(c), id: c, group: c < 0 };
  if (typeof c === 'string') {
    const s = c.trim();
    if (/^-?\d+$/.test(s)) {
      const n = Number(s);
      return { key: String(n), id: n, group: n < 0 };
    }
    if (s !== '') return { key: s.toLowerCase(), id: s, group: true };
  }
  return undefined;
}

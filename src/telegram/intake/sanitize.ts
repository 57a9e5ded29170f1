import type { Update } from 'telegraf/types';

/**
 * Replaces lone UTF-16 surrogates (which Telegram's JSON may carry as `\ud83d` escapes) with
 * U+FFFD: PostgreSQL rejects them in text and jsonb, and one such update must not fail the
 * journal write of its whole batch.
 */
export function sanitizeUpdate(update: Update): Update {
  return wellFormed(update) as Update;
}

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return (value as string & { toWellFormed(): string }).toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wellFormed(v);
    return out;
  }
  return value;
}

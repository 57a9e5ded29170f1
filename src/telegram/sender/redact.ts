/**
 * Keeping the bot token out of logs: HTTP client errors can carry the request URL
 * (…/bot<token>/method), so nothing the sender logs or lets through contains it.
 */
import { isTelegramErrorLike } from './errors.js';

const TOKEN_IN_URL = /\/(bot|user)[^/\s?#]+\//g;

/** Remove a bot token from a text (literal token and the /bot<token>/ URL segment). */
export function redactToken(text: string, token?: string): string {
  let out = text;
  if (token && token.length >= 4) out = out.split(token).join('<redacted>');
  return out.replace(TOKEN_IN_URL, '/$1<redacted>/');
}

/** Removes the token from an error's message and stack in place (the error is rethrown as is). */
export function scrubError(err: unknown, token: string): void {
  if (typeof err !== 'object' || err === null) return;
  const e = err as { message?: unknown; stack?: unknown };
  try {
    if (typeof e.message === 'string') {
      const m = redactToken(e.message, token);
      if (m !== e.message) e.message = m;
    }
    if (typeof e.stack === 'string') {
      const s = redactToken(e.stack, token);
      if (s !== e.stack) e.stack = s;
    }
  } catch {
    // read-only properties: nothing to do
  }
}

/** Safe-to-log description of an error: code and Telegram description, or a redacted message. */
export function errorFields(err: unknown, token: string): { code?: number | string; description?: string } {
  if (isTelegramErrorLike(err)) return { code: err.code, description: redactToken(err.description, token) };
  if (typeof err === 'object' && err !== null) {
    const e = err as { name?: unknown; code?: unknown; type?: unknown; message?: unknown };
    const code =
      typeof e.code === 'string' || typeof e.code === 'number'
        ? e.code
        : typeof e.type === 'string'
          ? e.type
          : typeof e.name === 'string'
            ? e.name
            : undefined;
    const description = typeof e.message === 'string' ? redactToken(e.message, token).slice(0, 300) : undefined;
    return { ...(code !== undefined ? { code } : {}), ...(description !== undefined ? { description } : {}) };
  }
  return { description: typeof err };
}

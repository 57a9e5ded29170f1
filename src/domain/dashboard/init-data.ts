import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Telegram Mini App `initData`, checked as Telegram documents it
 * (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * the data-check-string is every field but `hash`, sorted by key, `key=value` joined by "\n";
 * secret_key = HMAC_SHA256(key "WebAppData", bot_token); hash = hex(HMAC_SHA256(secret_key, data_check_string)).
 * `auth_date` must be recent: an old initData copied from somewhere does not sign anyone in.
 */

/** How old an initData may be (Telegram signs it when the Mini App opens). */
export const INIT_DATA_MAX_AGE_SEC = 24 * 3600;

export interface InitDataUser {
  id: number;
  firstName: string;
  languageCode?: string;
}

export type InitDataCheck =
  | { ok: true; user: InitDataUser; authDate: Date }
  | { ok: false; reason: 'malformed' | 'no_hash' | 'bad_signature' | 'expired' | 'future' | 'no_user' };

function secretKey(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([key]) => key !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** Signs fields as Telegram would (tests and the playground's own Mini App link use it). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.delete('hash');
  const hash = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest('hex');
  params.append('hash', hash);
  return params.toString();
}

export function checkInitData(raw: string, botToken: string, now: Date, maxAgeSec = INIT_DATA_MAX_AGE_SEC): InitDataCheck {
  if (raw.length === 0 || raw.length > 8192) return { ok: false, reason: 'malformed' };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(raw);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: 'no_hash' };
  const expected = createHmac('sha256', secretKey(botToken)).update(dataCheckString(params)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'bad_signature' };
  const authSec = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authSec) || authSec <= 0) return { ok: false, reason: 'malformed' };
  const ageSec = now.getTime() / 1000 - authSec;
  if (ageSec > maxAgeSec) return { ok: false, reason: 'expired' };
  // A little clock skew is tolerated; a date far ahead is not.
  if (ageSec < -300) return { ok: false, reason: 'future' };
  let user: unknown;
  try {
    user = JSON.parse(params.get('user') ?? 'null');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const u = user as { id?: unknown; first_name?: unknown; language_code?: unknown } | null;
  if (!u || typeof u.id !== 'number' || !Number.isSafeInteger(u.id)) return { ok: false, reason: 'no_user' };
  return {
    ok: true,
    user: { id: u.id, firstName: typeof u.first_name === 'string' ? u.first_name : '', ...(typeof u.language_code === 'string' ? { languageCode: u.language_code } : {}) },
    authDate: new Date(authSec * 1000),
  };
}

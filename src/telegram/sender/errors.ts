/**
 * What a failed Bot API call means for the sender: a chat that cannot be reached any more (403),
 * a harmless "not modified", or trouble on the way (5xx, 429, network) that may pass.
 */

/** HTTP 403 for a chat: the bot was blocked / kicked, the user is deactivated, … Stop sending there. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';
  /** Same code as the Telegram error, so `err.code === 403` checks keep working. */
  readonly code = 403;
  constructor(
    readonly chatId: number | string,
    readonly description: string,
    readonly method: string,
    options?: { cause?: unknown },
  ) {
    super(`chat ${chatId} is unreachable: ${description}`, options);
  }
}

/** The shape of telegraf's TelegramError (and of any error answered by the Bot API). */
export interface TelegramErrorLike {
  code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export function isTelegramErrorLike(err: unknown): err is TelegramErrorLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'number' &&
    typeof (err as { description?: unknown }).description === 'string'
  );
}

/** True for the harmless 400 "message is not modified" (an edit to the same content). */
export function isMessageNotModified(err: unknown): boolean {
  return isTelegramErrorLike(err) && err.code === 400 && /message is not modified/i.test(err.description);
}

/** HTTP 403 for a chat: the one answer after which nothing more is sent there. */
export function isChatForbidden(err: unknown): err is TelegramErrorLike {
  return isTelegramErrorLike(err) && err.code === 403;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RETRYABLE_FETCH_TYPES = new Set(['system', 'request-timeout', 'body-timeout', 'invalid-json']);

/** The request did not get an answer from Telegram (socket, DNS, timeout): worth another try. */
export function isNetworkError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown; errno?: unknown; type?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno)) return true;
  if (e.name === 'FetchError') return typeof e.type !== 'string' || RETRYABLE_FETCH_TYPES.has(e.type);
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return true; // caller aborts are filtered out before
  if (typeof e.message === 'string' && /socket hang up|network timeout|other side closed/i.test(e.message)) return true;
  if (e.cause !== undefined && e.cause !== err) return isNetworkError(e.cause);
  return false;
}

/**
 * Telegram could not be reached or was overloaded (5xx, 429, network): the same call may well work
 * later. Used on errors the sender gives up on, after its own retries.
 */
export function isTransientTelegramError(err: unknown): boolean {
  if (err instanceof ChatUnreachableError) return false;
  if (isTelegramErrorLike(err)) return err.code >= 500 || err.code === 429;
  // A handler that ran past its time limit (telegraf's p-timeout) is not Telegram's doing.
  const e = err as { name?: unknown; code?: unknown } | null;
  if (e?.name === 'TimeoutError' && e.code === undefined && !(err instanceof DOMException)) return false;
  return isNetworkError(err);
}

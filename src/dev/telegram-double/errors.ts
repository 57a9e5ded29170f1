/** An error answered to the bot as `{ ok: false, error_code, description, parameters? }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(`${code}: ${description}`);
  }
}

export const badRequest = (detail: string): ApiError => new ApiError(400, `Bad Request: ${detail}`);
export const forbidden = (detail: string): ApiError => new ApiError(403, `Forbidden: ${detail}`);
export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

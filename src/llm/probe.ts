import { loadOpenAi } from './openai-sdk.js';
import type { Logger } from '../logger.js';
import type { LlmSettings } from './draft-model.js';

export type ProbeResult = 'ok' | 'unreachable' | 'rejected';

/**
 * Start-up check of the model server (GET /models), so a wrong URL or key shows in the log once
 * instead of only as template drafts. Never throws and never blocks start-up for long.
 */
export async function probeModelServer(settings: LlmSettings, logger: Logger, timeoutMs = 5_000): Promise<ProbeResult> {
  const { default: OpenAI, APIConnectionError, APIError } = await loadOpenAi();
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    timeout: Math.min(timeoutMs, settings.timeoutMs),
    maxRetries: 0,
    logLevel: 'off',
  });
  const where = safeUrl(settings.baseURL ?? 'https://api.openai.com/v1');
  try {
    await client.models.list();
    logger.info({ model: settings.model, server: where }, 'language model server reachable; drafts will use the model');
    return 'ok';
  } catch (err) {
    if (err instanceof APIError && (err.status === 401 || err.status === 403)) {
      logger.warn({ server: where, status: err.status }, 'the language model server rejected OPENAI_API_KEY; drafts will fall back to the template');
      return 'rejected';
    }
    // Some compatible servers do not list models; any HTTP answer means the server is there.
    if (err instanceof APIError && !(err instanceof APIConnectionError) && typeof err.status === 'number') {
      logger.info({ server: where, status: err.status }, 'language model server answered the start-up check');
      return 'ok';
    }
    logger.warn({ server: where }, 'a language model is configured (OPENAI_API_KEY / OPENAI_BASE_URL) but its server is unreachable; drafts will fall back to the template until it answers');
    return 'unreachable';
  }
}

/** A server address for the logs: scheme, host and path; never credentials or query values. */
export function safeUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '<unreadable url>';
  }
}

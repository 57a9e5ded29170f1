import type { Config } from '../config.js';
import type { LlmSettings } from './draft-model.js';

/**
 * A model is used when a key or a server is configured: OpenAI needs a key, a local Ollama or
 * vLLM server only a URL (the SDK still wants some key, so a placeholder is sent).
 */
export function llmSettings(config: Config): LlmSettings | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  return {
    apiKey: config.OPENAI_API_KEY ?? 'no-key',
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  };
}

import type * as OpenAiSdk from 'openai';

export type { OpenAiSdk };

let loading: Promise<typeof OpenAiSdk> | undefined;

/**
 * The openai SDK (about 150 modules) is loaded on first use: a bot without a model server never
 * needs it, and one with a server loads it for the start-up probe or the first draft.
 */
export function loadOpenAi(): Promise<typeof OpenAiSdk> {
  return (loading ??= import('openai'));
}

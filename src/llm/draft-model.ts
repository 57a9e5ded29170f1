import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { loadOpenAi, type OpenAiSdk } from './openai-sdk.js';
import type { Language } from '../db/schema/index.js';
import { layoutFields, type Layout } from '../domain/drafts/layout.js';
import type { DraftSources } from '../domain/drafts/sources.js';
import type { Logger } from '../logger.js';
import { completedStringFields } from './partial-json.js';
import { buildDraftPrompt, modelKey, repairPrompt } from './prompt.js';

/** Why the model's draft could not be used; the member gets one line about it. */
export type LlmFailure =
  | { kind: 'timeout'; seconds: number }
  | { kind: 'unreachable' }
  | { kind: 'http'; status: number }
  | { kind: 'auth'; status: number }
  | { kind: 'malformed' }
  | { kind: 'empty' };

export interface LlmUsage {
  prompt: number;
  completion: number;
  total: number;
}

export type LlmDraftResult =
  | { ok: true; model: string; sections: Record<string, string>; missing: string[]; usage: LlmUsage | undefined }
  | { ok: false; model: string; failure: LlmFailure; cause: string; usage: LlmUsage | undefined };

export interface LlmSettings {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
  maxRetries: number;
}

/** Thrown when the caller's signal (shutdown) aborts a call: the work is released, not failed. */
export class DraftAborted extends Error {
  override name = 'DraftAborted';
}

/** Longest text kept per section: a runaway model must not flood the chat. */
const MAX_SECTION_CHARS = 12_000;

type Attempt =
  | { ok: true; content: string; usage: LlmUsage | undefined; chunks: number }
  | { ok: false; failure: LlmFailure; cause: string; status?: number; message?: string };

type Mode = 'json_schema' | 'json_object';

function addUsage(a: LlmUsage | undefined, b: LlmUsage | undefined): LlmUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return { prompt: a.prompt + b.prompt, completion: a.completion + b.completion, total: a.total + b.total };
}

function usageOf(u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined): LlmUsage | undefined {
  if (!u) return undefined;
  const prompt = u.prompt_tokens ?? 0;
  const completion = u.completion_tokens ?? 0;
  return { prompt, completion, total: u.total_tokens ?? prompt + completion };
}

/** Parses the model's answer into section texts keyed by layout field. */
export function parseDraftAnswer(
  content: string,
  fieldKeys: { key: string; modelKey: string }[],
): { ok: true; sections: Record<string, string>; missing: string[] } | { ok: false; empty: boolean; problem: string } {
  let text = content.trim();
  if (!text) return { ok: false, empty: true, problem: 'empty answer' };
  // Some servers wrap JSON in a Markdown fence or add a sentence around it.
  text = text.replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, empty: false, problem: 'no JSON object' };
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch (err) {
    return { ok: false, empty: false, problem: `invalid JSON: ${(err as Error).message.slice(0, 120)}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, empty: false, problem: 'not a JSON object' };
  const obj = json as Record<string, unknown>;
  const sections: Record<string, string> = {};
  const missing: string[] = [];
  let known = 0;
  for (const { key, modelKey: mk } of fieldKeys) {
    const [head, part] = key.split('.');
    const nested = part && typeof obj[head!] === 'object' && obj[head!] !== null ? (obj[head!] as Record<string, unknown>)[part] : undefined;
    const value = obj[mk] ?? obj[key] ?? nested;
    if (value !== undefined) known++;
    const textValue = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, MAX_SECTION_CHARS) : '';
    if (textValue) sections[key] = textValue;
    else missing.push(key);
  }
  if (known === 0) return { ok: false, empty: false, problem: 'none of the expected keys' };
  if (missing.length === fieldKeys.length) return { ok: false, empty: true, problem: 'every section empty' };
  return { ok: true, sections, missing };
}

/**
 * Writes a draft with an OpenAI-compatible server. Structured output (json_schema) first; a
 * server that refuses it (400/422) is asked again in json_object mode and remembered. Streaming
 * first; a server that does not stream is remembered too. One repair round for unreadable JSON.
 * Every failure is returned, never thrown (except a shutdown abort).
 */
export class DraftModel {
  private client: OpenAI | undefined;
  private schemaUnsupported = false;
  private streamUnsupported = false;

  constructor(
    readonly settings: LlmSettings,
    private readonly logger: Logger,
  ) {}

  private async sdk(): Promise<{ sdk: typeof OpenAiSdk; client: OpenAI }> {
    const sdk = await loadOpenAi();
    this.client ??= new sdk.default({
      apiKey: this.settings.apiKey,
      baseURL: this.settings.baseURL,
      timeout: this.settings.timeoutMs,
      maxRetries: this.settings.maxRetries,
      logLevel: 'off',
    });
    return { sdk, client: this.client };
  }

  get model(): string {
    return this.settings.model;
  }

  async write(
    input: { layout: Layout; lang: Language; sources: DraftSources },
    opts: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<LlmDraftResult> {
    const fields = layoutFields(input.layout).map((f) => ({ key: f.key, modelKey: modelKey(f) }));
    const prompt = buildDraftPrompt(input.layout, input.lang, input.sources);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ];
    const model = this.settings.model;
    const progress = (content: string) => {
      const done = completedStringFields(content).filter((k) => prompt.keys.includes(k)).length;
      opts.onProgress?.(done, fields.length);
    };

    let mode: Mode = this.schemaUnsupported ? 'json_object' : 'json_schema';
    let usage: LlmUsage | undefined;
    let attempt = await this.call(messages, mode, prompt.schema, progress, opts.signal);
    if (!attempt.ok && mode === 'json_schema' && (attempt.status === 400 || attempt.status === 422)) {
      this.logger.info({ model, status: attempt.status, message: attempt.message }, 'the model server refused structured output; using JSON mode');
      this.schemaUnsupported = true;
      mode = 'json_object';
      attempt = await this.call(messages, mode, prompt.schema, progress, opts.signal);
    }
    if (!attempt.ok) return { ok: false, model, failure: attempt.failure, cause: attempt.cause, usage };
    usage = addUsage(usage, attempt.usage);

    let parsed = parseDraftAnswer(attempt.content, fields);
    if (!parsed.ok && parsed.empty) return { ok: false, model, failure: { kind: 'empty' }, cause: parsed.problem, usage };
    if (!parsed.ok) {
      this.logger.info({ model, problem: parsed.problem }, 'unreadable model answer; asking once for a repair');
      const repair: ChatCompletionMessageParam[] = [
        ...messages,
        { role: 'assistant', content: attempt.content.slice(0, 16_000) },
        { role: 'user', content: repairPrompt(prompt.keys, parsed.problem) },
      ];
      const second = await this.call(repair, mode, prompt.schema, progress, opts.signal);
      if (!second.ok) return { ok: false, model, failure: second.failure, cause: `repair: ${second.cause}`, usage };
      usage = addUsage(usage, second.usage);
      parsed = parseDraftAnswer(second.content, fields);
      if (!parsed.ok) return { ok: false, model, failure: { kind: parsed.empty ? 'empty' : 'malformed' }, cause: `after repair: ${parsed.problem}`, usage };
    }
    return { ok: true, model, sections: parsed.sections, missing: parsed.missing, usage };
  }

  private async call(
    messages: ChatCompletionMessageParam[],
    mode: Mode,
    schema: Record<string, unknown>,
    onContent: (content: string) => void,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const first = await this.once(messages, mode, schema, !this.streamUnsupported, onContent, signal);
    // A server that ignores `stream` answers with plain JSON, which arrives as a stream of nothing.
    const streamRefused = !first.ok && (first.status === 400 || first.status === 422) && /stream/i.test(first.message ?? '');
    if (!this.streamUnsupported && ((first.ok && first.chunks === 0) || streamRefused)) {
      this.logger.info({ model: this.settings.model }, 'the model server does not stream; asking without streaming');
      this.streamUnsupported = true;
      return this.once(messages, mode, schema, false, onContent, signal);
    }
    return first;
  }

  private async once(
    messages: ChatCompletionMessageParam[],
    mode: Mode,
    schema: Record<string, unknown>,
    stream: boolean,
    onContent: (content: string) => void,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
    const deadline = AbortSignal.timeout(this.settings.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const response_format =
      mode === 'json_schema'
        ? ({ type: 'json_schema', json_schema: { name: 'proposal_draft', strict: true, schema } } as const)
        : ({ type: 'json_object' } as const);
    const base = { model: this.settings.model, messages, response_format, temperature: 0.4 };
    const { sdk, client } = await this.sdk();
    try {
      if (!stream) {
        const completion = await client.chat.completions.create({ ...base, stream: false }, { signal: combined });
        const content = completion.choices[0]?.message?.content ?? '';
        onContent(content);
        return { ok: true, content, usage: usageOf(completion.usage), chunks: 1 };
      }
      const params: ChatCompletionCreateParamsStreaming = { ...base, stream: true, stream_options: { include_usage: true } };
      const chunks = await client.chat.completions.create(params, { signal: combined });
      let content = '';
      let usage: LlmUsage | undefined;
      let count = 0;
      for await (const chunk of chunks) {
        count++;
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          content += delta;
          onContent(content);
        }
        if (chunk.usage) usage = usageOf(chunk.usage);
      }
      return { ok: true, content, usage, chunks: count };
    } catch (err) {
      if (signal?.aborted) throw new DraftAborted('shutting down');
      return this.classify(sdk, err, deadline.aborted);
    }
  }

  private classify(sdk: typeof OpenAiSdk, err: unknown, deadlinePassed: boolean): Attempt {
    const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
    const seconds = Math.round(this.settings.timeoutMs / 1000);
    if (deadlinePassed || err instanceof APIConnectionTimeoutError) return { ok: false, failure: { kind: 'timeout', seconds }, cause: 'timeout' };
    if (err instanceof APIUserAbortError) return { ok: false, failure: { kind: 'timeout', seconds }, cause: 'aborted' };
    if (err instanceof APIConnectionError) {
      const cause = (err.cause as { code?: string; cause?: { code?: string } } | undefined)?.cause?.code ?? (err.cause as { code?: string } | undefined)?.code;
      return { ok: false, failure: { kind: 'unreachable' }, cause: `connection: ${cause ?? err.message}` };
    }
    if (err instanceof APIError && typeof err.status === 'number') {
      const status = err.status;
      // Only the error's own message: it never contains the key (the SDK does not echo headers).
      const message = String((err.error as { message?: unknown } | undefined)?.message ?? err.message).slice(0, 300);
      const failure: LlmFailure = status === 401 || status === 403 ? { kind: 'auth', status } : { kind: 'http', status };
      return { ok: false, failure, cause: `http ${status}: ${message}`, status, message };
    }
    // A broken stream (invalid SSE, connection dropped mid-answer) lands here.
    const e = err as { name?: string; message?: string };
    return { ok: false, failure: { kind: 'unreachable' }, cause: `${e?.name ?? 'error'}: ${String(e?.message ?? '').slice(0, 200)}` };
  }
}

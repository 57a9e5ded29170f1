/**
 * A local OpenAI-compatible server over real HTTP (127.0.0.1, random port): /v1/models and
 * /v1/chat/completions with plain and streamed (SSE) answers. Tests and benchmarks script each
 * answer; the bot's `openai` client talks to it exactly as to a real server. A development tool
 * beside the telegram double (answers for a draft's layout: test/helpers/fake-openai.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  /** 1-based position among chat requests. */
  n: number;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    stream?: boolean;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
    stream_options?: { include_usage?: boolean };
  };
  authorization: string | undefined;
}

export type Reply =
  /** An answer; streamed as SSE when the request asked for it (split into `chunks`, `delayMs` apart). */
  | { kind: 'answer'; content: string; usage?: { prompt_tokens: number; completion_tokens: number }; chunks?: string[]; delayMs?: number }
  /** A plain JSON answer even when streaming was asked for (servers without streaming). */
  | { kind: 'plain'; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { kind: 'error'; status: number; message: string }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

export type ChatHandler = (req: ChatRequest) => Reply | Promise<Reply>;

export class FakeOpenAI {
  readonly requests: ChatRequest[] = [];
  modelListRequests = 0;
  private handler: ChatHandler = () => ({ kind: 'error', status: 500, message: 'no handler scripted' });
  private readonly open = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    readonly baseURL: string,
  ) {}

  static async start(): Promise<FakeOpenAI> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeOpenAI(server, `http://127.0.0.1:${port}/v1`);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    return fake;
  }

  /** Scripts every chat answer from now on. */
  onChat(handler: ChatHandler): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      this.modelListRequests++;
      return json(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }] });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return json(res, 404, { error: { message: 'not found' } });
    const request: ChatRequest = {
      n: this.requests.length + 1,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest['body'],
      authorization: req.headers.authorization,
    };
    this.requests.push(request);
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const reply = await this.handler(request);
    if (res.destroyed) return;
    switch (reply.kind) {
      case 'hang':
        return;
      case 'error':
        return json(res, reply.status, { error: { message: reply.message, type: 'invalid_request_error', code: null } }, { 'retry-after-ms': '5' });
      case 'plain':
        return json(res, 200, completion(request, reply.content, reply.usage));
      case 'answer':
        if (!request.body.stream) return json(res, 200, completion(request, reply.content, reply.usage));
        return stream(res, request, reply);
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function usageOf(u: { prompt_tokens: number; completion_tokens: number } | undefined) {
  return u ? { ...u, total_tokens: u.prompt_tokens + u.completion_tokens } : undefined;
}

function completion(req: ChatRequest, content: string, usage?: { prompt_tokens: number; completion_tokens: number }) {
  return {
    id: `chatcmpl-${req.n}`,
    object: 'chat.completion',
    created: 0,
    model: req.body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: usageOf(usage),
  };
}

async function stream(res: http.ServerResponse, req: ChatRequest, reply: Extract<Reply, { kind: 'answer' }>): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const base = { id: `chatcmpl-${req.n}`, object: 'chat.completion.chunk', created: 0, model: req.body.model };
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const parts = reply.chunks ?? reply.content.match(/[\s\S]{1,200}/g) ?? [];
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const part of parts) {
    if (res.destroyed) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    send({ ...base, choices: [{ index: 0, delta: { content: part }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  if (req.body.stream_options?.include_usage && reply.usage) send({ ...base, choices: [], usage: usageOf(reply.usage) });
  res.end('data: [DONE]\n\n');
}

/**
 * The double's HTTP side: Bot API paths (/bot<token>/<method>) and file downloads
 * (/file/bot<token>/<path>), the JSON answers, and faults acted out (429, 5xx, 403, a slow answer,
 * a cut connection). Running a method is the server's business (Endpoint.run).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Payload } from './methods/context.js';
import { METHOD_BY_LOWER } from './methods/index.js';
import { parsePayload, readBody } from './request-body.js';
import type { DoubleState } from './state.js';
import type { ApiCall, Fault } from './types.js';

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

/** What the HTTP side needs from the server. */
export interface Endpoint {
  token: string;
  /** Where downloads are looked up. */
  state: DoubleState;
  /** Records a call as it arrives (its status is filled in when answered). */
  record(call: ApiCall): void;
  /** A request was answered (or its connection cut). */
  handled(): void;
  faultFor(method: string, payload: Payload): Fault | undefined;
  run(method: string, payload: Payload, signal: AbortSignal): Promise<Outcome>;
}

/** Answers one HTTP request: a file download, or a Bot API call (recorded, maybe failed by a fault, else run). */
export async function handleRequest(ep: Endpoint, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  if (path.startsWith('/file/bot')) return serveFile(ep, req, res, path);
  const m = /^\/bot([^/]*)\/([^/]*)$/.exec(path);
  const body = await readBody(req);
  if (!m) return write(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
  const rawMethod = decodeURIComponent(m[2]!);
  const method = METHOD_BY_LOWER.get(rawMethod.toLowerCase());
  let payload: Payload;
  try {
    payload = await parsePayload(req.headers['content-type'], body, query);
  } catch {
    payload = {};
    const call: ApiCall = { method: method ?? rawMethod, payload, status: 0, at: performance.now() };
    ep.record(call);
    return finish(ep, res, call, { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse request body" } });
  }
  delete payload.method;
  const call: ApiCall = { method: method ?? rawMethod, payload, status: 0, at: performance.now() };
  ep.record(call);
  if (decodeURIComponent(m[1]!) !== ep.token) {
    return finish(ep, res, call, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
  }
  if (!method) {
    return finish(ep, res, call, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } });
  }
  const fault = ep.faultFor(method, payload);
  if (fault) {
    switch (fault.kind) {
      case 'network':
        call.status = 0;
        call.description = 'network fault: socket destroyed';
        req.socket.destroy();
        ep.handled();
        return;
      case '429': {
        const retryAfter = Math.max(1, Math.ceil(fault.retryAfter));
        return finish(ep, res, call, {
          status: 429,
          body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
        });
      }
      case '5xx': {
        const status = fault.status ?? 502;
        return finish(ep, res, call, {
          status,
          body: { ok: false, error_code: status, description: http.STATUS_CODES[status] ?? 'Internal Server Error' },
        });
      }
      case '403':
        return finish(ep, res, call, {
          status: 403,
          body: { ok: false, error_code: 403, description: fault.description ?? 'Forbidden: bot was blocked by the user' },
        });
      case 'slow':
        await new Promise((r) => setTimeout(r, fault.delayMs));
        break;
    }
  }
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) abort.abort();
  });
  const outcome = await ep.run(method, payload, abort.signal);
  return finish(ep, res, call, outcome);
}

function finish(ep: Endpoint, res: http.ServerResponse, call: ApiCall, outcome: Outcome): void {
  let json: string;
  try {
    json = JSON.stringify(outcome.body);
  } catch (e) {
    outcome = { status: 500, body: { ok: false, error_code: 500, description: `Internal Server Error: ${(e as Error).message}` } };
    json = JSON.stringify(outcome.body);
  }
  call.status = outcome.status;
  if (outcome.body.ok === false) call.description = String(outcome.body.description);
  writeJson(res, outcome.status, json);
  ep.handled();
}

function write(res: http.ServerResponse, outcome: Outcome): void {
  writeJson(res, outcome.status, JSON.stringify(outcome.body));
}

function writeJson(res: http.ServerResponse, status: number, json: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function serveFile(ep: Endpoint, req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
  req.resume();
  const m = /^\/file\/bot([^/]*)\/(.+)$/.exec(path);
  if (!m || decodeURIComponent(m[1]!) !== ep.token) {
    res.writeHead(401).end();
    return;
  }
  const f = ep.state.fileByPath(decodeURIComponent(m[2]!));
  if (!f) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': f.mime_type ?? 'application/octet-stream', 'content-length': f.content.length });
  res.end(f.content);
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import type { UpdateDispatcher } from './dispatcher.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  /** Answers the health check: resolves when the database answers. */
  checkHealth: () => Promise<void>;
  /** When set, POSTs to `path` carrying the secret header are taken as updates. */
  webhook?: { path: string; secret: string; dispatcher: UpdateDispatcher; maxBacklog?: number };
  /** Other routes (the web dashboard): requests under `prefix` are handed to `listener`. */
  routes?: { prefix: string; listener: (req: IncomingMessage, res: ServerResponse) => void };
}

const MAX_BODY_BYTES = 1024 * 1024;

function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

/** A health answer is reused for this long: anyone may call /healthz, and each check is a query. */
const HEALTH_CACHE_MS = 1_000;
/** Requests with a wrong secret are logged at most once a minute (with how many there were). */
const BAD_SECRET_LOG_EVERY_MS = 60_000;

/** The HTTP side: Telegram's webhook (with its secret header), GET /healthz and the dashboard's routes. */
export function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const { logger, webhook } = options;
  let health: { at: number; check: Promise<boolean> } | undefined;
  const healthy = (): Promise<boolean> => {
    const now = Date.now();
    if (!health || now - health.at >= HEALTH_CACHE_MS) {
      health = {
        at: now,
        check: options.checkHealth().then(
          () => true,
          () => false,
        ),
      };
    }
    return health.check;
  };
  let badSecrets = 0;
  let badSecretLoggedAt = -Infinity;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/healthz') {
        return (await healthy()) ? send(res, 200, 'ok') : send(res, 503, 'database unavailable');
      }
      if (webhook && url.pathname === webhook.path) {
        if (req.method !== 'POST') return send(res, 405, 'method not allowed');
        if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], webhook.secret)) {
          badSecrets++;
          if (Date.now() - badSecretLoggedAt >= BAD_SECRET_LOG_EVERY_MS) {
            logger.warn({ remote: req.socket.remoteAddress, count: badSecrets }, 'webhook requests without the right secret');
            badSecretLoggedAt = Date.now();
            badSecrets = 0;
          }
          return send(res, 401, 'unauthorized');
        }
        const body = await readBody(req);
        if (!body) return send(res, 413, 'too large');
        let update: Update;
        try {
          update = JSON.parse(body.toString('utf8')) as Update;
        } catch {
          return send(res, 400, 'bad json');
        }
        if (typeof update?.update_id !== 'number') return send(res, 400, 'not an update');
        // Answer once the update is journaled; handling continues in the background. While
        // stopping, or when the journal could not be written, 503: Telegram (or the load balancer,
        // to another instance) delivers it again, and a redelivery of an update already running is not run twice.
        // Too much waiting already: Telegram keeps the update and delivers it again later.
        if (webhook.maxBacklog !== undefined && webhook.dispatcher.backlog >= webhook.maxBacklog) return send(res, 503, 'busy');
        const accepted = await webhook.dispatcher.accept([update]);
        if (accepted === false) return send(res, 503, 'shutting down');
        if (accepted === 'in_memory') return send(res, 503, 'not yet durable');
        return send(res, 200, 'ok');
      }
      const routes = options.routes;
      if (routes && (url.pathname === routes.prefix || url.pathname.startsWith(`${routes.prefix}/`))) return routes.listener(req, res);
      send(res, 404, 'not found');
    } catch (err) {
      logger.error({ err: { type: (err as Error).name } }, 'http request failed');
      if (!res.headersSent) send(res, 500, 'error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

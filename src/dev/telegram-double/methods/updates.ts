/** Receiving updates: long polling (getUpdates) and the webhook settings. */
import { badRequest } from '../errors.js';
import type { UpdateQueue } from '../updates.js';
import type { Handler, Payload } from './context.js';
import { bool, num, parseMaybeJson, str } from './payload.js';

export const getUpdates: Handler = async (ctx, p) => {
  ctx.queue.setAllowed(parseMaybeJson(p.allowed_updates));
  const limit = Math.min(100, Math.max(1, num(p, 'limit') ?? 100));
  const timeout = Math.max(0, num(p, 'timeout') ?? 0);
  return await ctx.queue.poll({
    offset: num(p, 'offset') ?? 0,
    limit,
    timeoutMs: Math.min(timeout * 1000, ctx.maxLongPollMs),
    signal: ctx.signal,
  });
};

export const setWebhook: Handler = (ctx, p) => {
  const url = str(p, 'url') ?? '';
  const drop = bool(p, 'drop_pending_updates');
  if (url === '') {
    ctx.queue.setWebhook(null, drop);
    return true;
  }
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const secret = str(p, 'secret_token');
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest('secret token contains unallowed characters');
  const allowed = parseMaybeJson(p.allowed_updates);
  const cfg: Parameters<UpdateQueue['setWebhook']>[0] = { url };
  if (secret !== undefined) cfg.secret_token = secret;
  const max = num(p, 'max_connections');
  if (max !== undefined) cfg.max_connections = max;
  if (Array.isArray(allowed)) cfg.allowed_updates = allowed.map(String);
  ctx.queue.setWebhook(cfg, drop);
  return true;
};

export const deleteWebhook: Handler = (ctx, p) => {
  ctx.queue.setWebhook(null, bool(p, 'drop_pending_updates'));
  return true;
};

export const getWebhookInfo: Handler = (ctx) => {
  const wh = ctx.queue.webhook;
  const out: Payload = { url: wh?.url ?? '', has_custom_certificate: false, pending_update_count: ctx.queue.pending() };
  if (wh?.max_connections !== undefined) out.max_connections = wh.max_connections;
  if (wh?.allowed_updates) out.allowed_updates = wh.allowed_updates;
  const err = ctx.queue.lastError;
  if (wh && err) {
    out.last_error_date = err.date;
    out.last_error_message = err.message;
  }
  return out;
};

/** Answering callback queries (button presses). */
import { badRequest } from '../errors.js';
import type { Handler, MethodContext } from './context.js';
import { bool, num, str } from './payload.js';

export const answerCallbackQuery: Handler = (ctx, p) => {
  const id = str(p, 'callback_query_id') ?? '';
  if (!ctx.openCallbacks.has(id)) throw badRequest('query is too old and response timeout expired or query ID is invalid');
  const text = str(p, 'text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  ctx.openCallbacks.delete(id);
  const answer: MethodContext['callbackAnswers'][number] = { callback_query_id: id };
  if (text !== undefined) answer.text = text;
  if (p.show_alert !== undefined) answer.show_alert = bool(p, 'show_alert');
  const url = str(p, 'url');
  if (url !== undefined) answer.url = url;
  const cache = num(p, 'cache_time');
  if (cache !== undefined) answer.cache_time = cache;
  ctx.callbackAnswers.push(answer);
  return true;
};

/** What every Bot API method handler gets: the double's state and the request's payload. */
import type { RateLimiter } from '../limits.js';
import type { DoubleState } from '../state.js';
import type { UpdateQueue } from '../updates.js';

export type Payload = Record<string, unknown>;

export interface OpenCallback {
  id: string;
  chatId: number | undefined;
  at: number;
}

export interface MethodContext {
  state: DoubleState;
  queue: UpdateQueue;
  limiter: RateLimiter;
  callbackAnswers: Array<{ callback_query_id: string; text?: string; show_alert?: boolean; url?: string; cache_time?: number }>;
  openCallbacks: Map<string, OpenCallback>;
  commands: Map<string, unknown>;
  maxLongPollMs: number;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Monotonic milliseconds (for flood limits). */
  monoNow(): number;
}

export type Handler = (ctx: MethodContext, p: Payload) => unknown;

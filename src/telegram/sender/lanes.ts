/**
 * Queueing: calls to the same chat (sends, resp. group edits) run one at a time, in call order,
 * retries included, so messages arrive in the order the bot sent them.
 */
import type { ChatTarget } from './chat-target.js';

/** What the holder of a lane learns from the holders before it. */
export interface LaneState {
  /** Set when a call in this lane got 403: the calls queued behind it fail fast. */
  unreachable?: string;
}

/** FIFO lanes: at most one holder per key, waiters served in arrival order. */
export class Lanes {
  private readonly lanes = new Map<string, { tail: Promise<void>; count: number; unreachable?: string }>();

  async run<T>(key: string, signal: AbortSignal | undefined, fn: (lane: LaneState) => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { tail: Promise.resolve(), count: 0 };
      this.lanes.set(key, lane);
    }
    const l = lane;
    l.count++;
    const prev = l.tail;
    let release!: () => void;
    l.tail = new Promise<void>((r) => (release = r));
    const done = (): void => {
      if (--l.count === 0 && this.lanes.get(key) === l) this.lanes.delete(key);
      release();
    };
    try {
      await abortable(prev, signal);
    } catch (err) {
      // Keep the chain intact: whoever queued after us waits for whoever was before us.
      void prev.then(done);
      throw err;
    }
    try {
      return await fn(l);
    } finally {
      done();
    }
  }

  get size(): number {
    return this.lanes.size;
  }
}

/** The lane of everything sent to a chat (one shared lane for calls without a chat). */
export function sendLaneKey(chat: ChatTarget | undefined): string {
  return chat ? `send:${chat.key}` : 'send:-';
}

/** The lane of a group's edits (counted against their own limit). */
export function editLaneKey(chat: ChatTarget): string {
  return `edit:${chat.key}`;
}

/** The lane in which calls of every chat take the global bucket, first come first served. */
export const GLOBAL_LANE = 'global';

function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const e = new Error('This operation was aborted');
  e.name = 'AbortError';
  return e;
}

/** `p`, or a rejection as soon as `signal` aborts (`p` itself keeps running). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

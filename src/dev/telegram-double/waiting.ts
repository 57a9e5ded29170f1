/**
 * Waiting for conditions instead of sleeping: a check is re-evaluated after every handled request
 * and user action (and every 20 ms), and a timeout names the last calls the bot made.
 */
import type { ApiCall, StoredMessage } from './types.js';

interface Waiter {
  run(): void;
}

/** The text a message shows (text, or the caption of a document or photo). */
export function textOf(m: StoredMessage): string {
  return m.text ?? m.document?.caption ?? m.photo?.caption ?? m.caption ?? '';
}

/** `match` against the message's text (or caption) and file name; undefined matches everything. */
export function matches(m: StoredMessage, match: RegExp | string | undefined): boolean {
  if (match === undefined) return true;
  const candidates = [textOf(m)];
  if (m.document) candidates.push(m.document.file_name);
  if (m.photo) candidates.push(m.photo.file_name);
  if (typeof match === 'string') return candidates.some((c) => c.includes(match));
  return candidates.some((c) => {
    match.lastIndex = 0;
    return match.test(c);
  });
}

/** A value shortened for an error message. */
export function brief(s: unknown, max = 80): string {
  if (s === undefined || s === null) return '';
  const str = typeof s === 'string' ? s : JSON.stringify(s);
  return str.length > max ? `${str.slice(0, max - 1)}…` : str;
}

/** The last `n` calls, one line each, for a timeout's message. */
export function describeRecentCalls(calls: readonly ApiCall[], n = 10): string {
  const recent = calls.slice(-n);
  if (recent.length === 0) return '  (no calls)';
  return recent
    .map((c) => {
      const text = c.payload.text ?? c.payload.caption;
      const parts = [`  ${c.method}`];
      if (c.payload.chat_id !== undefined) parts.push(`chat_id=${String(c.payload.chat_id)}`);
      if (text !== undefined) parts.push(`text=${JSON.stringify(brief(text))}`);
      parts.push(`→ ${c.status}${c.description ? ` ${c.description}` : ''}`);
      return parts.join(' ');
    })
    .join('\n');
}

export class Waiters {
  private readonly waiters = new Set<Waiter>();
  private interval: NodeJS.Timeout | undefined;

  /** `describe` tells what happened lately, appended to a timeout's message. */
  constructor(private readonly describe: () => string) {}

  /** Re-evaluates every pending check. */
  notify(): void {
    for (const w of this.waiters) w.run();
  }

  /**
   * Resolves with the first truthy value of `check`. A throwing check counts as "not yet". Rejects
   * after timeoutMs (default 120 s: a cap for a machine loaded by a second test suite, not a wait) with `describe()` in the message.
   */
  waitFor<T>(check: () => T | undefined | false | null, opts?: { timeoutMs?: number; description?: string }): Promise<T> {
    const timeoutMs = opts?.timeoutMs ?? 120_000;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let lastError: unknown;
      const finish = (): void => {
        done = true;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.syncInterval();
      };
      const waiter: Waiter = {
        run: () => {
          if (done) return;
          let v: T | undefined | false | null;
          try {
            v = check();
          } catch (e) {
            lastError = e;
            return;
          }
          if (v) {
            finish();
            resolve(v);
          }
        },
      };
      const timer = setTimeout(() => {
        if (done) return;
        finish();
        const why = lastError instanceof Error ? `\nLast error from the check: ${lastError.message}` : '';
        reject(
          new Error(
            `BotApiDouble.waitFor${opts?.description ? ` (${opts.description})` : ''} timed out after ${timeoutMs} ms.${why}\n` +
              this.describe(),
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
      this.syncInterval();
      waiter.run();
    });
  }

  /** Stops the periodic re-evaluation (pending checks then only run on notify). */
  close(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
  }

  private syncInterval(): void {
    if (this.waiters.size > 0 && !this.interval) {
      this.interval = setInterval(() => this.notify(), 20);
      this.interval.unref();
    } else if (this.waiters.size === 0 && this.interval) {
      clearInterval(this.interval);
      this.interval = undefined;
    }
  }
}

/**
 * Waits for a bot message in a chat (and topic); see BotApiDouble.waitForBotMessage. `history`
 * gives every bot message of the chat (or topic), deleted ones included, so indices never shift.
 */
export function waitForBotMessage(
  waiting: Waiters,
  history: (threadId: number | undefined) => readonly StoredMessage[],
  chatId: number,
  opts?: { threadId?: number; after?: number; match?: RegExp | string; timeoutMs?: number },
): Promise<StoredMessage> {
  const threadId = opts?.threadId;
  const after = opts?.after ?? 0;
  const match = opts?.match;
  const visible = (): StoredMessage[] => history(threadId).filter((m) => !m.deleted);
  const snapshot = visible().slice(after);
  const startLen = history(threadId).length;
  const desc = `bot message in chat ${chatId}${threadId !== undefined ? ` thread ${threadId}` : ''}${after ? ` after #${after}` : ''}${match !== undefined ? ` matching ${String(match)}` : ''}`;
  return waiting
    .waitFor(
      () => {
        for (const m of snapshot) if (!m.deleted && matches(m, match)) return m;
        const list = history(threadId);
        for (let i = startLen; i < list.length; i++) {
          const m = list[i]!;
          if (!m.deleted && matches(m, match)) return m;
        }
        return undefined;
      },
      { timeoutMs: opts?.timeoutMs ?? 120_000, description: desc },
    )
    .catch((e: unknown) => {
      const recent = visible()
        .slice(-5)
        .map((m) => `  #${m.message_id}: ${JSON.stringify(brief(textOf(m) || m.document?.file_name, 120))}`)
        .join('\n');
      throw new Error(`${(e as Error).message}\nLast bot messages in chat ${chatId}:\n${recent || '  (none)'}`);
    });
}

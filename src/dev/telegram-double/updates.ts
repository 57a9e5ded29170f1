/**
 * The update queue: getUpdates long polling (offset confirmation, held requests) and webhook delivery.
 */
import { ApiError } from './errors.js';
import type { Update } from './types.js';

const DEFAULT_EXCLUDED = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const WEBHOOK_ATTEMPTS = 5;
const WEBHOOK_FIRST_BACKOFF_MS = 50;

export interface WebhookConfig {
  url: string;
  secret_token?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

interface HeldPoll {
  limit: number;
  timer: NodeJS.Timeout;
  resolve: (u: Update[]) => void;
  reject: (e: unknown) => void;
}

export interface QueueHooks {
  /** The webhook answered 2xx with a body: Telegram executes `{ method, ...params }` bodies. */
  onWebhookReply(body: string, contentType: string | null): Promise<void>;
  /** State changed (an update was confirmed or delivered). */
  onChange(): void;
  /** Unix seconds. */
  now(): number;
}

function updateType(u: Update): string | undefined {
  for (const k in u) if (k !== 'update_id') return k;
  return undefined;
}

export class UpdateQueue {
  private items: Update[] = [];
  private head = 0;
  private nextUpdateId = 700_000_001;
  private allowed: Set<string> | null = null;
  private held: HeldPoll | undefined;
  private flushScheduled = false;
  private delivering = false;
  private closed = false;
  private readonly abort = new AbortController();
  webhook: WebhookConfig | null = null;
  lastError: { date: number; message: string } | undefined;

  constructor(private readonly hooks: QueueHooks) {}

  enqueue(partial: Record<string, unknown>): Update {
    const { update_id: _ignored, ...rest } = partial;
    void _ignored;
    const u = { update_id: this.nextUpdateId++, ...rest } as Update;
    this.items.push(u);
    if (this.held) this.scheduleFlush();
    if (this.webhook) this.kickWebhook();
    return u;
  }

  /** The id the next update will get (snapshots carry it so a restarted double never reuses ids). */
  get nextId(): number {
    return this.nextUpdateId;
  }

  resumeAt(id: number): void {
    if (this.items.length > this.head) throw new Error('UpdateQueue.resumeAt: updates are pending');
    this.nextUpdateId = id;
  }

  pending(): number {
    return this.items.length - this.head;
  }

  setAllowed(list: unknown): void {
    if (Array.isArray(list)) this.allowed = list.length === 0 ? null : new Set(list.map(String));
  }

  private isAllowed(u: Update): boolean {
    const t = updateType(u);
    if (t === undefined) return true;
    return this.allowed ? this.allowed.has(t) : !DEFAULT_EXCLUDED.has(t);
  }

  /** Confirms updates below `offset` (negative: keep only the last -offset). */
  confirm(offset: number): void {
    if (!Number.isFinite(offset) || offset === 0) return;
    if (offset < 0) {
      this.head = Math.max(this.head, this.items.length + offset);
    } else {
      while (this.head < this.items.length && this.items[this.head]!.update_id < offset) this.head++;
    }
    this.compact();
  }

  drop(): void {
    this.head = this.items.length;
    this.compact();
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private take(limit: number): Update[] {
    const out: Update[] = [];
    // disallowed updates at the front are dropped (Telegram never delivers them)
    while (this.head < this.items.length && !this.isAllowed(this.items[this.head]!)) this.head++;
    for (let i = this.head; i < this.items.length && out.length < limit; i++) {
      const u = this.items[i]!;
      if (this.isAllowed(u)) out.push(u);
    }
    return out;
  }

  /** getUpdates. Resolves with updates, or holds until one arrives / the timeout passes. */
  poll(p: { offset: number; limit: number; timeoutMs: number; signal: AbortSignal }): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    this.confirm(p.offset);
    this.terminateHeld(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    const ready = this.take(p.limit);
    if (ready.length > 0 || p.timeoutMs <= 0 || this.closed) return Promise.resolve(ready);
    return new Promise<Update[]>((resolve, reject) => {
      const held: HeldPoll = {
        limit: p.limit,
        resolve,
        reject,
        timer: setTimeout(() => {
          if (this.held === held) this.held = undefined;
          resolve([]);
        }, p.timeoutMs),
      };
      this.held = held;
      p.signal.addEventListener(
        'abort',
        () => {
          if (this.held === held) {
            clearTimeout(held.timer);
            this.held = undefined;
            resolve([]);
          }
        },
        { once: true },
      );
    });
  }

  private terminateHeld(err: ApiError | null): void {
    const h = this.held;
    if (!h) return;
    this.held = undefined;
    clearTimeout(h.timer);
    if (err) h.reject(err);
    else h.resolve([]);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const h = this.held;
      if (!h) return;
      const got = this.take(h.limit);
      if (got.length === 0) return;
      this.held = undefined;
      clearTimeout(h.timer);
      h.resolve(got);
    });
  }

  // ---------------- webhook ----------------

  setWebhook(cfg: WebhookConfig | null, dropPending: boolean): void {
    if (dropPending) this.drop();
    this.webhook = cfg;
    this.lastError = undefined;
    if (cfg) {
      if (cfg.allowed_updates) this.setAllowed(cfg.allowed_updates);
      this.terminateHeld(new ApiError(409, 'Conflict: terminated by setWebhook request'));
      this.kickWebhook();
    }
  }

  private kickWebhook(): void {
    if (this.delivering || this.closed || !this.webhook) return;
    this.delivering = true;
    void this.deliverLoop().finally(() => {
      this.delivering = false;
      if (!this.closed && this.webhook && this.pending() > 0) queueMicrotask(() => this.kickWebhook());
    });
  }

  private async deliverLoop(): Promise<void> {
    while (this.webhook && !this.closed) {
      while (this.head < this.items.length && !this.isAllowed(this.items[this.head]!)) this.head++;
      const u = this.items[this.head];
      if (!u) {
        this.compact();
        return;
      }
      const wh = this.webhook;
      let reply: { body: string; type: string | null } | undefined;
      for (let attempt = 0; attempt < WEBHOOK_ATTEMPTS; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, WEBHOOK_FIRST_BACKOFF_MS * 2 ** (attempt - 1)));
        if (this.closed || this.webhook !== wh) return;
        try {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (wh.secret_token) headers['X-Telegram-Bot-Api-Secret-Token'] = wh.secret_token;
          const res = await fetch(wh.url, { method: 'POST', headers, body: JSON.stringify(u), signal: this.abort.signal });
          const body = await res.text();
          if (res.status >= 200 && res.status < 300) {
            if (body.length > 0) reply = { body, type: res.headers.get('content-type') };
            break;
          }
          this.lastError = { date: this.hooks.now(), message: `Wrong response from the webhook: ${res.status} ${res.statusText}` };
        } catch (e) {
          if (this.closed) return;
          this.lastError = { date: this.hooks.now(), message: `Connection failed: ${(e as Error).message}` };
        }
      }
      if (this.closed || this.webhook !== wh) return;
      // delivered, or given up after WEBHOOK_ATTEMPTS: either way the update leaves the queue
      if (this.items[this.head] === u) this.head++;
      if (reply) {
        try {
          await this.hooks.onWebhookReply(reply.body, reply.type);
        } catch {
          // Telegram ignores errors of methods called through the webhook reply
        }
      }
      this.hooks.onChange();
    }
  }

  close(): void {
    this.closed = true;
    this.terminateHeld(null);
    this.abort.abort();
  }
}

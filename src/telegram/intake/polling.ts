import { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import type { UpdateDispatcher } from './dispatcher.js';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

export interface PollerOptions {
  token: string;
  apiRoot: string;
  dispatcher: UpdateDispatcher;
  logger: Logger;
  timeoutSec?: number;
  limit?: number;
  /** Stop fetching while this many updates wait, so memory stays bounded. */
  maxBacklog?: number;
}

/**
 * Long polling that keeps fetching while handlers run (telegraf's waits for a whole batch).
 * The offset moves past a batch only once the batch is in the journal, so a crash loses nothing:
 * the next start re-runs what was journaled but not finished, and Telegram still holds the rest.
 */
export class Poller {
  private readonly telegram: Telegram;
  private abort = new AbortController();
  private running = false;
  private loop: Promise<void> | undefined;
  private offset = 0;

  constructor(private readonly opts: PollerOptions) {
    this.telegram = new Telegram(opts.token, { apiRoot: opts.apiRoot });
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.telegram.deleteWebhook({ drop_pending_updates: false });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { dispatcher, logger } = this.opts;
    const maxBacklog = this.opts.maxBacklog ?? 2_000;
    let failures = 0;
    let unjournaled = 0;
    while (this.running) {
      if (dispatcher.backlog >= maxBacklog) {
        await sleep(20);
        continue;
      }
      let updates: Update[];
      try {
        updates = await this.telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: this.opts.timeoutSec ?? 25, limit: this.opts.limit ?? 100, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: this.abort.signal as never },
        );
        failures = 0;
      } catch (err) {
        if (!this.running) break;
        failures++;
        const e = err as { code?: number | string; description?: string };
        if (e.code === 401 || e.code === 404) {
          logger.fatal({ code: e.code }, 'Telegram rejected the bot token; polling stops');
          this.running = false;
          break;
        }
        // Capped low: once Telegram is back, updates should flow within seconds, and a failed
        // long poll every 5 s costs nothing.
        const delay = Math.min(5_000, 250 * 2 ** Math.min(failures, 5));
        logger.warn({ code: e.code, description: e.description, retryInMs: delay }, 'getUpdates failed');
        await sleep(delay, this.abort.signal);
        continue;
      }
      if (updates.length === 0) continue;
      if (await this.acceptDurably(updates)) {
        this.offset = updates[updates.length - 1]!.update_id + 1;
        unjournaled = 0;
      } else if (this.running) {
        // Not in the journal (database away): the offset stays, so Telegram keeps the batch and
        // gives it again; what already runs in memory is not run twice.
        unjournaled++;
        await sleep(Math.min(1_000, 100 * 2 ** Math.min(unjournaled, 4)), this.abort.signal);
      }
    }
  }

  /** True once the batch is in the journal. accept() only throws on a bug; keep retrying rather than skipping a batch. */
  private async acceptDurably(updates: Update[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.opts.dispatcher.accept(updates)) === 'journaled';
      } catch (err) {
        this.opts.logger.error({ err: { type: (err as Error).name } }, 'could not accept updates');
        if (!this.running) return false;
        await sleep(Math.min(5_000, 100 * 2 ** attempt), this.abort.signal);
      }
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

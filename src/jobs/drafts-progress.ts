import type { Logger } from '../logger.js';
import { ChatUnreachableError, isMessageNotModified } from '../telegram/sender/errors.js';
import type { Sender } from '../telegram/sender/sender.js';

/**
 * The "menyusun draf…" message, edited as sections arrive. Streaming produces many updates a
 * second; Telegram tolerates far fewer edits, so updates are coalesced: at most one edit per
 * `minIntervalMs`, always showing the latest text, and only one request in flight at a time.
 */
export class ProgressMessage {
  private lastEditAt = Number.NEGATIVE_INFINITY;
  private shown: string | undefined;
  private wanted: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly opts: {
      sender: Sender;
      chatId: number;
      /** Null when the handler never got to send one (crash): the first update sends it. */
      messageId: number | null;
      minIntervalMs: number;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  get messageId(): number | null {
    return this.opts.messageId;
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : performance.now();
  }

  /** Shows `text` as soon as the edit limit allows; newer texts replace older ones not yet shown. */
  update(text: string): void {
    if (this.closed) return;
    this.wanted = text;
    this.schedule();
  }

  /** Shows the final text (waiting out the edit interval if needed) and stops further updates. */
  async finish(text: string): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    // Also after an edit that failed: Telegram may have counted it (a 5xx, a cut connection).
    const wait = this.msUntilNextEdit();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await this.show(text, true);
  }

  /** Stops without a final text (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** How long the edit limit still holds the next edit back, counted from the last edit's answer (0: it may go now). */
  private msUntilNextEdit(): number {
    return Math.max(0, this.lastEditAt + this.opts.minIntervalMs - this.now());
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.msUntilNextEdit();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.inFlight.then(async () => {
        const text = this.wanted;
        if (this.closed || text === undefined) return;
        // Scheduled while an edit was on its way: the interval counts from that edit's answer,
        // which has come meanwhile (on a slow link this edit would otherwise follow it at once).
        if (this.msUntilNextEdit() > 0) return this.schedule();
        await this.show(text, false);
        // Something newer arrived while the edit was on its way.
        if (!this.closed && this.wanted !== this.shown) this.schedule();
      });
    }, wait);
  }

  private async show(text: string, final: boolean): Promise<void> {
    if (text === this.shown) return;
    const { sender, chatId, logger } = this.opts;
    try {
      if (this.opts.messageId === null) {
        const sent = await sender.call('sendMessage', { chat_id: chatId, text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
        this.opts.messageId = sent.message_id;
      } else {
        await sender.call('editMessageText', {
          chat_id: chatId,
          message_id: this.opts.messageId,
          text,
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        });
      }
      this.shown = text;
      // Counted from the answer, not the request: a slow request must not bring the next edit closer.
      this.lastEditAt = this.now();
    } catch (err) {
      this.lastEditAt = this.now();
      if (isMessageNotModified(err)) {
        this.shown = text;
        return;
      }
      // The member deleted the progress message: the final word still deserves a message.
      if (final && this.opts.messageId !== null && (err as { code?: unknown }).code === 400) {
        this.opts.messageId = null;
        this.shown = undefined;
        await this.show(text, true);
        return;
      }
      // The member blocked the bot: delivery will fail too and the worker handles that.
      if (final && err instanceof ChatUnreachableError) throw err;
      // Progress is a courtesy; a failed edit must not cost the member the draft.
      logger.warn({ chatId, code: (err as { code?: unknown }).code }, 'could not update the draft progress message');
    }
  }
}

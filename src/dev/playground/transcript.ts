/**
 * Turns what the bot did (the double's events since the last step) into transcript lines, numbering
 * bot messages (#1, #2, … across all chats, kept across restarts) so buttons of older messages can
 * be pressed with `:press N M`, and saving documents and photos under DATA_DIR/playground-files/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { BotApiDouble, DoubleEvent, StoredMessage } from '../telegram-double/index.js';
import { block, bold, documentLine, formatEntities, photoLine, keyboardLines, warn, type Style } from './render.js';
import type { View } from './store.js';

const KEEP_NUMBERS = 5000;

export interface TranscriptOptions {
  filesDir: string;
  style: Style;
  /** How a chat (and topic) is named when a message lands outside the current one. */
  label(chatId: number, threadId: number | undefined): string;
  saved?: { next: number; messages: Array<[number, number, number]> };
}

const keyOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

export class Transcript {
  private numbers = new Map<string, number>();
  private messages = new Map<number, { chatId: number; messageId: number }>();
  private next = 1;
  private pending: DoubleEvent[] = [];

  constructor(
    private readonly api: BotApiDouble,
    private readonly opts: TranscriptOptions,
  ) {
    if (opts.saved) {
      this.next = opts.saved.next;
      for (const [n, chatId, messageId] of opts.saved.messages) this.remember(n, chatId, messageId);
    }
  }

  record(event: DoubleEvent): void {
    this.pending.push(event);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The transcript number of a bot message, given one now if it had none. */
  numberOf(message: StoredMessage): number {
    const known = this.numbers.get(keyOf(message.chat_id, message.message_id));
    if (known !== undefined) return known;
    const n = this.next++;
    this.remember(n, message.chat_id, message.message_id);
    return n;
  }

  lookup(n: number): StoredMessage | undefined {
    const ref = this.messages.get(n);
    return ref ? this.api.message(ref.chatId, ref.messageId) : undefined;
  }

  toJSON(): { next: number; messages: Array<[number, number, number]> } {
    const messages = [...this.messages].slice(-KEEP_NUMBERS).map(([n, r]): [number, number, number] => [n, r.chatId, r.messageId]);
    return { next: this.next, messages };
  }

  /** Lines for everything the bot did since the last flush, in the order it happened. */
  flush(view: View): string[] {
    const events = this.pending.splice(0);
    const sent = new Set(events.flatMap((e) => (e.type === 'sent' ? [keyOf(e.message.chat_id, e.message.message_id)] : [])));
    const done = new Set<string>();
    const lines: string[] = [];
    const { style } = this.opts;
    for (const event of events) {
      if (event.type === 'callback_answer') {
        const text = event.answer.text?.trim();
        if (text) lines.push(`  ${event.answer.show_alert ? warn('⚠ alert:', style) : '↳ notice:'} ${text}`);
        continue;
      }
      const m = event.message;
      const key = keyOf(m.chat_id, m.message_id);
      if (done.has(key)) continue;
      done.add(key);
      // Several changes to one message in one step show once, as it ends up.
      if (sent.has(key)) {
        if (!m.deleted) lines.push(...this.render(m, 'new', view));
      } else if (m.deleted) {
        const n = this.numbers.get(key);
        lines.push(`  ✗ ${n === undefined ? '(the bot deleted a message)' : `(deleted #${n})`}`);
      } else {
        lines.push(...this.render(m, 'edited', view));
      }
    }
    return lines;
  }

  private remember(n: number, chatId: number, messageId: number): void {
    this.numbers.set(keyOf(chatId, messageId), n);
    this.messages.set(n, { chatId, messageId });
    if (this.messages.size > KEEP_NUMBERS) {
      const [oldest] = this.messages;
      if (oldest) {
        this.messages.delete(oldest[0]);
        this.numbers.delete(keyOf(oldest[1].chatId, oldest[1].messageId));
      }
    }
  }

  private render(m: StoredMessage, kind: 'new' | 'edited', view: View): string[] {
    const { style } = this.opts;
    const n = this.numberOf(m);
    let head = kind === 'new' ? bold(`#${n}`, style) : `✎ (edited #${n})`;
    const inView = m.chat_id === view.chatId && m.message_thread_id === view.threadId;
    if (!inView) head += ` → ${this.opts.label(m.chat_id, m.message_thread_id)}`;
    const body: string[] = [];
    if (m.document) {
      const savedAs = kind === 'new' && m.document.content.length > 0 ? this.save(n, m.document.file_name, m.document.content) : undefined;
      body.push(documentLine(m.document.file_name, m.document.file_size ?? m.document.content.length, savedAs, style));
      if (m.document.caption) body.push(...formatEntities(m.document.caption, m.entities, style).split('\n'));
    } else if (m.photo) {
      const savedAs = kind === 'new' && m.photo.content.length > 0 ? this.save(n, m.photo.file_name, m.photo.content) : undefined;
      body.push(photoLine(m.photo.file_name, m.photo.width, m.photo.height, m.photo.file_size, savedAs, style));
      if (m.photo.caption) body.push(...formatEntities(m.photo.caption, m.entities, style).split('\n'));
    } else {
      body.push(...formatEntities(m.text ?? '', m.entities, style).split('\n'));
    }
    if (m.reply_markup) body.push(...keyboardLines(m.reply_markup.inline_keyboard, style));
    const replyKeyboard = (m.other_markup as { keyboard?: Array<Array<string | { text?: string }>> } | undefined)?.keyboard;
    if (Array.isArray(replyKeyboard)) {
      body.push(`keyboard: ${replyKeyboard.flat().map((b) => (typeof b === 'string' ? b : (b.text ?? ''))).join(' | ')}`);
    }
    return block(head, body, style);
  }

  private save(n: number, name: string, content: Buffer): string | undefined {
    try {
      mkdirSync(this.opts.filesDir, { recursive: true });
      const safe = name.replace(/[/\\\0]/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'file';
      const file = join(this.opts.filesDir, `${n}-${safe}`);
      writeFileSync(file, content);
      const rel = relative(process.cwd(), file);
      return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
    } catch {
      return undefined;
    }
  }
}

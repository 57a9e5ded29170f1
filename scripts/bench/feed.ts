import type { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import type { DoubleEvent, Update } from '../../src/dev/telegram-double/types.js';
import { percentile } from './lib.js';

/**
 * Offers updates to a bot through the fake Bot API and matches each to the bot's answer: a
 * message to the next message the bot sends to that chat, a button press to its
 * answerCallbackQuery. Latency runs from the moment the update is offered to the moment the
 * answer reaches the fake API (both on this process's clock, observed through the double's
 * event stream, so nothing depends on the call log's size).
 */
export interface FeedItem {
  /** Offers the update (api.sendText, api.pressButton …) and returns it. */
  push: () => Update;
  /** What kind of update it is, for latencies per kind. */
  tag?: string;
}

export interface FeedResult {
  offered: number;
  answered: number;
  missing: number;
  /** From the first offer to the last answer. */
  drainSeconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** p50 / p99 per item tag. */
  byTag: Record<string, { n: number; p50: number; p99: number }>;
}

export async function runFeed(api: BotApiDouble, items: FeedItem[], opts: { ratePerSec?: number; timeoutMs?: number }): Promise<FeedResult> {
  const pushedAt: number[] = new Array(items.length);
  const answeredAt: (number | undefined)[] = new Array(items.length);
  /** Offered messages per chat not yet answered, oldest first (the bot answers one chat in order). */
  const waitingInChat = new Map<number, number[]>();
  const waitingCallback = new Map<string, number>();
  let answered = 0;

  const onEvent = (event: DoubleEvent) => {
    const at = performance.now();
    if (event.type === 'callback_answer') {
      const i = waitingCallback.get(event.answer.callback_query_id);
      if (i === undefined) return;
      waitingCallback.delete(event.answer.callback_query_id);
      answeredAt[i] = at;
      answered++;
      return;
    }
    if (event.type !== 'sent') return;
    const queue = waitingInChat.get(event.message.chat_id);
    const i = queue?.shift();
    if (i === undefined) return;
    answeredAt[i] = at;
    answered++;
  };
  const off = api.onEvent(onEvent);

  const offer = (i: number) => {
    const update = items[i]!.push() as unknown as { message?: { chat: { id: number } }; callback_query?: { id: string } };
    pushedAt[i] = performance.now();
    if (update.callback_query) waitingCallback.set(update.callback_query.id, i);
    else if (update.message) {
      const chatId = update.message.chat.id;
      const queue = waitingInChat.get(chatId);
      if (queue) queue.push(i);
      else waitingInChat.set(chatId, [i]);
    } else throw new Error('feed items must be messages or button presses');
  };

  const start = performance.now();
  try {
    if (opts.ratePerSec) {
      const gap = 1000 / opts.ratePerSec;
      for (let i = 0; i < items.length; i++) {
        const wait = start + i * gap - performance.now();
        if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
        offer(i);
      }
    } else {
      for (let i = 0; i < items.length; i++) offer(i);
    }
    const deadline = performance.now() + (opts.timeoutMs ?? 300_000);
    while (answered < items.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    off();
  }

  const latencies: number[] = [];
  const tagged = new Map<string, number[]>();
  let last = start;
  answeredAt.forEach((at, i) => {
    if (at === undefined) return;
    latencies.push(at - pushedAt[i]!);
    last = Math.max(last, at);
    const tag = items[i]!.tag;
    if (tag) tagged.set(tag, [...(tagged.get(tag) ?? []), at - pushedAt[i]!]);
  });
  const byTag: FeedResult['byTag'] = {};
  for (const [tag, list] of tagged) byTag[tag] = { n: list.length, p50: percentile(list, 50), p99: percentile(list, 99) };
  const drainSeconds = (last - start) / 1000;
  return {
    offered: items.length,
    answered,
    missing: items.length - answered,
    drainSeconds,
    perSecond: answered / drainSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    byTag,
  };
}

import type { BotApiDouble } from '../../src/telegram/api-double/index.js';
import { percentile } from './lib.js';

/**
 * Offers updates to a bot through the fake Bot API and matches each to the bot's answer: a
 * message update to the next message the bot sends to that chat, a button press to its
 * answerCallbackQuery. Latency runs from the moment the update is offered to the moment the
 * answer reaches the fake API (both on this process's clock).
 */
export type FeedItem =
  | { kind: 'message'; chatId: number; push: () => void }
  | { kind: 'callback'; callbackId: string; push: () => void };

export interface FeedResult {
  answered: number;
  missing: number;
  drainSeconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

const ANSWERS = new Set(['sendMessage', 'sendDocument', 'answerCallbackQuery']);

export async function runFeed(api: BotApiDouble, items: FeedItem[], opts: { ratePerSec?: number; timeoutMs?: number }): Promise<FeedResult> {
  const firstCall = api.calls.length;
  const pushedAt: number[] = new Array(items.length);
  const start = performance.now();
  if (opts.ratePerSec) {
    const gap = 1000 / opts.ratePerSec;
    for (let i = 0; i < items.length; i++) {
      const due = start + i * gap;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pushedAt[i] = performance.now();
      items[i]!.push();
    }
  } else {
    for (let i = 0; i < items.length; i++) {
      pushedAt[i] = performance.now();
      items[i]!.push();
    }
  }

  // Wait until every item has an answer (or the time is up).
  const byChat = new Map<number, number[]>();
  const byCallback = new Map<string, number>();
  items.forEach((item, i) => {
    if (item.kind === 'message') {
      const list = byChat.get(item.chatId) ?? [];
      list.push(i);
      byChat.set(item.chatId, list);
    } else byCallback.set(item.callbackId, i);
  });
  const answeredAt: (number | undefined)[] = new Array(items.length);
  let scanned = firstCall;
  let answered = 0;
  const chatCursor = new Map<number, number>();
  const scan = () => {
    const calls = api.calls;
    for (; scanned < calls.length; scanned++) {
      const call = calls[scanned]!;
      if (!ANSWERS.has(call.method) || call.status !== 200) continue;
      if (call.method === 'answerCallbackQuery') {
        const i = byCallback.get(String(call.payload.callback_query_id));
        if (i !== undefined && answeredAt[i] === undefined) {
          answeredAt[i] = call.at;
          answered++;
        }
        continue;
      }
      const chatId = Number(call.payload.chat_id);
      const list = byChat.get(chatId);
      if (!list) continue;
      let cursor = chatCursor.get(chatId) ?? 0;
      // The answer belongs to the oldest unanswered message of that chat offered before it.
      while (cursor < list.length && answeredAt[list[cursor]!] !== undefined) cursor++;
      const i = list[cursor];
      if (i !== undefined && pushedAt[i]! <= call.at) {
        answeredAt[i] = call.at;
        answered++;
        chatCursor.set(chatId, cursor + 1);
      }
    }
  };
  const deadline = performance.now() + (opts.timeoutMs ?? 300_000);
  while (answered < items.length && performance.now() < deadline) {
    scan();
    await new Promise((r) => setTimeout(r, 10));
  }
  scan();
  const latencies: number[] = [];
  let last = start;
  answeredAt.forEach((at, i) => {
    if (at === undefined) return;
    latencies.push(at - pushedAt[i]!);
    last = Math.max(last, at);
  });
  const drainSeconds = (last - start) / 1000;
  return {
    answered,
    missing: items.length - answered,
    drainSeconds,
    perSecond: answered / drainSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/**
 * Checking Telegram's rate limits on the requests the bot's sender let go (Harness.recordDepartures),
 * rather than on the fake API's arrival stamps, which bunch when the test process is busy.
 */
import type { Limits } from '../../src/dev/telegram-double/index.js';
import { EDIT_METHODS, SENDING_METHODS } from '../../src/telegram/sender/limits.js';
import type { Departure } from '../../src/telegram/sender/sender.js';

/** The largest number of `times` (ms) within any window of `ms`. */
export function maxInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const WINDOW_MS: Record<keyof Limits, number> = { perChatPerSec: 1000, perGroupPerMin: 60_000, globalPerSec: 1000, editsPerGroupPerMin: 60_000 };

/**
 * Each limit in `limits` (as the fake API enforces them) that the sends and group edits among
 * `departures` exceeded, with its fullest window, e.g. "globalPerSec: 31 in 1000 ms"; [] when none.
 */
export function limitsExceeded(departures: readonly Departure[], limits: Limits): string[] {
  const sends = departures.filter((d) => SENDING_METHODS.has(d.method));
  const groupEdits = departures.filter((d) => EDIT_METHODS.has(d.method) && isGroup(d));
  const counted: Record<keyof Limits, Departure[]> = {
    globalPerSec: sends,
    perChatPerSec: sends,
    perGroupPerMin: sends.filter(isGroup),
    editsPerGroupPerMin: groupEdits,
  };
  const out: string[] = [];
  for (const name of Object.keys(WINDOW_MS) as Array<keyof Limits>) {
    const limit = limits[name];
    if (limit === undefined) continue;
    const ms = WINDOW_MS[name];
    const fullest = name === 'globalPerSec' ? maxInWindow(counted[name].map((d) => d.at), ms) : fullestPerChat(counted[name], ms);
    if (fullest > limit) out.push(`${name}: ${fullest} in ${ms} ms`);
  }
  return out;
}

function fullestPerChat(list: readonly Departure[], ms: number): number {
  const byChat = new Map<string, number[]>();
  for (const d of list) {
    const key = String(d.chatId);
    byChat.set(key, [...(byChat.get(key) ?? []), d.at]);
  }
  return Math.max(0, ...[...byChat.values()].map((times) => maxInWindow(times, ms)));
}

function isGroup(d: Departure): boolean {
  return typeof d.chatId === 'string' || (d.chatId !== undefined && d.chatId < 0);
}

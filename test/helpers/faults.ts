/**
 * Fault injection for tests: requests to the telegram double answered 429, 5xx or 403, slowed
 * down or cut off, by method and chat, a given number of times. Built on the double's
 * interceptRequests; the double itself only knows how to act a fault out.
 */
import type { BotApiDouble, Fault } from '../../src/dev/telegram-double/index.js';

export interface FaultRule {
  method?: string | RegExp;
  chatId?: number;
  /** Default Infinity. Counts down on every match; the rule is removed at 0. */
  times?: number;
  fault: Fault;
}

function methodMatches(rule: FaultRule, method: string): boolean {
  if (rule.method === undefined) return true;
  if (typeof rule.method === 'string') return rule.method === method || rule.method.toLowerCase() === method.toLowerCase();
  rule.method.lastIndex = 0;
  return rule.method.test(method);
}

/** Adds a fault rule (rules are checked in the order they were added); returns a function that removes it. */
export function injectFault(double: BotApiDouble, rule: FaultRule): () => void {
  let remaining = rule.times ?? Number.POSITIVE_INFINITY;
  const remove = double.interceptRequests((method, payload) => {
    if (!methodMatches(rule, method)) return undefined;
    if (rule.chatId !== undefined && Number(payload.chat_id) !== rule.chatId) return undefined;
    remaining--;
    if (remaining <= 0) remove();
    return rule.fault;
  });
  return remove;
}

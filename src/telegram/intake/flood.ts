import type { Update } from 'telegraf/types';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { translator } from '../../i18n/index.js';
import type { Sender } from '../sender/sender.js';
import { orderingKey } from './ordering-key.js';

/** A flooded chat hears about skipped updates at most this often. */
const NOTICE_EVERY_MS = 10 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * What the dispatcher calls for each update it skipped because the chat had too many waiting:
 * one polite notice to that chat, then silence for ten minutes. Sent in the background; a
 * failure only costs the notice.
 */
export function floodNotice(sender: Sender, config: Config, clock: Clock): (update: Update) => void {
  const lastNotice = new Map<string, number>();
  const t = translator(config.DEFAULT_LANGUAGE);
  return (update) => {
    const key = orderingKey(update);
    if (!key.startsWith('c')) return;
    const now = clock.now().getTime();
    const last = lastNotice.get(key);
    if (last !== undefined && now - last < NOTICE_EVERY_MS) return;
    if (lastNotice.size >= MAX_TRACKED) lastNotice.clear();
    lastNotice.set(key, now);
    const message = (update as { message?: { message_thread_id?: number; is_topic_message?: boolean } }).message;
    const thread = message?.is_topic_message ? message.message_thread_id : undefined;
    void sender
      .call('sendMessage', { chat_id: Number(key.slice(1)), text: t('flood.chatBusy').toString(), ...(thread !== undefined ? { message_thread_id: thread } : {}) } as never)
      .catch(() => undefined);
  };
}

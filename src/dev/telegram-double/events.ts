/** What a handled Bot API call changed for users to see, as DoubleEvents (see BotApiDouble.onEvent). */
import type { Payload } from './methods/context.js';
import type { CallbackAnswer, DoubleEvent, StoredMessage } from './types.js';

export interface EventSources {
  /** The chat a payload's chat_id names, if the double knows it. */
  chatIdOf(chatId: unknown): number | undefined;
  message(chatId: number, messageId: number): StoredMessage | undefined;
  lastCallbackAnswer(): CallbackAnswer | undefined;
}

/** The events of one successful call of `method`, in order. */
export function eventsOf(method: string, payload: Payload, result: unknown, from: EventSources): DoubleEvent[] {
  const events: DoubleEvent[] = [];
  const chatId = from.chatIdOf(payload.chat_id);
  const stored = (id: unknown) => (chatId !== undefined && typeof id === 'number' ? from.message(chatId, id) : undefined);
  const resultId = (result as { message_id?: unknown } | null)?.message_id;
  switch (method) {
    case 'sendMessage':
    case 'sendDocument':
    case 'sendPhoto':
    case 'copyMessage':
    case 'forwardMessage': {
      const message = stored(resultId);
      if (message) events.push({ type: 'sent', message });
      break;
    }
    case 'editMessageText':
    case 'editMessageCaption':
    case 'editMessageReplyMarkup': {
      const message = stored(resultId);
      if (message) events.push({ type: 'edited', message });
      break;
    }
    case 'deleteMessage': {
      const message = stored(Number(payload.message_id));
      if (message) events.push({ type: 'deleted', message });
      break;
    }
    case 'deleteMessages':
      for (const id of Array.isArray(payload.message_ids) ? payload.message_ids : []) {
        const message = stored(Number(id));
        if (message?.deleted) events.push({ type: 'deleted', message });
      }
      break;
    case 'answerCallbackQuery': {
      const answer = from.lastCallbackAnswer();
      if (answer) events.push({ type: 'callback_answer', answer: { ...answer } });
      break;
    }
  }
  return events;
}

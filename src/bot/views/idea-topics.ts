import type { Html, Translate } from '../../i18n/index.js';
import type { Db } from '../../db/client.js';
import { clip } from '../../domain/ideas/fields.js';
import { setIdeaTopic } from '../../domain/ideas/forum.js';
import { loadIdeaCard } from '../../domain/ideas/card.js';
import type { Logger } from '../../logger.js';
import { ChatUnreachableError } from '../../telegram/sender/errors.js';
import type { Sender } from '../../telegram/sender/sender.js';
import { cardKeyboard } from '../keyboards/ideas.js';
import { renderCard, type ViewContext } from './ideas.js';

export type TopicFailure = 'rights' | 'notForum' | 'removed' | 'other';

export type TopicOutcome =
  | { ok: true; created: boolean; threadId: number }
  | { ok: false; reason: 'gone' }
  | { ok: false; reason: TopicFailure; description: string; transient: boolean };

/** Telegram's answer to a failed call, sorted into what a coordinator can act on. */
export function classifyTelegramError(err: unknown): { reason: TopicFailure; description: string; transient: boolean } {
  const e = err as { code?: unknown; description?: unknown; message?: unknown };
  const description = String(typeof e?.description === 'string' ? e.description : (e?.message ?? err)).slice(0, 200);
  if (/not enough rights|CHAT_ADMIN_REQUIRED|no rights|manage.?topics|RIGHT_FORBIDDEN/i.test(description)) return { reason: 'rights', description, transient: false };
  if (/not a forum|forum.*disabled|topics.*disabled|CHAT_NOT_FORUM|TOPICS?_DISABLED/i.test(description)) return { reason: 'notForum', description, transient: false };
  if (err instanceof ChatUnreachableError || e?.code === 403) return { reason: 'removed', description, transient: false };
  if (typeof e?.code === 'number' && e.code >= 400 && e.code < 500 && e.code !== 429) return { reason: 'other', description, transient: false };
  return { reason: 'other', description, transient: true };
}

/**
 * Gives an idea its discussion topic `#N Nama` in the ideas forum and opens it with the card.
 * The topic is recorded before the card is sent, so a retry never creates a second topic.
 */
export async function openIdeaTopic(
  deps: { sender: Sender; db: Db; logger: Logger },
  view: ViewContext,
  ideaId: number,
  chatId: number,
): Promise<TopicOutcome> {
  const data = await loadIdeaCard(deps.db, ideaId);
  if (!data) return { ok: false, reason: 'gone' };
  const { idea } = data;
  if (idea.topicChatId === chatId && idea.topicThreadId) return { ok: true, created: false, threadId: idea.topicThreadId };
  let threadId: number;
  try {
    // Topic names may have 128 characters; `#N ` plus a name of ≤ 120 nearly always fits.
    const topic = await deps.sender.call('createForumTopic', { chat_id: chatId, name: clip(`#${idea.id} ${idea.name}`, 128) });
    threadId = topic.message_thread_id;
  } catch (err) {
    return { ok: false, ...classifyTelegramError(err) };
  }
  await setIdeaTopic(deps.db, idea.id, chatId, threadId);
  try {
    await deps.sender.call('sendMessage', {
      chat_id: chatId,
      message_thread_id: threadId,
      text: renderCard(view, data).toString(),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      reply_markup: cardKeyboard(view.t, idea.id).reply_markup,
    });
  } catch (err) {
    // The topic exists and is linked: the discussion can start without the opening card.
    deps.logger.warn({ ideaId: idea.id, err: classifyTelegramError(err) }, 'could not post the card in the new idea topic');
  }
  return { ok: true, created: true, threadId };
}

/** Why a topic could not be opened, in the reader's words (the command's answer and the job's notice). */
export function failureReason(t: Translate, reason: TopicFailure, description: string): Html {
  switch (reason) {
    case 'rights':
      return t('ideas.forum.reason.rights');
    case 'notForum':
      return t('ideas.forum.reason.notForum');
    case 'removed':
      return t('ideas.forum.reason.removed');
    default:
      return t('ideas.forum.reason.other', { description });
  }
}

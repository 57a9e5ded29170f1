import type { OutboxRow } from '../db/schema/index.js';
import { getIdeaForum } from '../domain/ideas/forum.js';
import { findIdea, loadStageEvent, type StageEventView } from '../domain/ideas/ideas.js';
import { IDEA_KIND, IDEA_NOTICE_POLICY, type IdeaNoticePayload } from '../domain/ideas/notices.js';
import { isLastAttempt } from '../domain/jobs/policy.js';
import { findMember, languageFor } from '../domain/members.js';
import { html, translator, type Translate } from '../i18n/index.js';
import type { Job, JobContext } from './scheduler.js';
import { queueWorker, type OutboxHandler, type OutboxOutcome } from './worker.js';
import { ChatUnreachableError } from '../telegram/sender/errors.js';
import { classifyTelegramError, failureReason, openIdeaTopic } from '../bot/views/idea-topics.js';
import { stageLabel } from '../bot/views/ideas.js';

type Outcome = { done: true } | { done: false; error: string; transient: boolean };
type IdeaNotice = { ideaId: number; eventId: number | null; attempts: number };
const DONE: Outcome = { done: true };

function stageNotice(t: Translate, ev: StageEventView, kind: 'owner' | 'topic') {
  const actor = ev.actorName ?? t('ideas.card.someone').toString();
  const from = ev.from ? stageLabel(t, ev.from) : '—';
  const to = stageLabel(t, ev.to);
  const head = kind === 'owner' ? t('ideas.stage.ownerNotice', { id: ev.ideaId, name: ev.ideaName, from, to, actor }) : t('ideas.stage.topicNotice', { from, to, actor });
  return ev.note ? html`${head}\n${t('ideas.stage.noteLine', { note: ev.note })}` : head;
}

function failed(err: unknown): Outcome {
  // A member who blocked the bot is marked by the sender; there is nothing more to do.
  if (err instanceof ChatUnreachableError) return DONE;
  const c = classifyTelegramError(err);
  return { done: false, error: `${c.reason}: ${c.description}`, transient: c.transient };
}

async function send(jc: JobContext, chatId: number, text: string, threadId?: number): Promise<Outcome> {
  try {
    await jc.sender.call('sendMessage', {
      chat_id: chatId,
      text,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(threadId ? { message_thread_id: threadId } : {}),
    });
    return DONE;
  } catch (err) {
    return failed(err);
  }
}

async function notifyOwner(jc: JobContext, row: IdeaNotice): Promise<Outcome> {
  const ev = row.eventId ? await loadStageEvent(jc.database.db, row.eventId) : undefined;
  if (!ev) return DONE;
  const owner = await findMember(jc.database.db, ev.ownerId);
  if (!owner?.reachable) return DONE;
  const t = translator(languageFor(owner, undefined, jc.config.DEFAULT_LANGUAGE));
  return send(jc, owner.telegramId, stageNotice(t, ev, 'owner').toString());
}

async function announceInTopic(jc: JobContext, row: IdeaNotice): Promise<Outcome> {
  const ev = row.eventId ? await loadStageEvent(jc.database.db, row.eventId) : undefined;
  if (!ev?.topicChatId || !ev.topicThreadId) return DONE;
  const t = translator(jc.config.DEFAULT_LANGUAGE);
  return send(jc, ev.topicChatId, stageNotice(t, ev, 'topic').toString(), ev.topicThreadId);
}

/** Creates the topic; a lasting failure is explained to the coordinator who set the forum. */
async function createTopic(jc: JobContext, row: IdeaNotice): Promise<Outcome> {
  const db = jc.database.db;
  const forum = await getIdeaForum(db);
  if (!forum) return DONE;
  const { config } = jc;
  const view = { t: translator(config.DEFAULT_LANGUAGE), lang: config.DEFAULT_LANGUAGE, timeZone: config.TZ_NAME };
  const outcome = await openIdeaTopic({ sender: jc.sender, db, logger: jc.logger }, view, row.ideaId, forum.chatId);
  if (outcome.ok || outcome.reason === 'gone') return DONE;
  const lastTry = isLastAttempt(IDEA_NOTICE_POLICY.retry, row.attempts);
  if (outcome.transient && !lastTry) return { done: false, error: outcome.description, transient: true };
  const coordinator = forum.setBy ? await findMember(db, forum.setBy) : undefined;
  const idea = coordinator ? await findIdea(db, row.ideaId) : undefined;
  if (coordinator?.reachable && idea) {
    const t = translator(languageFor(coordinator, undefined, config.DEFAULT_LANGUAGE));
    const text = t('ideas.forum.topicFailed', { id: idea.id, name: idea.name, reason: failureReason(t, outcome.reason, outcome.description) });
    await send(jc, coordinator.telegramId, text.toString());
  }
  return { done: false, error: `${outcome.reason}: ${outcome.description}`, transient: false };
}

const handlers: Record<string, (jc: JobContext, row: IdeaNotice) => Promise<Outcome>> = {
  [IDEA_KIND.topic]: createTopic,
  [IDEA_KIND.stageOwner]: notifyOwner,
  [IDEA_KIND.stageTopic]: announceInTopic,
};

/** The lease of an ideas job; one job's sends fit well within it. */
const LEASE_MS = 60_000;
/** Time left on the lease below which no new job is started. */
const LEASE_MARGIN_MS = 25_000;

function toQueue(outcome: Outcome): OutboxOutcome {
  if (outcome.done) return { status: 'sent' };
  return outcome.transient ? { status: 'retry', outcome: outcome.error } : { status: 'failed', outcome: outcome.error };
}

/**
 * Sends what pitches and stage moves queued: forum topics, the owner's notice, the topic's
 * announcement. One after another (notices to a topic keep their order); transient failures are
 * retried by the kind's policy, lasting ones recorded with their reason.
 */
export function ideasOutboxJob(owner: string): Job {
  const run = (handler: (jc: JobContext, row: IdeaNotice) => Promise<Outcome>): OutboxHandler => async (row: OutboxRow, jc) => {
    const payload = row.payload as unknown as IdeaNoticePayload;
    const outcome = await handler(jc, { ideaId: payload.ideaId, eventId: payload.eventId, attempts: row.attempts });
    if (!outcome.done && (!outcome.transient || isLastAttempt(IDEA_NOTICE_POLICY.retry, row.attempts))) {
      jc.logger.warn({ jobId: row.id, kind: row.kind, ideaId: payload.ideaId, error: outcome.error }, 'idea notice gave up');
    }
    return toQueue(outcome);
  };
  return queueWorker({
    name: 'ideas-outbox',
    owner,
    leaseMs: LEASE_MS,
    batch: 10,
    handlers: Object.fromEntries(Object.entries(handlers).map(([kind, h]) => [kind, run(h)])),
    policies: Object.fromEntries(Object.values(IDEA_KIND).map((kind) => [kind, IDEA_NOTICE_POLICY])),
    sequential: { leaseMarginMs: LEASE_MARGIN_MS },
  });
}

import { eq } from 'drizzle-orm';
import { members, type IdeaOutboxRow } from '../../../db/schema/index.js';
import { getIdeaForum } from '../../../domain/ideas/forum.js';
import { findIdea, loadStageEvent, type StageEventView } from '../../../domain/ideas/ideas.js';
import { claimOutbox, markOutboxDone, markOutboxFailed, OUTBOX_LEASE_MS, OUTBOX_MAX_ATTEMPTS, pruneOutbox, releaseOutbox, retryOutboxLater } from '../../../domain/ideas/outbox.js';
import { languageFor } from '../../../domain/members.js';
import { html, translator, type Translate } from '../../../i18n/index.js';
import type { Job, JobContext } from '../../../jobs/scheduler.js';
import { ChatUnreachableError } from '../../../telegram/sender/errors.js';
import { failureReason } from './forum.js';
import { classifyTelegramError, openIdeaTopic } from './topics.js';
import { stageLabel } from '../../views/ideas.js';

type Outcome = { done: true } | { done: false; error: string; transient: boolean };
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

async function notifyOwner(jc: JobContext, row: IdeaOutboxRow): Promise<Outcome> {
  const ev = row.eventId ? await loadStageEvent(jc.database.db, row.eventId) : undefined;
  if (!ev) return DONE;
  const [owner] = await jc.database.db.select().from(members).where(eq(members.id, ev.ownerId));
  if (!owner?.reachable) return DONE;
  const t = translator(languageFor(owner, undefined, jc.config.DEFAULT_LANGUAGE));
  return send(jc, owner.telegramId, stageNotice(t, ev, 'owner').toString());
}

async function announceInTopic(jc: JobContext, row: IdeaOutboxRow): Promise<Outcome> {
  const ev = row.eventId ? await loadStageEvent(jc.database.db, row.eventId) : undefined;
  if (!ev?.topicChatId || !ev.topicThreadId) return DONE;
  const t = translator(jc.config.DEFAULT_LANGUAGE);
  return send(jc, ev.topicChatId, stageNotice(t, ev, 'topic').toString(), ev.topicThreadId);
}

/** Creates the topic; a lasting failure is explained to the coordinator who set the forum. */
async function createTopic(jc: JobContext, row: IdeaOutboxRow): Promise<Outcome> {
  const db = jc.database.db;
  const forum = await getIdeaForum(db);
  if (!forum) return DONE;
  const { config } = jc;
  const view = { t: translator(config.DEFAULT_LANGUAGE), lang: config.DEFAULT_LANGUAGE, timeZone: config.TZ_NAME };
  const outcome = await openIdeaTopic({ sender: jc.sender, db, logger: jc.logger }, view, row.ideaId, forum.chatId);
  if (outcome.ok || outcome.reason === 'gone') return DONE;
  const lastTry = row.attempts >= OUTBOX_MAX_ATTEMPTS;
  if (outcome.transient && !lastTry) return { done: false, error: outcome.description, transient: true };
  const [coordinator] = forum.setBy ? await db.select().from(members).where(eq(members.id, forum.setBy)) : [];
  const idea = coordinator ? await findIdea(db, row.ideaId) : undefined;
  if (coordinator?.reachable && idea) {
    const t = translator(languageFor(coordinator, undefined, config.DEFAULT_LANGUAGE));
    const text = t('ideas.forum.topicFailed', { id: idea.id, name: idea.name, reason: failureReason(t, outcome.reason, outcome.description) });
    await send(jc, coordinator.telegramId, text.toString());
  }
  return { done: false, error: `${outcome.reason}: ${outcome.description}`, transient: false };
}

const handlers: Record<IdeaOutboxRow['kind'], (jc: JobContext, row: IdeaOutboxRow) => Promise<Outcome>> = {
  topic: createTopic,
  stage_owner: notifyOwner,
  stage_topic: announceInTopic,
};

/**
 * Sends what pitches and stage moves queued: forum topics, the owner's notice, the topic's
 * announcement. Rows are claimed with a lease (two instances never send one twice); transient
 * failures are retried with a growing pause, lasting ones recorded with their reason.
 */
const KEEP_MS = 30 * 24 * 3600_000;
/** Time left on the lease below which no new row is started (one row's sends fit well within it). */
const LEASE_MARGIN_MS = 25_000;
let lastPrune = 0;

export const ideasOutboxJob: Job = {
  name: 'ideas-outbox',
  async run(jc) {
    const now = jc.clock.now();
    if (now.getTime() - lastPrune > 3600_000) {
      lastPrune = now.getTime();
      await pruneOutbox(jc.database.db, new Date(now.getTime() - KEEP_MS));
    }
    const rows = await claimOutbox(jc.database.db, now);
    // Rows go one by one, and a busy group's limit can make that slow: what is left when the lease
    // nears its end is given back, so another instance never takes a row while this one sends it.
    const giveBackAt = now.getTime() + OUTBOX_LEASE_MS - LEASE_MARGIN_MS;
    for (const [i, row] of rows.entries()) {
      if (jc.clock.now().getTime() >= giveBackAt) {
        await releaseOutbox(jc.database.db, rows.slice(i).map((r) => r.id));
        return Math.max(i, 1);
      }
      let outcome: Outcome;
      try {
        outcome = await handlers[row.kind](jc, row);
      } catch (err) {
        jc.logger.error({ outboxId: row.id, kind: row.kind, err: { type: (err as Error).name, message: (err as Error).message } }, 'idea notice failed');
        outcome = { done: false, error: (err as Error).name ?? 'error', transient: true };
      }
      const at = jc.clock.now();
      if (outcome.done) await markOutboxDone(jc.database.db, row.id, at);
      else if (outcome.transient && row.attempts < OUTBOX_MAX_ATTEMPTS) {
        await retryOutboxLater(jc.database.db, row.id, new Date(at.getTime() + 30_000 * 2 ** row.attempts), outcome.error);
      } else {
        await markOutboxFailed(jc.database.db, row.id, at, outcome.error);
        jc.logger.warn({ outboxId: row.id, kind: row.kind, ideaId: row.ideaId, error: outcome.error }, 'idea notice gave up');
      }
    }
    return rows.length;
  },
};

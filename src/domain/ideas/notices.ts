import type { NewJob } from '../jobs/queue.js';
import type { KindPolicy } from '../jobs/policy.js';

/** Job kinds of the Telegram work that follows a pitch or a stage move (sent by the ideas worker). */
export const IDEA_KIND = {
  /** Open the idea's forum topic. */
  topic: 'idea.topic',
  /** Tell the owner a coordinator moved their idea. */
  stageOwner: 'idea.stage_owner',
  /** Announce a stage move in the idea's topic. */
  stageTopic: 'idea.stage_topic',
} as const;
export type IdeaKind = (typeof IDEA_KIND)[keyof typeof IDEA_KIND];

/** 60 s doubling, five attempts (a topic Telegram keeps refusing is explained to the coordinator); finished ones kept 30 days. */
export const IDEA_NOTICE_POLICY: KindPolicy = { retry: { baseMs: 60_000, factor: 2, maxAttempts: 5 }, keepDays: 30 };

export interface IdeaNoticePayload {
  ideaId: number;
  eventId: number | null;
}

export const ideaRef = (ideaId: number) => `idea:${ideaId}`;

export function topicJob(ideaId: number, at: Date): NewJob {
  return { kind: IDEA_KIND.topic, ref: ideaRef(ideaId), dedupeKey: `idea-topic:${ideaId}`, dueAt: at, payload: { ideaId, eventId: null } };
}

export function stageJob(kind: typeof IDEA_KIND.stageOwner | typeof IDEA_KIND.stageTopic, ideaId: number, eventId: number, at: Date): NewJob {
  return { kind, ref: ideaRef(ideaId), dedupeKey: `${kind}:${eventId}`, dueAt: at, payload: { ideaId, eventId } };
}

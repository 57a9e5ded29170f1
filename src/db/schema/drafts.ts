import { bigint, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { ideas } from './ideas.js';
import { languages, members } from './members.js';

/** Where a draft's text came from: the built-in template writer or a language model. */
export const draftSources = ['template', 'model'] as const;
export type DraftSource = (typeof draftSources)[number];

/** Section texts keyed by the layout's field keys (`summary`, `adaptability.replicated`, …). */
export type DraftSections = Record<string, string>;

/** What a draft shows around its sections, fixed at build time so a resent version is identical. */
export interface DraftMeta {
  /** Header data in the layout's header order (values already in the draft's language). */
  header: { key: string; value: string }[];
  /** Warnings such as "implemented for less than the minimum time". */
  warnings: string[];
}

/** A stored proposal draft: one version per build, numbered per idea from 1. */
export const drafts = pgTable(
  'drafts',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    layoutId: text('layout_id').notNull(),
    language: text('language', { enum: languages }).notNull(),
    source: text('source', { enum: draftSources }).notNull(),
    /** The model's name when source = 'model'. */
    model: text('model'),
    sections: jsonb('sections').$type<DraftSections>().notNull(),
    meta: jsonb('meta').$type<DraftMeta>().notNull(),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    totalTokens: integer('total_tokens'),
    /** Why the model was not used although one is configured (timeout, http_500, malformed, …). */
    fallbackReason: text('fallback_reason'),
    requestedBy: integer('requested_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('drafts_idea_version_uq').on(t.ideaId, t.version)],
);

export type Draft = typeof drafts.$inferSelect;

export const draftRequestKinds = ['build', 'resend'] as const;
export type DraftRequestKind = (typeof draftRequestKinds)[number];
export const draftRequestStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type DraftRequestStatus = (typeof draftRequestStatuses)[number];

/**
 * A member's request for a draft (build) or a stored draft again (resend): the record of its status
 * (shown to the member, counted by the hourly quota) and result. The work is a job of the one
 * queue (kinds `draft.build` / `draft.resend`, ref `draft_request:<id>`), written with it.
 */
export const draftRequests = pgTable(
  'draft_requests',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: draftRequestKinds }).notNull(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    /** Private chat the draft is delivered to. */
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** The "menyusun draf…" message the worker edits as it goes. */
    progressMessageId: integer('progress_message_id'),
    language: text('language', { enum: languages }).notNull(),
    layoutId: text('layout_id').notNull(),
    /** Set once the draft is stored (build) or chosen (resend): delivery can resume after a crash. */
    draftId: integer('draft_id').references(() => drafts.id, { onDelete: 'set null' }),
    status: text('status', { enum: draftRequestStatuses }).notNull().default('queued'),
    error: text('error'),
    requestedAt: instant('requested_at').notNull(),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    index('draft_requests_status_idx').on(t.status, t.id),
    index('draft_requests_member_idx').on(t.memberId, t.requestedAt),
  ],
);

export type DraftRequest = typeof draftRequests.$inferSelect;

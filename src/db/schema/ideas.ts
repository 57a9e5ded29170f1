import { sql, type SQL } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, pgTable, primaryKey, serial, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';
import { createdAt, instant, updatedAt } from './columns.js';
import { members } from './members.js';

/** Stage codes (labels are localised). Order matters: it is the forward path. */
export const stages = ['pitched', 'discussed', 'initiative', 'trial', 'implemented', 'replicated', 'archived'] as const;
export type Stage = (typeof stages)[number];

/** Bentuk inovasi (PP 38/2017): tata kelola, pelayanan publik, lainnya. */
export const ideaForms = ['governance', 'public_service', 'other'] as const;
export type IdeaForm = (typeof ideaForms)[number];

/** PostgreSQL's tsvector, read as its text form (never selected on purpose: it is for searching). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const ideas = pgTable(
  'ideas',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** The acronym's expansion, e.g. "Gerakan Tanam Sayur di Lahan Pekarangan" for Getar Dilan. */
    expansion: text('expansion'),
    problem: text('problem'),
    solution: text('solution'),
    beneficiaries: text('beneficiaries'),
    /** The short text of a one-line pitch (`/usul Nama — ringkasan`). */
    summary: text('summary'),
    form: text('form', { enum: ideaForms }),
    digital: boolean('digital'),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => members.id),
    stage: text('stage', { enum: stages }).notNull().default('pitched'),
    /** Set when the idea enters trial / implemented (editable by coordinators): competitions ask for them. */
    trialStartedOn: date('trial_started_on', { mode: 'string' }),
    implementedOn: date('implemented_on', { mode: 'string' }),
    archivedReason: text('archived_reason'),
    /** Forum topic that is this idea's discussion thread, when the ideas forum is set. */
    topicChatId: bigint('topic_chat_id', { mode: 'number' }),
    topicThreadId: integer('topic_thread_id'),
    supportCount: integer('support_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    deletedAt: instant('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The searchable text, kept by PostgreSQL: ranking a search reads it instead of parsing every
     * matching idea's texts again (what made a common word cost a second at 100,000 ideas).
     */
    search: tsvector('search').generatedAlwaysAs((): SQL => ideaDocument(ideas)),
  },
  (t) => [
    index('ideas_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('ideas_agency_idx').on(t.agencyId, t.stage),
    index('ideas_agency_id_idx').on(t.agencyId, t.id.desc()),
    index('ideas_owner_idx').on(t.ownerId, t.id.desc()),
    index('ideas_stage_idx').on(t.stage, t.id.desc()),
    index('ideas_implemented_idx').on(t.implementedOn),
    index('ideas_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    // The typo fallback of /cari also matches expansions.
    index('ideas_expansion_trgm_idx').using('gin', sql`coalesce(${t.expansion}, '') gin_trgm_ops`),
    // ... and, last of all, the words of the other texts (a typo of a word only a summary holds).
    index('ideas_text_trgm_idx').using('gin', sql`(${ideaTextSql(t)}) gin_trgm_ops`),
    index('ideas_search_idx').using('gin', t.search),
    // Counting the list (capped) reads only this.
    index('ideas_live_idx').on(t.id.desc()).where(sql`deleted_at is null`),
    // The recap counts every live idea by agency, stage, pitch year and implementation year in one
    // scan of this index alone (a sequential scan of the table at 100,000 ideas otherwise).
    index('ideas_recap_idx').on(t.createdAt, t.agencyId, t.stage, t.implementedOn).where(sql`deleted_at is null`),
    index('ideas_topic_idx').on(t.topicChatId, t.topicThreadId),
  ],
);

export type Idea = typeof ideas.$inferSelect;

/**
 * The searchable text of an idea: the name (weight A, so a search can tell a hit in the name) and
 * the other texts. Stored in `ideas.search` and indexed; queries use ideaDocumentSql().
 */
function ideaDocument(t: {
  name: AnyPgColumn;
  expansion: AnyPgColumn;
  problem: AnyPgColumn;
  solution: AnyPgColumn;
  beneficiaries: AnyPgColumn;
  summary: AnyPgColumn;
}): SQL {
  return sql`setweight(to_tsvector('indonesian', coalesce(${t.name}, '')), 'A') || to_tsvector('indonesian', coalesce(${t.expansion}, '') || ' ' || coalesce(${t.summary}, '') || ' ' || coalesce(${t.problem}, '') || ' ' || coalesce(${t.solution}, '') || ' ' || coalesce(${t.beneficiaries}, ''))`;
}

/**
 * The idea's texts besides its name and expansion, as one string: what the typo fallback of /cari
 * compares a query with, by trigrams. The index `ideas_text_trgm_idx` is on exactly this expression.
 */
export function ideaTextSql(t: { summary: AnyPgColumn; problem: AnyPgColumn; solution: AnyPgColumn; beneficiaries: AnyPgColumn } = ideas): SQL {
  return sql`coalesce(${t.summary}, '') || ' ' || coalesce(${t.problem}, '') || ' ' || coalesce(${t.solution}, '') || ' ' || coalesce(${t.beneficiaries}, '')`;
}

/** The stored document of an idea, for search queries. */
export const ideaDocumentSql = (): SQL => sql`${ideas.search}`;

export const ideaSupports = pgTable(
  'idea_supports',
  {
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.memberId] })],
);

export const ideaComments = pgTable(
  'idea_comments',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => members.id),
    text: text('text').notNull(),
    /** Set when the comment came from a message in the idea's forum topic. */
    telegramMessageId: integer('telegram_message_id'),
    createdAt: createdAt(),
  },
  (t) => [index('idea_comments_idea_idx').on(t.ideaId, t.id)],
);

/** Every stage move: from, to, who, when, why. Written in the same transaction as the move. */
export const ideaStageEvents = pgTable(
  'idea_stage_events',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: stages }),
    toStage: text('to_stage', { enum: stages }).notNull(),
    actorId: integer('actor_id').references(() => members.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('idea_stage_events_idea_idx').on(t.ideaId, t.id), index('idea_stage_events_to_idx').on(t.toStage, t.createdAt)],
);

export const awardLevels = ['kabupaten', 'provinsi', 'nasional'] as const;
export type AwardLevel = (typeof awardLevels)[number];
export const competitions = ['KIPP', 'JIPP', 'IGA', 'other'] as const;
export type Competition = (typeof competitions)[number];

/** A competition entry or result; an idea can have many (one per competition per year). */
export const ideaAwards = pgTable(
  'idea_awards',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    level: text('level', { enum: awardLevels }).notNull(),
    competition: text('competition', { enum: competitions }).notNull(),
    year: integer('year').notNull(),
    result: text('result').notNull(),
    recordedBy: integer('recorded_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [index('idea_awards_idea_idx').on(t.ideaId), index('idea_awards_year_idx').on(t.year)],
);

export type IdeaAward = typeof ideaAwards.$inferSelect;

/** The forum supergroup whose topics are the ideas' discussion threads (at most one: the row keyed `true`). */
export const ideaForum = pgTable('idea_forum', {
  singleton: boolean('singleton').primaryKey().default(true),
  chatId: bigint('chat_id', { mode: 'number' }).notNull(),
  /** The coordinator who set it: told when a topic cannot be created. */
  setBy: integer('set_by').references(() => members.id),
  setAt: instant('set_at').notNull(),
});

import { boolean, index, integer, jsonb, pgTable, primaryKey, real, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from './columns.js';
import { ideas } from './ideas.js';
import { members } from './members.js';

/** KIPP (KemenPAN-RB), JIPP (the province's KIPP), IGA (Kemendagri), the district's own pre-selection. */
export const roundKinds = ['KIPP', 'JIPP', 'IGA', 'district'] as const;
export type RoundKind = (typeof roundKinds)[number];

export interface LocalizedText {
  id: string;
  en: string;
}

/** One dated step of a round's timetable (registration closes, TOP 30 announced, …). */
export interface RoundStage {
  key: string;
  label: LocalizedText;
  /** ISO date (yyyy-mm-dd, WITA) or null when not known yet. */
  date: string | null;
  /** True when the date comes from news or earlier years, not from the organiser's rules. */
  reported: boolean;
}

/** One step a candidate moves through; `award` steps record the result on the idea. */
export interface CandidateStep {
  key: string;
  label: LocalizedText;
  award?: boolean;
}

/** A competition round: data, not code (stages, dates, layout, passing grade). */
export const competitionRounds = pgTable('competition_rounds', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: roundKinds }).notNull(),
  year: integer('year').notNull(),
  /** kabupaten | provinsi | nasional (the awards' levels). */
  level: text('level', { enum: ['kabupaten', 'provinsi', 'nasional'] }).notNull(),
  layoutId: text('layout_id').notNull(),
  templateId: text('template_id'),
  stages: jsonb('stages').$type<RoundStage[]>().notNull(),
  steps: jsonb('steps').$type<CandidateStep[]>().notNull(),
  /** The stage whose date is the deadline the reminders count down to. */
  deadlineStage: text('deadline_stage').notNull().default('registration_close'),
  /** Days before the deadline on which owners are reminded. */
  reminderDays: jsonb('reminder_days').$type<number[]>().notNull(),
  passingGrade: real('passing_grade'),
  disagreementMargin: real('disagreement_margin').notNull().default(15),
  /** Bumped whenever dates change: reminder rows of an older revision are cancelled. */
  revision: integer('revision').notNull().default(1),
  scoringClosedAt: instant('scoring_closed_at'),
  shortlistSize: integer('shortlist_size'),
  createdBy: integer('created_by').references(() => members.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type CompetitionRound = typeof competitionRounds.$inferSelect;

export const competitionCandidates = pgTable(
  'competition_candidates',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => competitionRounds.id, { onDelete: 'cascade' }),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    shortlisted: boolean('shortlisted').notNull().default(false),
    registeredBy: integer('registered_by').references(() => members.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('competition_candidates_round_idea_uq').on(t.roundId, t.ideaId), index('competition_candidates_idea_idx').on(t.ideaId)],
);

export type CompetitionCandidate = typeof competitionCandidates.$inferSelect;

/** Every move of a candidate: from, to, who, when. */
export const candidateMoves = pgTable(
  'candidate_moves',
  {
    id: serial('id').primaryKey(),
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => competitionCandidates.id, { onDelete: 'cascade' }),
    fromStep: text('from_step'),
    toStep: text('to_step').notNull(),
    actorId: integer('actor_id').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [index('candidate_moves_candidate_idx').on(t.candidateId, t.id)],
);

export const roundAssessors = pgTable(
  'round_assessors',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => competitionRounds.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    addedBy: integer('added_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.memberId] })],
);

/** One assessor's score (1–10) and optional comment on one criterion of one candidate. */
export const candidateScores = pgTable(
  'candidate_scores',
  {
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => competitionCandidates.id, { onDelete: 'cascade' }),
    assessorId: integer('assessor_id')
      .notNull()
      .references(() => members.id),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.assessorId, t.criterion] })],
);

export type CandidateScore = typeof candidateScores.$inferSelect;

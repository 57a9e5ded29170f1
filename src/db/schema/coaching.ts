import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { ideas } from './ideas.js';
import { members } from './members.js';

/**
 * Coaches (pendamping) of an idea: several per idea, each assignment kept with who made it and
 * when; removing a coach closes the row (removedAt) instead of deleting it.
 */
export const ideaCoaches = pgTable(
  'idea_coaches',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    assignedBy: integer('assigned_by').references(() => members.id),
    assignedAt: instant('assigned_at').notNull(),
    removedBy: integer('removed_by').references(() => members.id),
    removedAt: instant('removed_at'),
  },
  (t) => [
    // One active assignment per coach and idea.
    uniqueIndex('idea_coaches_active_uq').on(t.ideaId, t.memberId).where(sql`removed_at is null`),
    index('idea_coaches_member_idx').on(t.memberId).where(sql`removed_at is null`),
  ],
);

export type IdeaCoach = typeof ideaCoaches.$inferSelect;

/** A coaching note (catatan pendampingan): part of the idea's history. */
export const coachingNotes = pgTable(
  'coaching_notes',
  {
    id: serial('id').primaryKey(),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => members.id),
    text: text('text').notNull(),
    /** The next coaching date set with this note, if any. */
    nextAt: instant('next_at'),
    createdAt: createdAt(),
  },
  (t) => [index('coaching_notes_idea_idx').on(t.ideaId, t.id)],
);

export type CoachingNote = typeof coachingNotes.$inferSelect;

/** The next coaching meeting of an idea (one per idea): reminders are planned from it. */
export const coachingSchedules = pgTable('coaching_schedules', {
  ideaId: integer('idea_id')
    .primaryKey()
    .references(() => ideas.id, { onDelete: 'cascade' }),
  nextAt: instant('next_at').notNull(),
  setBy: integer('set_by').references(() => members.id),
  setAt: instant('set_at').notNull(),
});

export type CoachingSchedule = typeof coachingSchedules.$inferSelect;

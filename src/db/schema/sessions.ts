import { boolean, date, index, integer, pgTable, primaryKey, serial, text, bigint, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from './columns.js';
import { ideas } from './ideas.js';
import { members } from './members.js';

export const sessionStatuses = ['scheduled', 'cancelled', 'done'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const recurrences = ['weekly', 'biweekly', 'monthly'] as const;
export type Recurrence = (typeof recurrences)[number];

/**
 * A Warkop Indah discussion session. A recurring series is stored as one row per occurrence
 * (sharing `seriesId`), so each meeting has its own RSVPs, reminders, minutes and attendance.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    /** Id of the series' first occurrence; null for a one-off session. */
    seriesId: integer('series_id'),
    title: text('title').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** A room, or an online meeting link. */
    place: text('place').notNull(),
    agenda: text('agenda'),
    /** Seats for "Hadir"; null = no limit. */
    capacity: integer('capacity'),
    recurrence: text('recurrence', { enum: recurrences }),
    /** Last local date (forum time zone) a recurring series may fall on. */
    recurrenceUntil: date('recurrence_until', { mode: 'string' }),
    status: text('status', { enum: sessionStatuses }).notNull().default('scheduled'),
    cancelReason: text('cancel_reason'),
    minutes: text('minutes'),
    minutesAt: instant('minutes_at'),
    minutesBy: integer('minutes_by').references(() => members.id),
    /** iCalendar UID (stable for the session's life) and SEQUENCE (bumped on every change). */
    uid: text('uid').notNull().unique(),
    sequence: integer('sequence').notNull().default(0),
    createdBy: integer('created_by')
      .notNull()
      .references(() => members.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_status_starts_idx').on(t.status, t.startsAt), index('sessions_series_idx').on(t.seriesId)],
);

export type Session = typeof sessions.$inferSelect;

export const rsvpAnswers = ['yes', 'maybe', 'no'] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

/** A member's answer. "yes" beyond the capacity waits in line: `waitlistedAt` orders the waitlist. */
export const sessionRsvps = pgTable(
  'session_rsvps',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    answer: text('answer', { enum: rsvpAnswers }).notNull(),
    waitlistedAt: instant('waitlisted_at'),
    /** Confirmed by a coordinator after the session: true attended, false did not, null not yet confirmed. */
    attended: boolean('attended'),
    attendanceBy: integer('attendance_by').references(() => members.id),
    answeredAt: instant('answered_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] }), index('session_rsvps_member_idx').on(t.memberId)],
);

export type SessionRsvp = typeof sessionRsvps.$inferSelect;

/** An answer given before registering (via the deep link); applied once the member has registered. */
export const pendingRsvps = pgTable(
  'pending_rsvps',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: rsvpAnswers }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.sessionId] })],
);

/** Ideas on a session's agenda, in the order they were added. */
export const sessionAgenda = pgTable(
  'session_agenda',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    addedBy: integer('added_by').references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.ideaId] })],
);

/**
 * An announcement message posted in a linked group. RSVP presses mark it dirty (`dirtySeq`) and
 * queue a refresh job (kind `session.refresh`); the job re-renders it (`renderedSeq`) no sooner
 * than the edit interval after `lastEditedAt`, so a burst of presses becomes one edit.
 */
export const sessionPosts = pgTable(
  'session_posts',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    threadId: integer('thread_id'),
    messageId: integer('message_id').notNull(),
    icsMessageId: integer('ics_message_id'),
    dirtySeq: integer('dirty_seq').notNull().default(0),
    renderedSeq: integer('rendered_seq').notNull().default(0),
    lastEditedAt: instant('last_edited_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('session_posts_session_chat_uq').on(t.sessionId, t.chatId)],
);

export type SessionPost = typeof sessionPosts.$inferSelect;

/** A member's own reminder offsets (`/pengingat`); no row = the configured defaults. */
export const reminderPrefs = pgTable('reminder_prefs', {
  memberId: integer('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  /** Canonical offsets such as `1d@16:00,1h`; null = the defaults. */
  offsets: text('offsets'),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: updatedAt(),
});

export type ReminderPref = typeof reminderPrefs.$inferSelect;

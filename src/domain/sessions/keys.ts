/**
 * Outbox kinds and dedupe keys of the session feature. A reminder's key carries the start time it
 * was planned for, so moving a session plans new keys and the old ones can never be revived.
 */
export const KIND = {
  /** Fans out into one `post` per linked group when due. */
  announce: 'session.announce',
  post: 'session.post',
  /** Fans out into one group `reminder` per linked group when due. */
  groupReminder: 'session.group_reminder',
  reminder: 'session.reminder',
  notice: 'session.notice',
  minutesPrompt: 'session.minutes_prompt',
  /** Re-renders one posted announcement (counts, agenda, changes); at most one waiting per post. */
  refresh: 'session.refresh',
} as const;

/** Kinds that depend on the start time: cancelled and planned again when the session moves. */
export const TIMED_KINDS = [KIND.groupReminder, KIND.reminder, KIND.minutesPrompt];

export const sessionRef = (id: number) => `session:${id}`;

export const keys = {
  announce: (id: number) => `announce:${id}`,
  post: (id: number, chatId: number) => `post:${id}:${chatId}`,
  groupReminder: (id: number, startsAt: Date, offset: string) => `grem:${id}:${startsAt.toISOString()}:${offset}`,
  memberReminder: (id: number, startsAt: Date, memberId: number, offset: string) => `rem:${id}:${startsAt.toISOString()}:m${memberId}:${offset}`,
  memberReminderPrefix: (id: number, startsAt: Date, memberId: number) => `rem:${id}:${startsAt.toISOString()}:m${memberId}:`,
  minutes: (id: number, startsAt: Date) => `minutes:${id}:${startsAt.toISOString()}`,
  notice: (id: number, sequence: number, type: string, chatId: number) => `notice:${id}:${sequence}:${type}:${chatId}`,
  once: (id: number, type: string, chatId: number, at: Date) => `notice:${id}:${type}:${chatId}:${at.getTime()}`,
};

export type NoticeType = 'changed' | 'cancelled' | 'promoted' | 'rsvp_applied' | 'rsvp_dropped';

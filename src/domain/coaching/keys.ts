/** Outbox kinds, subjects and dedupe keys of coaching. */
export const COACHING_KIND = {
  /** A private notice: a coach was assigned, or the owner is told of a note. */
  notice: 'coaching.notice',
  /** A reminder of the next coaching date, to a coach or the owner. */
  reminder: 'coaching.reminder',
  /** The weekly digest; fans out into one `digestTo` row per coordinator when due. */
  digest: 'coaching.digest',
  digestTo: 'coaching.digest_to',
} as const;

export const COACHING_REF = (ideaId: number) => `coaching:${ideaId}`;
export const DIGEST_REF = 'coaching:digest';

export const coachingKeys = {
  assigned: (assignmentId: number) => `coach-assigned:${assignmentId}`,
  note: (noteId: number, memberId: number) => `coach-note:${noteId}:m${memberId}`,
  /** Carries the date it was planned for: a moved date plans new keys, the old ones stay cancelled. */
  reminder: (ideaId: number, nextAt: Date, memberId: number, offset: string) => `coach-rem:${ideaId}:${nextAt.toISOString()}:m${memberId}:${offset}`,
  digest: (week: string) => `coach-digest:${week}`,
  digestTo: (week: string, memberId: number) => `coach-digest:${week}:m${memberId}`,
};

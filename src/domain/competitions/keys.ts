/** Outbox kinds and keys of competitions. A deadline reminder's key carries the round's date revision. */
export const COMP_KIND = {
  deadline: 'competition.deadline',
  /** Fans out into one `shortlistPost` per linked group when due. */
  shortlist: 'competition.shortlist',
  shortlistPost: 'competition.shortlist_post',
  feedback: 'competition.feedback',
  /** An owner's request to enter a round, to one coordinator, with an approve button. */
  request: 'competition.request',
  approved: 'competition.approved',
  /** Tells a member they were named an assessor. */
  assessor: 'competition.assessor',
} as const;

export const candidateRef = (candidateId: number) => `candidate:${candidateId}`;
export const roundRef = (roundId: number) => `round:${roundId}`;

export const compKeys = {
  deadline: (candidateId: number, revision: number, days: number) => `comp.deadline:c${candidateId}:r${revision}:d${days}`,
  shortlist: (roundId: number, at: Date) => `comp.shortlist:${roundId}:${at.getTime()}`,
  shortlistPost: (parentKey: string, chatId: number) => `${parentKey}:${chatId}`,
  feedback: (candidateId: number, closedAt: Date) => `comp.feedback:c${candidateId}:${closedAt.getTime()}`,
};

import { index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { ideas } from './ideas.js';
import { members } from './members.js';

/**
 * Co-authors of an idea, added by its owner (or a coordinator): they may draft its proposal like
 * the owner. Other features (evidence uploads, coaching) read the same list.
 */
export const ideaCollaborators = pgTable(
  'idea_collaborators',
  {
    ideaId: integer('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    addedBy: integer('added_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.memberId] }), index('idea_collaborators_member_idx').on(t.memberId)],
);

export type IdeaCollaborator = typeof ideaCollaborators.$inferSelect;

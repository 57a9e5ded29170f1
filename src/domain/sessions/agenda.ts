import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ideas, sessionAgenda, sessions, type Idea, type Session } from '../../db/schema/index.js';
import { markPostsDirty } from './posts.js';
import type { SessionSettings } from './settings.js';

export type AgendaResult =
  | { ok: true; session: Session; idea: Idea }
  | { ok: false; reason: 'session_not_found' | 'session_closed' | 'idea_not_found' | 'duplicate' | 'not_on_agenda' };

/** Puts an idea on (or, with `remove`, takes it off) a session's agenda; the announcements follow. */
export async function setAgendaIdea(
  db: Db,
  params: { sessionId: number; ideaId: number; memberId: number; remove?: boolean; settings: SessionSettings; now: Date },
): Promise<AgendaResult> {
  const { now } = params;
  return db.transaction(async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, params.sessionId)).for('update');
    if (!session) return { ok: false, reason: 'session_not_found' } as const;
    if (session.status !== 'scheduled') return { ok: false, reason: 'session_closed' } as const;
    const [idea] = await tx.select().from(ideas).where(and(eq(ideas.id, params.ideaId), isNull(ideas.deletedAt)));
    if (!idea) return { ok: false, reason: 'idea_not_found' } as const;
    if (params.remove) {
      const gone = await tx
        .delete(sessionAgenda)
        .where(and(eq(sessionAgenda.sessionId, session.id), eq(sessionAgenda.ideaId, idea.id)))
        .returning({ ideaId: sessionAgenda.ideaId });
      if (gone.length === 0) return { ok: false, reason: 'not_on_agenda' } as const;
    } else {
      const added = await tx
        .insert(sessionAgenda)
        .values({ sessionId: session.id, ideaId: idea.id, addedBy: params.memberId })
        .onConflictDoNothing()
        .returning({ ideaId: sessionAgenda.ideaId });
      if (added.length === 0) return { ok: false, reason: 'duplicate' } as const;
    }
    // The calendar entry lists the agenda, so it changes too.
    const [updated] = await tx
      .update(sessions)
      .set({ sequence: session.sequence + 1, updatedAt: now })
      .where(eq(sessions.id, session.id))
      .returning();
    await markPostsDirty(tx, session.id, now, params.settings.editIntervalMs);
    return { ok: true, session: updated!, idea } as const;
  });
}

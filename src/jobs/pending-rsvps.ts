import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { members, pendingRsvps } from '../db/schema/index.js';
import { enqueue } from '../domain/jobs/queue.js';
import { KIND, keys, sessionRef } from '../domain/sessions/keys.js';
import { answerRsvpIn } from '../domain/sessions/rsvp.js';
import type { SessionSettings } from '../domain/sessions/settings.js';
import type { Job } from './scheduler.js';

/**
 * Answers given before registering are recorded once the member has registered, each in the same
 * transaction as its confirmation message (an outbox row), so none is applied twice or lost.
 */
export function pendingRsvpJob(settings: SessionSettings): Job {
  return {
    name: 'pending-rsvps',
    async run(ctx) {
      const now = ctx.clock.now();
      return ctx.database.db.transaction(async (tx) => {
        const rows = await tx
          .select({ memberId: pendingRsvps.memberId, sessionId: pendingRsvps.sessionId, answer: pendingRsvps.answer, telegramId: members.telegramId })
          .from(pendingRsvps)
          .innerJoin(members, and(eq(members.id, pendingRsvps.memberId), isNotNull(members.registeredAt)))
          .orderBy(asc(pendingRsvps.createdAt))
          .limit(20)
          .for('update', { of: pendingRsvps, skipLocked: true });
        for (const r of rows) {
          const result = await answerRsvpIn(tx, {
            sessionId: r.sessionId,
            member: { id: r.memberId, telegramId: r.telegramId },
            answer: r.answer,
            settings,
            now,
          });
          const type = result.ok ? 'rsvp_applied' : 'rsvp_dropped';
          await enqueue(tx, [
            {
              kind: KIND.notice,
              ref: sessionRef(r.sessionId),
              dedupeKey: keys.once(r.sessionId, type, r.telegramId, now),
              chatId: r.telegramId,
              dueAt: now,
              payload: { sessionId: r.sessionId, type, memberId: r.memberId, answer: r.answer },
            },
          ]);
          await tx.delete(pendingRsvps).where(and(eq(pendingRsvps.memberId, r.memberId), eq(pendingRsvps.sessionId, r.sessionId)));
        }
        return rows.length;
      });
    },
  };
}

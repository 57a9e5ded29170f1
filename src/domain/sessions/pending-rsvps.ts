import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import type { RsvpAnswer } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { KIND, keys, sessionRef } from './keys.js';
import { answerRsvpIn } from './rsvp.js';
import type { SessionSettings } from './settings.js';

/**
 * Applies answers given before registering, for members who have registered since. Not a queue:
 * these rows wait on a condition (registration), not a time, and have no retries. Each batch is
 * one transaction that deletes the rows it applies, records each answer and enqueues its
 * confirmation, so none is applied twice or lost. The delete is the claim: an instance running the
 * same batch at once waits for the first and then finds those rows gone.
 */
export async function applyPendingRsvps(db: Db, settings: SessionSettings, now: Date, limit = 20): Promise<number> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(sql`delete from pending_rsvps p using members m
      where m.id = p.member_id and m.registered_at is not null
        and (p.member_id, p.session_id) in (
          select q.member_id, q.session_id from pending_rsvps q join members r on r.id = q.member_id and r.registered_at is not null
          order by q.created_at limit ${limit})
      returning p.member_id, p.session_id, p.answer, p.created_at, m.telegram_id`);
    const rows = rowsOf<{ member_id: number; session_id: number; answer: RsvpAnswer; created_at: string | Date; telegram_id: number | string }>(result).sort(
      (a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime(),
    );
    for (const r of rows) {
      const sessionId = Number(r.session_id);
      const memberId = Number(r.member_id);
      const telegramId = Number(r.telegram_id);
      const applied = await answerRsvpIn(tx, { sessionId, member: { id: memberId, telegramId }, answer: r.answer, settings, now });
      const type = applied.ok ? 'rsvp_applied' : 'rsvp_dropped';
      await enqueue(tx, [
        {
          kind: KIND.notice,
          ref: sessionRef(sessionId),
          dedupeKey: keys.once(sessionId, type, telegramId, now),
          chatId: telegramId,
          dueAt: now,
          payload: { sessionId, type, memberId, answer: r.answer },
        },
      ]);
    }
    return rows.length;
  });
}

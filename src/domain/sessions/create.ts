import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { sessions, type Member, type Session } from '../../db/schema/index.js';
import { parseIsoDate } from '../dates/zoned.js';
import { enqueue } from '../jobs/queue.js';
import { planSessionRows } from '../reminders/plan.js';
import type { SessionDraft } from './input.js';
import { KIND, keys, sessionRef } from './keys.js';
import { occurrences } from './recurrence.js';
import type { SessionSettings } from './settings.js';

export function newUid(): string {
  return `${randomUUID()}@warkop-indah`;
}

/**
 * Creates a session (or every occurrence of a series) with its outbox rows, inside the caller's
 * transaction (with the dialog's end and the update's once-marker): the announcement (the first
 * occurrence at once, each later one when the one before has ended, so groups see one upcoming
 * meeting at a time), the group reminders and the minutes reminder.
 */
export async function createSessionsIn(
  tx: Tx,
  draft: SessionDraft,
  creator: Pick<Member, 'id' | 'telegramId'>,
  settings: SessionSettings,
  now: Date,
): Promise<Session[]> {
  const until = draft.until ? (parseIsoDate(draft.until) ?? null) : null;
  const starts = occurrences(draft.startsAt, draft.recurrence, until, settings.timeZone);
  const durationMs = settings.durationMinutes * 60_000;
  const created: Session[] = [];
  for (const startsAt of starts) {
    const [row] = await tx
      .insert(sessions)
      .values({
        seriesId: created[0]?.id ?? null,
        title: draft.title,
        startsAt,
        endsAt: new Date(startsAt.getTime() + durationMs),
        place: draft.place,
        agenda: draft.agenda,
        capacity: draft.capacity,
        recurrence: starts.length > 1 ? draft.recurrence : null,
        recurrenceUntil: starts.length > 1 ? draft.until : null,
        uid: newUid(),
        createdBy: creator.id,
      })
      .returning();
    created.push(row!);
  }
  if (created.length > 1) {
    const [first] = await tx.update(sessions).set({ seriesId: created[0]!.id }).where(eq(sessions.id, created[0]!.id)).returning();
    created[0] = first!;
  }
  for (const [i, session] of created.entries()) {
    const previous = created[i - 1];
    await enqueue(tx, [
      {
        kind: KIND.announce,
        ref: sessionRef(session.id),
        dedupeKey: keys.announce(session.id),
        dueAt: previous ? previous.endsAt : now,
        payload: { sessionId: session.id },
      },
    ]);
    await planSessionRows(tx, session, creator.telegramId, settings, now);
  }
  return created;
}

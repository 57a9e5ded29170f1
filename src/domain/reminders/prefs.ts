import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { reminderPrefs, sessionRsvps, sessions, type Member } from '../../db/schema/index.js';
import type { SessionSettings } from '../sessions/settings.js';
import { formatOffsets, type ReminderOffset } from './offsets.js';
import { reconcileMemberReminders } from './plan.js';

export type PrefChoice = { kind: 'default' } | { kind: 'off' } | { kind: 'custom'; offsets: ReminderOffset[] };

/**
 * Saves a member's reminder choice and re-plans their reminders for every upcoming session they
 * answered, in one transaction, so the new choice applies at once.
 */
export async function setReminderPrefs(
  db: Db,
  member: Pick<Member, 'id' | 'telegramId'>,
  choice: PrefChoice,
  settings: SessionSettings,
  now: Date,
): Promise<void> {
  const values = {
    memberId: member.id,
    enabled: choice.kind !== 'off',
    offsets: choice.kind === 'custom' ? formatOffsets(choice.offsets) : null,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(reminderPrefs).values(values).onConflictDoUpdate({ target: reminderPrefs.memberId, set: values });
    const upcoming = await tx
      .select({ session: sessions })
      .from(sessionRsvps)
      .innerJoin(sessions, eq(sessions.id, sessionRsvps.sessionId))
      .where(
        and(
          eq(sessionRsvps.memberId, member.id),
          inArray(sessionRsvps.answer, ['yes', 'maybe']),
          eq(sessions.status, 'scheduled'),
          gt(sessions.startsAt, now),
        ),
      );
    for (const { session } of upcoming) await reconcileMemberReminders(tx, session, member, settings, now);
  });
}

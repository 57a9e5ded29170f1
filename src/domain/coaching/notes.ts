import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { coachingNotes, coachingSchedules, ideas, members, type CoachingNote, type Member } from '../../db/schema/index.js';
import { enqueue } from '../jobs/queue.js';
import { canWriteNote } from './coaches.js';
import { COACHING_KIND, COACHING_REF, coachingKeys } from './keys.js';
import { replanCoachingReminders, type CoachingReminderSettings } from './reminders.js';

export type NoteResult =
  | { ok: true; note: CoachingNote; idea: { id: number; name: string }; ownerNotified: boolean }
  | { ok: false; reason: 'idea_not_found' | 'archived' | 'not_allowed' | 'past_date' };

export interface NoteInput {
  ideaId: number;
  actor: Pick<Member, 'id' | 'role' | 'registeredAt'>;
  text: string;
  /** The next coaching date, when the note sets one. */
  nextAt?: Date | undefined;
  at: Date;
  settings: CoachingReminderSettings;
}

/**
 * Records a coaching note (coaches of the idea and coordinators). In one transaction: the note,
 * the next date (replacing an earlier one, whose reminders are cancelled), the reminders for the
 * coaches and the owner, and the owner's private notice.
 */
export async function addNoteIn(tx: Tx, input: NoteInput): Promise<NoteResult> {
  const [idea] = await tx
    .select({ id: ideas.id, name: ideas.name, ownerId: ideas.ownerId, stage: ideas.stage, ownerTelegramId: members.telegramId })
    .from(ideas)
    .innerJoin(members, eq(members.id, ideas.ownerId))
    .where(and(eq(ideas.id, input.ideaId), isNull(ideas.deletedAt)))
    .for('update', { of: ideas });
  if (!idea) return { ok: false, reason: 'idea_not_found' };
  if (!(await canWriteNote(tx, input.actor, idea.id))) return { ok: false, reason: 'not_allowed' };
  if (idea.stage === 'archived') return { ok: false, reason: 'archived' };
  if (input.nextAt && input.nextAt.getTime() <= input.at.getTime()) return { ok: false, reason: 'past_date' };
  const [note] = await tx
    .insert(coachingNotes)
    .values({ ideaId: idea.id, authorId: input.actor.id, text: input.text, nextAt: input.nextAt ?? null, createdAt: input.at })
    .returning();
  if (input.nextAt) {
    await tx
      .insert(coachingSchedules)
      .values({ ideaId: idea.id, nextAt: input.nextAt, setBy: input.actor.id, setAt: input.at })
      .onConflictDoUpdate({ target: coachingSchedules.ideaId, set: { nextAt: input.nextAt, setBy: input.actor.id, setAt: input.at } });
    await replanCoachingReminders(tx, idea.id, input.settings, input.at);
  }
  const ownerNotified = idea.ownerId !== input.actor.id;
  if (ownerNotified) {
    await enqueue(tx, [
      {
        kind: COACHING_KIND.notice,
        ref: COACHING_REF(idea.id),
        dedupeKey: coachingKeys.note(note!.id, idea.ownerId),
        chatId: idea.ownerTelegramId,
        dueAt: input.at,
        payload: { type: 'note', ideaId: idea.id, noteId: note!.id },
      },
    ]);
  }
  return { ok: true, note: note!, idea: { id: idea.id, name: idea.name }, ownerNotified };
}

export interface NoteView {
  id: number;
  ideaId: number;
  ideaName: string;
  text: string;
  nextAt: Date | null;
  at: Date;
  authorName: string;
}

/** One note with what its notice needs. */
export async function loadNote(db: DbOrTx, noteId: number): Promise<NoteView | undefined> {
  const [row] = await db
    .select({
      id: coachingNotes.id,
      ideaId: coachingNotes.ideaId,
      ideaName: ideas.name,
      text: coachingNotes.text,
      nextAt: coachingNotes.nextAt,
      at: coachingNotes.createdAt,
      full: members.fullName,
      first: members.firstName,
    })
    .from(coachingNotes)
    .innerJoin(ideas, eq(ideas.id, coachingNotes.ideaId))
    .innerJoin(members, eq(members.id, coachingNotes.authorId))
    .where(and(eq(coachingNotes.id, noteId), isNull(ideas.deletedAt)));
  if (!row) return undefined;
  const { full, first, ...rest } = row;
  return { ...rest, authorName: full ?? first };
}


/** The idea's next coaching date, if one is set. */
export async function nextCoachingAt(db: DbOrTx, ideaId: number): Promise<Date | undefined> {
  const [row] = await db.select({ nextAt: coachingSchedules.nextAt }).from(coachingSchedules).where(eq(coachingSchedules.ideaId, ideaId));
  return row?.nextAt;
}

import type { Message } from 'telegraf/types';
import { relativeStart } from '../bot/views/sessions.js';
import type { Config } from '../config.js';
import type { Member, NewOutboxRow, OutboxRow } from '../db/schema/index.js';
import { isCoach } from '../domain/coaching/coaches.js';
import { digestSlot, staleIdeas, type DigestSettings, type StaleIdea } from '../domain/coaching/digest.js';
import { COACHING_KIND, DIGEST_REF, coachingKeys } from '../domain/coaching/keys.js';
import { loadNote, nextCoachingAt } from '../domain/coaching/notes.js';
import { findIdea } from '../domain/ideas/ideas.js';
import { findMember, findMemberByTelegramId, languageFor, displayName, reachableCoordinators } from '../domain/members.js';
import { enqueue, laterJobDue } from '../domain/jobs/queue.js';
import { formatDateTime, formatShortDate } from '../i18n/format.js';
import { joinHtml, translator, type Html, type Translate } from '../i18n/index.js';
import type { OutboxHandler, OutboxOutcome } from './worker.js';
import type { Job, JobContext } from './scheduler.js';

/** Coaching's outbox rows: notices, reminders of the next coaching date, the weekly digest. */

const skipped = (outcome: string): OutboxOutcome => ({ status: 'skipped', outcome });
const sent: OutboxOutcome = { status: 'sent' };

export function digestSettings(config: Config): DigestSettings {
  return { timeZone: config.TZ_NAME, staleDays: config.COACHING_STALE_DAYS, weekday: config.COACHING_DIGEST_DAY, hour: config.COACHING_DIGEST_HOUR };
}

async function recipientOf(ctx: JobContext, row: OutboxRow): Promise<{ member: Member; t: Translate; lang: 'id' | 'en' } | undefined> {
  const member = await findMemberByTelegramId(ctx.database.db, row.chatId!);
  if (!member) return undefined;
  const lang = languageFor(member, undefined, ctx.config.DEFAULT_LANGUAGE);
  return { member, t: translator(lang), lang };
}

async function sendHtml(ctx: JobContext, chatId: number, text: Html): Promise<Message.TextMessage> {
  return ctx.sender.call('sendMessage', {
    chat_id: chatId,
    text: text.toString(),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
  } as never) as Promise<Message.TextMessage>;
}

function liveIdea(ctx: JobContext, ideaId: number) {
  return findIdea(ctx.database.db, ideaId);
}

interface NoticePayload {
  type: 'assigned' | 'note';
  ideaId: number;
  actorId?: number;
  noteId?: number;
}

/** A coach is told they were assigned; an owner is told of a coaching note. */
const notice: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as NoticePayload;
  const to = await recipientOf(ctx, row);
  if (!to) return skipped('no_member');
  if (!to.member.reachable) return skipped('unreachable');
  const { t, lang } = to;
  const tz = ctx.config.TZ_NAME;
  if (p.type === 'assigned') {
    const idea = await liveIdea(ctx, p.ideaId);
    if (!idea) return skipped('gone');
    if (!(await isCoach(ctx.database.db, idea.id, to.member.id))) return skipped('removed');
    const actor = p.actorId ? await findMember(ctx.database.db, p.actorId) : undefined;
    await sendHtml(ctx, row.chatId!, t('coaching.notice.assigned', { id: idea.id, name: idea.name, actor: actor ? displayName(actor) : '—' }));
    return sent;
  }
  const note = p.noteId ? await loadNote(ctx.database.db, p.noteId) : undefined;
  if (!note) return skipped('gone');
  const parts: Html[] = [t('coaching.notice.note', { id: note.ideaId, name: note.ideaName, author: note.authorName, text: note.text })];
  if (note.nextAt && note.nextAt.getTime() > ctx.clock.now().getTime()) parts.push(t('coaching.notice.next', { when: formatDateTime(note.nextAt, lang, tz) }));
  await sendHtml(ctx, row.chatId!, joinHtml(parts, ''));
  return sent;
};

interface ReminderPayload {
  ideaId: number;
  nextAt: string;
  memberId: number;
  offset: string;
}

/**
 * A reminder of the next coaching date. Sent only if the date is still the one it was planned for
 * and has not come yet (a reminder that came due while the bot was down goes out late, before the
 * meeting), to someone who is still a coach or the owner; of two missed ones only the later goes.
 */
const reminder: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as ReminderPayload;
  const now = ctx.clock.now();
  const idea = await liveIdea(ctx, p.ideaId);
  if (!idea || idea.stage === 'archived') return skipped('gone');
  const nextAt = await nextCoachingAt(ctx.database.db, idea.id);
  if (!nextAt || nextAt.toISOString() !== p.nextAt) return skipped('moved');
  if (nextAt.getTime() <= now.getTime()) return skipped('started');
  if (await laterJobDue(ctx.database.db, row, now)) return skipped('superseded');
  const to = await recipientOf(ctx, row);
  if (!to || to.member.id !== p.memberId) return skipped('no_member');
  if (!to.member.reachable) return skipped('unreachable');
  if (to.member.id !== idea.ownerId && !(await isCoach(ctx.database.db, idea.id, to.member.id))) return skipped('not_coach');
  const tz = ctx.config.TZ_NAME;
  await sendHtml(
    ctx,
    row.chatId!,
    to.t('coaching.reminder', { id: idea.id, name: idea.name, relative: relativeStart(to.t, nextAt, now, to.lang, tz), when: formatDateTime(nextAt, to.lang, tz) }),
  );
  return sent;
};

interface DigestPayload {
  week: string;
  ideas?: { id: number; name: string; agency: string; lastNoteAt: string | null; since: string }[];
  total?: number;
}

/** The week's digest falls due: one row per coordinator, with the list as it is now. */
const digest: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as DigestPayload;
  const settings = digestSettings(ctx.config);
  const { ideas: stale, total } = await staleIdeas(ctx.database.db, ctx.clock.now(), settings.staleDays);
  if (stale.length === 0) return skipped('none');
  const coordinators = await reachableCoordinators(ctx.database.db);
  const list = stale.map((s: StaleIdea) => ({ id: s.id, name: s.name, agency: s.agency, lastNoteAt: s.lastNoteAt?.toISOString() ?? null, since: s.since.toISOString() }));
  const now = ctx.clock.now();
  return {
    status: 'sent',
    outcome: `coordinators:${coordinators.length}`,
    children: coordinators.map(
      (c): NewOutboxRow => ({
        kind: COACHING_KIND.digestTo,
        ref: DIGEST_REF,
        dedupeKey: coachingKeys.digestTo(p.week, c.id),
        chatId: c.telegramId,
        dueAt: now,
        payload: { week: p.week, ideas: list, total },
      }),
    ),
  };
};

const digestTo: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as DigestPayload;
  const to = await recipientOf(ctx, row);
  if (!to) return skipped('no_member');
  if (!to.member.reachable) return skipped('unreachable');
  const { t, lang } = to;
  const tz = ctx.config.TZ_NAME;
  const list = p.ideas ?? [];
  const lines: Html[] = [t('coaching.digest.title', { days: ctx.config.COACHING_STALE_DAYS, count: p.total ?? list.length })];
  for (const i of list) {
    const last = i.lastNoteAt
      ? t('coaching.digest.lastNote', { date: formatShortDate(new Date(i.lastNoteAt), lang, tz) })
      : t('coaching.digest.noNote', { date: formatShortDate(new Date(i.since), lang, tz) });
    lines.push(t('coaching.digest.item', { id: i.id, name: i.name, agency: i.agency, last: last.toString() }));
  }
  if ((p.total ?? 0) > list.length) lines.push(t('coaching.digest.more', { n: (p.total ?? 0) - list.length }));
  lines.push(t('coaching.digest.hint'));
  await sendHtml(ctx, row.chatId!, joinHtml(lines, '\n'));
  return sent;
};

export const coachingOutboxHandlers: Record<string, OutboxHandler> = {
  [COACHING_KIND.notice]: notice,
  [COACHING_KIND.reminder]: reminder,
  [COACHING_KIND.digest]: digest,
  [COACHING_KIND.digestTo]: digestTo,
};

/**
 * Plans the weekly digest: once this week's slot has come and some coached idea has waited too
 * long, one outbox row keyed by the week. The key makes it idempotent across ticks, restarts and
 * instances; the memo only saves the queries.
 */
export function coachingDigestJob(config: Config): Job {
  const settings = digestSettings(config);
  let planned: string | undefined;
  return {
    name: 'coaching-digest',
    async run(ctx) {
      const now = ctx.clock.now();
      const slot = digestSlot(now, settings);
      if (planned === slot.week || now.getTime() < slot.dueAt.getTime()) return 0;
      // A week with nothing to report leaves no row behind.
      const { total } = await staleIdeas(ctx.database.db, now, settings.staleDays, 1);
      if (total > 0) await enqueue(ctx.database.db, [
        { kind: COACHING_KIND.digest, ref: DIGEST_REF, dedupeKey: coachingKeys.digest(slot.week), dueAt: slot.dueAt, payload: { week: slot.week } },
      ]);
      planned = slot.week;
      return 0;
    },
  };
}

import type { Message } from 'telegraf/types';
import type { Language, Member, NewOutboxRow, OutboxRow, RsvpAnswer, Session } from '../db/schema/index.js';
import { findMemberByTelegramId, languageFor } from '../domain/members.js';
import { activeLinkedChats } from '../domain/sessions/links.js';
import { KIND, keys, sessionRef } from '../domain/sessions/keys.js';
import { findPostIn, markPostsDirty, recordIcsMessage, recordPost } from '../domain/sessions/posts.js';
import { findRsvp, findSession, sessionView, waitlistPosition, type SessionView } from '../domain/sessions/queries.js';
import { reminderFacts, rsvpKey, type ReminderFacts } from '../domain/sessions/reminder-facts.js';
import { formatDateTime } from '../i18n/format.js';
import { joinHtml, translator, type Html, type Translate } from '../i18n/index.js';
import {
  announcement,
  answerLabel,
  detailLines,
  icsFor,
  placeHtml,
  reminderFields,
  rsvpKeyboard,
  when,
} from '../bot/views/sessions.js';
import { laterJobDue, recordStep } from '../domain/jobs/queue.js';
import type { BatchHandler, KindHandler, OutboxHandler, OutboxOutcome } from './worker.js';
import type { JobContext } from './scheduler.js';

interface Payload {
  sessionId: number;
  startsAt?: string;
  offset?: string;
  memberId?: number;
  group?: boolean;
  type?: string;
  field?: string;
  before?: unknown;
  reason?: string;
  replyTo?: number;
  answer?: RsvpAnswer;
}

const skipped = (outcome: string): OutboxOutcome => ({ status: 'skipped', outcome });
const sent: OutboxOutcome = { status: 'sent' };

/** A session that still takes reminders for the start time the row was planned for. */
function timedSkip(session: Session | undefined, payload: Pick<Payload, 'startsAt'>, now: Date): string | undefined {
  if (!session || session.status === 'cancelled') return 'cancelled';
  if (session.status === 'done') return 'done';
  if (payload.startsAt !== undefined && payload.startsAt !== session.startsAt.toISOString()) return 'moved';
  if (session.startsAt.getTime() <= now.getTime()) return 'started';
  return undefined;
}

interface Recipient {
  lang: Language;
  t: Translate;
  member?: Member | undefined;
}

async function recipient(ctx: JobContext, row: OutboxRow): Promise<Recipient> {
  const chatId = row.chatId!;
  const member = chatId > 0 ? await findMemberByTelegramId(ctx.database.db, chatId) : undefined;
  const lang = member ? languageFor(member, undefined, ctx.config.DEFAULT_LANGUAGE) : ctx.config.DEFAULT_LANGUAGE;
  return { lang, t: translator(lang), member };
}

function where(row: OutboxRow, threadId: number | null = row.threadId): { chat_id: number; message_thread_id?: number } {
  return { chat_id: row.chatId!, ...(threadId !== null ? { message_thread_id: threadId } : {}) };
}

async function sendHtml(ctx: JobContext, target: { chat_id: number; message_thread_id?: number }, text: Html, extra: Record<string, unknown> = {}): Promise<Message.TextMessage> {
  return ctx.sender.call('sendMessage', {
    ...target,
    text: text.toString(),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...extra,
  } as never) as Promise<Message.TextMessage>;
}

async function sendIcs(
  ctx: JobContext,
  target: { chat_id: number; message_thread_id?: number },
  t: Translate,
  view: SessionView,
  replyTo?: number,
  document = icsFor(t, view, ctx.config.TZ_NAME, ctx.clock.now()),
): Promise<Message.DocumentMessage> {
  return ctx.sender.call('sendDocument', {
    ...target,
    document,
    caption: t('sess.ann.icsCaption', { id: view.session.id }).toString(),
    parse_mode: 'HTML',
    // Multipart requests: telegraf 4.16 serialises only some object fields, so this one goes as JSON text.
    ...(replyTo ? { reply_parameters: JSON.stringify({ message_id: replyTo, allow_sending_without_reply: true }) } : {}),
  } as never) as Promise<Message.DocumentMessage>;
}

function seatedOrMaybe(rsvp: { answer: RsvpAnswer; waitlistedAt: Date | null } | undefined): boolean {
  return rsvp !== undefined && (rsvp.answer === 'maybe' || (rsvp.answer === 'yes' && rsvp.waitlistedAt === null));
}

function rsvpOf(ctx: JobContext, sessionId: number, memberId: number) {
  return findRsvp(ctx.database.db, sessionId, memberId);
}

/**
 * One child row per group linked when the parent row falls due, after the checks every group
 * fan-out shares (session still on, not started); `supersede` also skips a reminder overtaken by a later one.
 */
async function fanOutToGroups(
  row: OutboxRow,
  ctx: JobContext,
  child: (p: Payload, g: { chatId: number; threadId: number | null }, now: Date) => Omit<NewOutboxRow, 'chatId' | 'threadId' | 'dueAt'>,
  supersede = false,
): Promise<OutboxOutcome> {
  const p = row.payload as unknown as Payload;
  const now = ctx.clock.now();
  const session = await findSession(ctx.database.db, p.sessionId);
  const skip = timedSkip(session, p, now);
  if (skip) return skipped(skip);
  // Down past two reminder times: only the later one goes out.
  if (supersede && (await laterJobDue(ctx.database.db, row, now))) return skipped('superseded');
  const targets = await activeLinkedChats(ctx.database.db);
  return {
    status: 'sent',
    outcome: `groups:${targets.length}`,
    children: targets.map((g) => ({ ...child(p, g, now), chatId: g.chatId, threadId: g.threadId, dueAt: now })),
  };
}

/** Fan-out: one announcement row per group linked when the announcement falls due. */
const announce: OutboxHandler = (row, ctx) =>
  fanOutToGroups(row, ctx, (p, g) => ({
    kind: KIND.post,
    ref: sessionRef(p.sessionId),
    dedupeKey: keys.post(p.sessionId, g.chatId),
    payload: { sessionId: p.sessionId },
  }));

/**
 * The announcement in one group: the message with the buttons, then the calendar file under it.
 * Each step is recorded before the next, so a retry after a failure does not post twice.
 */
const post: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const view = await sessionView(db, p.sessionId);
  const skip = timedSkip(view?.session, p, now);
  if (skip || !view) return skipped(skip ?? 'cancelled');
  const lang = ctx.config.DEFAULT_LANGUAGE;
  const t = translator(lang);
  let existing = await findPostIn(db, p.sessionId, row.chatId!);
  if (!existing) {
    const { text, keyboard } = announcement(t, view, lang, ctx.config.TZ_NAME, now);
    const message = await sendHtml(ctx, where(row), text, keyboard ? { reply_markup: keyboard } : {});
    existing = await recordPost(db, { sessionId: p.sessionId, chatId: row.chatId!, threadId: row.threadId, messageId: message.message_id });
    if (!existing) return sent;
  }
  if (existing.icsMessageId === null) {
    const doc = await sendIcs(ctx, where(row), t, view, existing.messageId);
    await recordIcsMessage(db, existing.id, doc.message_id);
  }
  return sent;
};

/** Fan-out: one reminder per linked group, planned for the start time the session still has. */
const groupReminder: OutboxHandler = (row, ctx) =>
  fanOutToGroups(
    row,
    ctx,
    (p, g) => ({ kind: KIND.reminder, ref: row.ref, dedupeKey: `${row.dedupeKey}:${g.chatId}`, payload: { ...p, group: true } }),
    true,
  );

/**
 * A reminder to one member or one group. The batch's sessions, members, answers, superseding
 * reminders, and for groups their links and seat counts, are read once for all the reminders claimed together (reminderFacts), so a burst of
 * reminders costs a few statements per batch rather than several per reminder.
 */
const reminder: BatchHandler<ReminderFacts> = {
  preload: (rows, ctx) => reminderFacts(ctx.database.db, rows, ctx.clock.now()),
  async handle(row, ctx, facts) {
    const p = row.payload as unknown as Payload;
    const now = ctx.clock.now();
    const session = facts.sessions.get(p.sessionId);
    const skip = timedSkip(session, p, now);
    if (skip || !session) return skipped(skip ?? 'cancelled');
    if (facts.superseded.has(row.id)) return skipped('superseded');
    const tz = ctx.config.TZ_NAME;
    if (p.group) {
      const link = facts.links.get(row.chatId!);
      if (!link) return skipped('unlinked');
      const lang = ctx.config.DEFAULT_LANGUAGE;
      const t = translator(lang);
      const text = t('sess.reminder.group', { ...reminderFields(t, session, now, lang, tz), yes: facts.seated.get(session.id) ?? 0 });
      await sendHtml(ctx, where(row, link.threadId), text);
      return sent;
    }
    const member = row.chatId! > 0 ? facts.members.get(row.chatId!) : undefined;
    if (!member || member.id !== p.memberId) return skipped('no_member');
    if (!member.reachable) return skipped('unreachable');
    const rsvp = facts.rsvps.get(rsvpKey(session.id, member.id));
    if (!seatedOrMaybe(rsvp)) return skipped('not_attending');
    const lang = languageFor(member, undefined, ctx.config.DEFAULT_LANGUAGE);
    const t = translator(lang);
    const text = t('sess.reminder.member', { ...reminderFields(t, session, now, lang, tz), answer: answerLabel(t, rsvp!.answer) });
    // "Mungkin" is not an answer yet: the reminder carries the buttons to settle it.
    if (rsvp!.answer === 'maybe') {
      await sendHtml(ctx, where(row), joinHtml([text, t('sess.reminder.confirmMaybe')], '\n'), { reply_markup: rsvpKeyboard(t, session.id) });
    } else await sendHtml(ctx, where(row), text);
    return sent;
  },
};

function beforeText(t: Translate, field: string, before: unknown, lang: Language, tz: string): string {
  if (before === null || before === undefined || before === '') return t('common.none').toString();
  if (field === 'time' && typeof before === 'string') return formatDateTime(new Date(before), lang, tz);
  const text = String(before);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const notice: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_NAME;
  const view = await sessionView(db, p.sessionId);
  if (!view) return skipped('no_session');
  const { session } = view;
  const group = p.group === true;
  const r: Recipient = group ? { lang: ctx.config.DEFAULT_LANGUAGE, t: translator(ctx.config.DEFAULT_LANGUAGE) } : await recipient(ctx, row);
  const { lang, t } = r;
  if (!group && r.member && !r.member.reachable) return skipped('unreachable');
  const reply = group && p.replyTo ? { reply_parameters: { message_id: p.replyTo, allow_sending_without_reply: true } } : {};
  switch (p.type) {
    case 'changed': {
      const skip = timedSkip(session, {}, now);
      if (skip) return skipped(skip);
      const text = t('sess.notice.changed', {
        id: session.id,
        title: session.title,
        field: t(`sess.field.${p.field as 'title'}`).toString(),
        before: beforeText(t, p.field ?? '', p.before, lang, tz),
        details: joinHtml(detailLines(t, view, lang, tz), '\n'),
      });
      // The calendar file is built before anything is sent, and the notice is recorded before the
      // file goes out: a failure of the second step never sends the first again.
      const ics = group ? icsFor(t, view, tz, now) : undefined;
      let messageId = typeof row.payload.noticeMessageId === 'number' ? row.payload.noticeMessageId : undefined;
      if (messageId === undefined) {
        messageId = (await sendHtml(ctx, where(row), text, reply)).message_id;
        if (ics) await recordStep(ctx.database.db, row, { noticeMessageId: messageId });
      }
      if (ics) await sendIcs(ctx, where(row), t, view, messageId, ics);
      return sent;
    }
    case 'cancelled': {
      const text = t('sess.notice.cancelled', { id: session.id, title: session.title, when: when(session, lang, tz), reason: p.reason ?? '' });
      await sendHtml(ctx, where(row), text, reply);
      return sent;
    }
    case 'promoted': {
      const skip = timedSkip(session, {}, now);
      if (skip) return skipped(skip);
      const rsvp = await rsvpOf(ctx, session.id, p.memberId!);
      if (!rsvp || rsvp.answer !== 'yes' || rsvp.waitlistedAt !== null) return skipped('not_seated');
      const text = t('sess.notice.promoted', { id: session.id, title: session.title, when: when(session, lang, tz), place: placeHtml(t, session.place) });
      await sendHtml(ctx, where(row), text);
      return sent;
    }
    case 'rsvp_applied': {
      const position = p.answer === 'yes' ? await waitlistPosition(db, session.id, p.memberId!) : undefined;
      const text = t('sess.rsvp.applied', { id: session.id, title: session.title, answer: answerLabel(t, p.answer, position), when: when(session, lang, tz) });
      await sendHtml(ctx, where(row), text);
      return sent;
    }
    case 'rsvp_dropped':
      await sendHtml(ctx, where(row), t('sess.rsvp.dropped', { id: session.id, title: session.title }));
      return sent;
    default:
      return { status: 'failed', outcome: 'unknown_notice' };
  }
};

const minutesPrompt: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const session = await findSession(ctx.database.db, p.sessionId);
  if (!session || session.status !== 'scheduled') return skipped(session?.status ?? 'no_session');
  if (p.startsAt !== session.startsAt.toISOString()) return skipped('moved');
  // The announcements lose their buttons now that the session is over.
  await markPostsDirty(ctx.database.db, session.id, ctx.clock.now(), 0);
  const { t, member } = await recipient(ctx, row);
  if (member && !member.reachable) return skipped('unreachable');
  await sendHtml(ctx, where(row), t('sess.minutes.prompt', { id: session.id, title: session.title }));
  return sent;
};

export const sessionOutboxHandlers: Record<string, KindHandler> = {
  [KIND.announce]: announce,
  [KIND.post]: post,
  [KIND.groupReminder]: groupReminder,
  [KIND.reminder]: reminder,
  [KIND.notice]: notice,
  [KIND.minutesPrompt]: minutesPrompt,
};

import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { hasRole } from '../../../domain/permissions.js';
import { rsvpRefusal } from '../../../domain/sessions/rsvp.js';
import {
  answersOf,
  attendees,
  sessionView,
  upcomingSessions,
  waitlistPosition,
  type Attendee,
  type SessionView,
} from '../../../domain/sessions/queries.js';
import { formatShortDate, formatTime } from '../../../i18n/format.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { isPrivate } from '../../middlewares/guards.js';
import { replyHtml } from '../../reply.js';
import { parseNumber, sessionSpec } from './commands.js';
import { answerLabel, announcement, detailLines, icsFor, rsvpKeyboard } from '../../views/sessions.js';

const LIST_LIMIT = 10;

function byAgency(people: Attendee[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of people) groups.set(p.agency, [...(groups.get(p.agency) ?? []), p.name]);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Names by agency: coordinators only, and only in a private chat (a group would show them to all). */
async function attendeeBlocks(ctx: BotContext, sessionId: number): Promise<Html[]> {
  if (!isPrivate(ctx)) return [ctx.t('sess.detail.namesInPrivate')];
  const people = await attendees(ctx.db, sessionId);
  const seated = people.filter((p) => p.answer === 'yes' && !p.waitlisted);
  const waiting = people.filter((p) => p.answer === 'yes' && p.waitlisted);
  const maybe = people.filter((p) => p.answer === 'maybe');
  const blocks: Html[] = [];
  const agencyLines = (list: Attendee[]) => [...byAgency(list)].map(([agency, names]) => ctx.t('sess.detail.agencyLine', { agency, names: names.join(', ') }));
  blocks.push(seated.length ? joinHtml([ctx.t('sess.detail.attendees'), ...agencyLines(seated)], '\n') : ctx.t('sess.detail.noAttendees'));
  if (waiting.length) {
    blocks.push(joinHtml([ctx.t('sess.detail.waitlist'), ...waiting.map((p, i) => ctx.t('sess.detail.waitLine', { position: i + 1, name: p.name, agency: p.agency }))], '\n'));
  }
  if (maybe.length) blocks.push(joinHtml([ctx.t('sess.detail.maybe'), ...agencyLines(maybe)], '\n'));
  return blocks;
}

/** `/sesi S`: the details, the member's answer, and for coordinators who is coming. */
export async function renderDetail(ctx: BotContext, view: SessionView): Promise<{ text: Html; keyboard?: InlineKeyboardMarkup }> {
  const { session } = view;
  const tz = ctx.deps.config.TZ_NAME;
  const now = ctx.deps.clock.now();
  const blocks: Html[] = [];
  const state = announcement(ctx.t, view, ctx.lang, tz, now);
  blocks.push(joinHtml([ctx.t('sess.detail.header', { id: session.id, title: session.title }), ...detailLines(ctx.t, view, ctx.lang, tz)], '\n'));
  blocks.push(ctx.t('sess.ann.counts', view.counts));
  if (session.status === 'cancelled') blocks.push(ctx.t('sess.ann.cancelled', { reason: session.cancelReason ?? '' }));
  if (ctx.member) {
    const mine = (await answersOf(ctx.db, ctx.member.id, [session.id])).get(session.id);
    const position = mine?.waitlisted ? await waitlistPosition(ctx.db, session.id, ctx.member.id) : undefined;
    blocks.push(ctx.t('sess.detail.yourAnswer', { answer: answerLabel(ctx.t, mine?.answer, position) }));
  }
  if (hasRole(ctx.member, 'coordinator')) blocks.push(...(await attendeeBlocks(ctx, session.id)));
  if (session.minutes) blocks.push(ctx.t('sess.detail.minutes', { text: session.minutes }));
  const open = rsvpRefusal(session, now) === undefined;
  return { text: joinHtml(blocks, '\n\n'), ...(open && state.keyboard ? { keyboard: rsvpKeyboard(ctx.t, session.id) } : {}) };
}

async function list(ctx: BotContext): Promise<void> {
  const now = ctx.deps.clock.now();
  const tz = ctx.deps.config.TZ_NAME;
  const sessions = await upcomingSessions(ctx.db, now, LIST_LIMIT);
  if (sessions.length === 0) return void (await replyHtml(ctx, ctx.t('sess.list.none')));
  const answers = ctx.member ? await answersOf(ctx.db, ctx.member.id, sessions.map((s) => s.id)) : new Map();
  const lines: Html[] = [];
  for (const s of sessions) {
    const mine = answers.get(s.id);
    const position = mine?.waitlisted && ctx.member ? await waitlistPosition(ctx.db, s.id, ctx.member.id) : undefined;
    lines.push(
      ctx.t('sess.list.line', {
        id: s.id,
        when: `${formatShortDate(s.startsAt, ctx.lang, tz)} · ${formatTime(s.startsAt, ctx.lang, tz)}`,
        title: s.title,
        answer: answerLabel(ctx.t, mine?.answer, position),
      }),
    );
  }
  await replyHtml(ctx, joinHtml([ctx.t('sess.list.title'), joinHtml(lines, '\n'), ctx.t('sess.list.hint')], '\n\n'));
}

export function browseFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, sessionSpec('sesi'), async (ctx) => {
    const arg = ctx.payload.trim();
    if (!arg) return list(ctx);
    const id = parseNumber(arg);
    if (id === undefined) return replyHtml(ctx, ctx.t('sess.session.badNumber', { text: arg.slice(0, 40) }));
    const view = await sessionView(ctx.db, id);
    if (!view) return replyHtml(ctx, ctx.t('sess.session.notFound', { id: String(id) }));
    const { text, keyboard } = await renderDetail(ctx, view);
    await replyHtml(ctx, text, keyboard ? { reply_markup: keyboard } : {});
  });

  onCommand(composer, sessionSpec('kalender'), async (ctx) => {
    const arg = ctx.payload.trim();
    const id = parseNumber(arg);
    if (id === undefined) return replyHtml(ctx, arg ? ctx.t('sess.session.badNumber', { text: arg.slice(0, 40) }) : ctx.t('sess.calendar.usage'));
    const view = await sessionView(ctx.db, id);
    if (!view) return replyHtml(ctx, ctx.t('sess.session.notFound', { id: String(id) }));
    await ctx.replyWithDocument(icsFor(ctx.t, view, ctx.deps.config.TZ_NAME, ctx.deps.clock.now()), {
      caption: ctx.t('sess.calendar.caption', { id: view.session.id, title: view.session.title }).toString(),
      parse_mode: 'HTML',
    });
  });

  return composer;
}

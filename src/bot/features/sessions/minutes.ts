import { Composer, Markup } from 'telegraf';
import { label } from '../../keyboards/label.js';
import { moveIdeaStage } from '../../../domain/ideas/move.js';
import { ensureRole } from '../../middlewares/guards.js';
import { MINUTES_MAX, recordMinutes, toggleAttendance } from '../../../domain/sessions/minutes.js';
import { agendaIdeas, attendees, findSession } from '../../../domain/sessions/queries.js';
import { sessionSettings } from '../../../config.js';
import { joinHtml } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { parseNumber, sessionSpec } from './commands.js';

const PAGE = 10;

async function attendanceView(ctx: BotContext, sessionId: number, page: number) {
  const session = await findSession(ctx.db, sessionId);
  if (!session) return undefined;
  const people = (await attendees(ctx.db, sessionId)).filter((p) => !p.waitlisted);
  const pages = Math.max(1, Math.ceil(people.length / PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const slice = people.slice((current - 1) * PAGE, current * PAGE);
  const rows = slice.map((p) => [
    Markup.button.callback(
      label(ctx.t('sess.attendance.person', { mark: p.attended === true ? '✅' : p.attended === false ? '❌' : '⬜', name: p.name, agency: p.agency })),
      callbackData('s', 'att', sessionId, p.memberId, current),
    ),
  ]);
  const nav = [];
  if (current > 1) nav.push(Markup.button.callback(ctx.t('pager.prev').toString(), callbackData('s', 'attp', sessionId, current - 1)));
  if (current < pages) nav.push(Markup.button.callback(ctx.t('pager.next').toString(), callbackData('s', 'attp', sessionId, current + 1)));
  if (nav.length) rows.push(nav);
  const text = people.length
    ? ctx.t('sess.attendance.title', {
        id: session.id,
        title: session.title,
        confirmed: people.filter((p) => p.attended === true).length,
        total: people.length,
        page: current,
        pages,
      })
    : ctx.t('sess.attendance.none');
  return { session, text, keyboard: Markup.inlineKeyboard(rows) };
}

export function minutesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, sessionSpec('notulen'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [sessionWord] = words(payload);
    const sessionId = parseNumber(sessionWord);
    const text = sessionWord ? payload.slice(sessionWord.length).trim() : '';
    if (sessionId === undefined || !text) return replyHtml(ctx, ctx.t('sess.minutes.usage'));
    if (text.length > MINUTES_MAX) return replyHtml(ctx, ctx.t('sess.minutes.tooLong', { max: MINUTES_MAX }));
    const result = await recordMinutes(ctx.deps.database.db, {
      sessionId,
      text,
      memberId: ctx.member!.id,
      settings: sessionSettings(ctx.deps.config),
      now: ctx.deps.clock.now(),
    });
    if (!result.ok) {
      if (result.reason === 'not_found') return replyHtml(ctx, ctx.t('sess.session.notFound', { id: String(sessionId) }));
      return replyHtml(ctx, ctx.t(result.reason === 'cancelled' ? 'sess.minutes.cancelled' : 'sess.minutes.notStarted'));
    }
    ctx.deps.jobs?.wake();
    const saved = ctx.t(result.updated ? 'sess.minutes.updated' : 'sess.minutes.saved', { id: sessionId });
    if (result.toDiscuss.length === 0) return replyHtml(ctx, saved);
    const rows = result.toDiscuss.slice(0, 20).map((idea) => [
      Markup.button.callback(label(ctx.t('sess.minutes.moveOne', { id: idea.id, name: idea.name })), callbackData('s', 'disc', sessionId, idea.id)),
    ]);
    if (result.toDiscuss.length > 1) rows.push([Markup.button.callback(ctx.t('sess.minutes.moveAll').toString(), callbackData('s', 'disc', sessionId, 'all'))]);
    rows.push([Markup.button.callback(ctx.t('sess.minutes.keep').toString(), callbackData('s', 'disc', sessionId, 'none'))]);
    await replyHtml(ctx, joinHtml([saved, ctx.t('sess.minutes.askDiscuss')], '\n\n'), Markup.inlineKeyboard(rows));
  });

  // Moving agenda ideas to "Dibahas" after the minutes: only ideas on this session's agenda, by a coordinator.
  composer.action(/^s:disc:(\d{1,9}):(\d{1,9}|all|none)$/, async (ctx) => {
    if (!(await ensureRole(ctx, 'coordinator'))) return;
    const sessionId = Number(ctx.match[1]);
    const which = ctx.match[2]!;
    const session = await findSession(ctx.db, sessionId);
    if (!session || session.status !== 'done') return answer(ctx, ctx.t('guard.staleButton'), true);
    await answer(ctx);
    if (which === 'none') return editHtml(ctx, ctx.t('sess.minutes.kept'));
    const candidates = (await agendaIdeas(ctx.db, sessionId)).filter((i) => i.stage === 'pitched' && (which === 'all' || String(i.id) === which));
    const moved: string[] = [];
    for (const idea of candidates) {
      const result = await moveIdeaStage(ctx.deps.database.db, {
        ideaId: idea.id,
        to: 'discussed',
        actor: ctx.member!,
        note: `Sesi Warkop Indah #${sessionId}`,
        at: ctx.deps.clock.now(),
        timeZone: ctx.deps.config.TZ_NAME,
        expectedFrom: 'pitched',
      });
      if (result.ok) moved.push(`#${idea.id} ${idea.name}`);
    }
    const remaining = (await agendaIdeas(ctx.db, sessionId)).filter((i) => i.stage === 'pitched');
    const text = moved.length ? ctx.t('sess.minutes.moved', { ideas: moved.join(', ') }) : ctx.t('sess.minutes.nothingMoved');
    const rows = remaining.slice(0, 20).map((idea) => [
      Markup.button.callback(label(ctx.t('sess.minutes.moveOne', { id: idea.id, name: idea.name })), callbackData('s', 'disc', sessionId, idea.id)),
    ]);
    await editHtml(ctx, text, rows.length ? Markup.inlineKeyboard(rows) : {});
  });

  onCommand(composer, sessionSpec('kehadiran'), async (ctx) => {
    const sessionId = parseNumber(words(ctx.payload)[0]);
    if (sessionId === undefined) return replyHtml(ctx, ctx.t('sess.attendance.usage'));
    const view = await attendanceView(ctx, sessionId, 1);
    if (!view) return replyHtml(ctx, ctx.t('sess.session.notFound', { id: String(sessionId) }));
    if (view.session.status === 'cancelled') return replyHtml(ctx, ctx.t('sess.session.refused.cancelled'));
    if (view.session.startsAt.getTime() > ctx.deps.clock.now().getTime()) return replyHtml(ctx, ctx.t('sess.attendance.notStarted'));
    await replyHtml(ctx, view.text, view.keyboard);
  });

  composer.action(/^s:att:(\d{1,9}):(\d{1,9}):(\d{1,4})$/, async (ctx) => {
    if (!(await ensureRole(ctx, 'coordinator'))) return;
    const sessionId = Number(ctx.match[1]);
    const result = await toggleAttendance(ctx.deps.database.db, {
      sessionId,
      memberId: Number(ctx.match[2]),
      by: ctx.member!.id,
      now: ctx.deps.clock.now(),
    });
    if (!result.ok) {
      const key = result.reason === 'not_started' ? 'sess.attendance.notStarted' : result.reason === 'no_answer' ? 'sess.attendance.noAnswer' : 'guard.staleButton';
      return answer(ctx, ctx.t(key), true);
    }
    await answer(ctx);
    const view = await attendanceView(ctx, sessionId, Number(ctx.match[3]));
    if (view) await editHtml(ctx, view.text, view.keyboard);
  });

  composer.action(/^s:attp:(\d{1,9}):(\d{1,4})$/, async (ctx) => {
    if (!(await ensureRole(ctx, 'coordinator'))) return;
    await answer(ctx);
    const view = await attendanceView(ctx, Number(ctx.match[1]), Number(ctx.match[2]));
    if (view) await editHtml(ctx, view.text, view.keyboard);
  });

  return composer;
}

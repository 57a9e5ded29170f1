import { Composer } from 'telegraf';
import type { RsvpAnswer } from '../../../db/schema/index.js';
import { isRegistered } from '../../../domain/permissions.js';
import { findSession, sessionView } from '../../../domain/sessions/queries.js';
import { answerRsvp, hasPendingRsvp, keepPendingRsvp, rsvpRefusal } from '../../../domain/sessions/rsvp.js';
import { sessionSettings } from '../../../config.js';
import { stripTags, type Html } from '../../../i18n/index.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { deepLink } from '../../deep-links.js';
import { isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { startRegistration } from '../registration.js';
import { answerLabel, rsvpKeyboard } from '../../views/sessions.js';
import { renderDetail } from './browse.js';

const ANSWERS: Record<string, RsvpAnswer> = { y: 'yes', m: 'maybe', n: 'no' };

type Outcome = { text: Html; alert: boolean };

/** Records a registered member's answer and says what happened. */
async function record(ctx: BotContext, sessionId: number, value: RsvpAnswer): Promise<Outcome> {
  const member = ctx.member!;
  const result = await answerRsvp(ctx.deps.database.db, {
    sessionId,
    member,
    answer: value,
    settings: sessionSettings(ctx.deps.config),
    now: ctx.deps.clock.now(),
  });
  if (!result.ok) return { text: ctx.t(`sess.rsvp.refused.${result.reason}`), alert: true };
  // Only work due now needs the jobs at once (a wake runs a round of every worker's claim); a
  // refresh waiting out the edit interval, or reminders, are found by the next tick.
  if (result.wake) ctx.deps.jobs?.wake();
  if (!result.changed) {
    const position = result.waitlisted ? result.position : undefined;
    return { text: ctx.t('sess.rsvp.unchanged', { answer: answerLabel(ctx.t, value, position) }), alert: false };
  }
  if (result.waitlisted) {
    const position = result.position ?? 1;
    return { text: ctx.t('sess.rsvp.waitlisted', { id: sessionId, position }), alert: true };
  }
  return { text: ctx.t('sess.rsvp.recorded', { id: sessionId, answer: answerLabel(ctx.t, value) }), alert: false };
}

/** Someone not yet registered: keep the answer and send them to /daftar. Returns false if the session takes no answers. */
async function keep(ctx: BotContext, sessionId: number, value: RsvpAnswer): Promise<Outcome | undefined> {
  const session = await findSession(ctx.db, sessionId);
  const refusal = rsvpRefusal(session, ctx.deps.clock.now());
  if (refusal) return { text: ctx.t(`sess.rsvp.refused.${refusal}`), alert: true };
  await keepPendingRsvp(ctx.db, ctx.member!.id, sessionId, value);
  return undefined;
}

export function rsvpFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  // `/start rsvp_<S>_<y|m|n>`: the way in for members pressing a group button before registering.
  registries.deepLinks.register('rsvp', async (ctx, args) => {
    const [idText, code] = args;
    const sessionId = Number(idText);
    const value = code ? ANSWERS[code] : undefined;
    if (!/^\d{1,9}$/.test(idText ?? '') || !value || !ctx.member) return void (await replyHtml(ctx, ctx.t('start.unknownLink')));
    // Someone not yet registered who pressed a group button: the answer was kept with that press.
    const memberId = ctx.member.id;
    if (!isRegistered(ctx.member) && (await hasPendingRsvp(ctx.db, memberId, sessionId, value))) {
      await replyHtml(ctx, ctx.t('sess.rsvp.kept', { id: sessionId, answer: answerLabel(ctx.t, value) }));
      return void (await startRegistration(ctx));
    }
    // Otherwise a link records nothing by itself (it may be disguised as anything in a group):
    // the member confirms with the session's own buttons.
    const session = await findSession(ctx.db, sessionId);
    const refusal = rsvpRefusal(session, ctx.deps.clock.now());
    if (refusal || !session) return void (await replyHtml(ctx, ctx.t(`sess.rsvp.refused.${refusal ?? 'not_found'}`)));
    await replyHtml(ctx, ctx.t('rsvp.confirmLink', { id: sessionId, title: session.title, answer: answerLabel(ctx.t, value) }), { reply_markup: rsvpKeyboard(ctx.t, sessionId) });
  });

  composer.action(/^s:r:(\d{1,9}):([ymn])$/, async (ctx) => {
    const sessionId = Number(ctx.match[1]);
    const value = ANSWERS[ctx.match[2]!]!;
    if (!ctx.member) return answer(ctx, ctx.t('guard.staleButton'));
    if (!isRegistered(ctx.member)) {
      const refused = await keep(ctx, sessionId, value);
      if (refused) return answer(ctx, refused.text, true);
      if (isPrivate(ctx)) {
        await answer(ctx, ctx.t('sess.rsvp.registerFirst'));
        await replyHtml(ctx, ctx.t('sess.rsvp.kept', { id: sessionId, answer: answerLabel(ctx.t, value) }));
        return startRegistration(ctx);
      }
      // In a group: the button opens the private chat, where /start carries the answer.
      return void (await ctx.answerCbQuery(stripTags(ctx.t('sess.rsvp.registerFirst').toString()), { url: deepLink(ctx.me, 'rsvp', sessionId, ctx.match[2]!) }));
    }
    const outcome = await record(ctx, sessionId, value);
    await answer(ctx, outcome.text, outcome.alert);
    // A detail view in the private chat shows the member's answer: keep it current.
    if (isPrivate(ctx)) {
      const view = await sessionView(ctx.db, sessionId);
      if (view) {
        const { text, keyboard } = await renderDetail(ctx, view);
        await editHtml(ctx, text, keyboard ? { reply_markup: keyboard } : {});
      }
    }
  });

  return composer;
}

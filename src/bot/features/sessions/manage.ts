import { Composer, Markup } from 'telegraf';
import { z } from 'zod';
import { endConversation, getConversation, startConversation } from '../../../domain/conversations.js';
import { parseDateTime } from '../../../domain/dates/parse.js';
import { setAgendaIdea } from '../../../domain/sessions/agenda.js';
import { cancelSession, changeSession, refusal, type ChangeRefusal, type SessionChange } from '../../../domain/sessions/change.js';
import { findSession } from '../../../domain/sessions/queries.js';
import { checkAgenda, checkPlace, checkTitle, parseCapacity } from '../../../domain/sessions/input.js';
import { sessionSettings } from '../../../config.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand, words } from '../../commands/on-command.js';
import { callbackData } from '../../callback-data.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { ensureRole } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { parseNumber, sessionSpec } from './commands.js';
import { dateError, inputError } from '../../views/sessions.js';

const FIELDS: Record<string, SessionChange['field']> = {
  waktu: 'time', jadwal: 'time', tanggal: 'time', jam: 'time', time: 'time', date: 'time', when: 'time',
  tempat: 'place', lokasi: 'place', place: 'place', location: 'place',
  judul: 'title', title: 'title',
  agenda: 'agenda',
  kuota: 'capacity', kapasitas: 'capacity', capacity: 'capacity', quota: 'capacity',
};

function refusalText(ctx: BotContext, reason: ChangeRefusal, id: number): Html {
  switch (reason) {
    case 'not_found':
      return ctx.t('sess.session.notFound', { id: String(id) });
    case 'unchanged':
      return ctx.t('sess.edit.unchanged');
    default:
      return ctx.t(`sess.session.refused.${reason}`);
  }
}

/** Reads the new value of a field; an Html answer is the reason it was refused. */
function parseChange(ctx: BotContext, field: SessionChange['field'], value: string): SessionChange | Html {
  switch (field) {
    case 'time': {
      const when = parseDateTime(value, { now: ctx.deps.clock.now(), timeZone: ctx.deps.config.TZ_NAME });
      return when.ok ? { field, value: when.at } : dateError(ctx.t, when.reason);
    }
    case 'place': {
      const place = checkPlace(value);
      return place.ok ? { field, value: place.value } : inputError(ctx.t, place.error);
    }
    case 'title': {
      const title = checkTitle(value);
      return title.ok ? { field, value: title.value } : inputError(ctx.t, title.error);
    }
    case 'agenda': {
      const agenda = checkAgenda(value);
      return agenda.ok ? { field, value: agenda.value } : inputError(ctx.t, agenda.error);
    }
    case 'capacity': {
      const capacity = parseCapacity(value);
      return capacity.ok ? { field, value: capacity.value } : ctx.t(`sess.input.capacity.${capacity.reason}`);
    }
  }
}

const CANCEL_KIND = 'session_cancel';
const cancelSchema = z.object({ sessionId: z.number().int(), reason: z.string() });

function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

export function manageFeature(registries: BotRegistries): Composer<BotContext> {
  // Text typed while the confirmation waits: point to the buttons.
  registries.conversations.register(CANCEL_KIND, async (ctx) => {
    await replyHtml(ctx, ctx.t('sess.cancel.useButtons'));
  });
  const composer = new Composer<BotContext>();

  onCommand(composer, sessionSpec('agenda'), async (ctx) => {
    const [sessionWord, ideaWord, ...rest] = words(ctx.payload);
    const sessionId = parseNumber(sessionWord);
    const remove = ideaWord?.startsWith('-') ?? false;
    const ideaId = parseNumber(remove ? ideaWord!.slice(1) : ideaWord);
    if (sessionId === undefined || ideaId === undefined || rest.length) return replyHtml(ctx, ctx.t('sess.agenda.usage'));
    const result = await setAgendaIdea(ctx.deps.database.db, {
      sessionId,
      ideaId,
      memberId: ctx.member!.id,
      remove,
      settings: sessionSettings(ctx.deps.config),
      now: ctx.deps.clock.now(),
    });
    if (!result.ok) {
      switch (result.reason) {
        case 'session_not_found':
          return replyHtml(ctx, ctx.t('sess.session.notFound', { id: String(sessionId) }));
        case 'session_closed':
          return replyHtml(ctx, ctx.t('sess.agenda.closed'));
        case 'idea_not_found':
          return replyHtml(ctx, ctx.t('sess.agenda.ideaNotFound', { idea: String(ideaId) }));
        case 'duplicate':
          return replyHtml(ctx, ctx.t('sess.agenda.duplicate', { session: sessionId, idea: ideaId }));
        case 'not_on_agenda':
          return replyHtml(ctx, ctx.t('sess.agenda.notOnAgenda', { session: sessionId, idea: ideaId }));
      }
    }
    ctx.deps.jobs?.wake();
    const params = { session: sessionId, idea: ideaId, name: result.idea.name };
    await replyHtml(ctx, remove ? ctx.t('sess.agenda.removed', params) : ctx.t('sess.agenda.added', params));
  });

  onCommand(composer, sessionSpec('ubah_sesi'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [sessionWord, fieldWord] = words(payload);
    const sessionId = parseNumber(sessionWord);
    const field = fieldWord ? FIELDS[fieldWord.toLowerCase()] : undefined;
    const value = payload.replace(/^\S+\s+\S+\s*/, '');
    if (sessionId === undefined || !field || !value) return replyHtml(ctx, ctx.t('sess.edit.usage'));
    const change = parseChange(ctx, field, value);
    if (!('field' in change)) return replyHtml(ctx, change);
    const result = await changeSession(ctx.deps.database.db, {
      sessionId,
      change,
      settings: sessionSettings(ctx.deps.config),
      now: ctx.deps.clock.now(),
    });
    if (!result.ok) return replyHtml(ctx, refusalText(ctx, result.reason, sessionId));
    ctx.deps.jobs?.wake();
    const parts: Html[] = [ctx.t('sess.edit.done', { id: sessionId, field: ctx.t(`sess.field.${field}`).toString(), notified: result.notified })];
    if (result.promoted.length) parts.push(ctx.t('sess.edit.promoted', { count: result.promoted.length }));
    await replyHtml(ctx, joinHtml(parts, '\n'));
  });

  onCommand(composer, sessionSpec('batal_sesi'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [sessionWord] = words(payload);
    const sessionId = parseNumber(sessionWord);
    if (sessionId === undefined) return replyHtml(ctx, ctx.t('sess.cancel.usage'));
    const reason = payload.slice(sessionWord!.length).replace(/\s+/g, ' ').trim();
    if (reason.length < 3) return replyHtml(ctx, ctx.t('sess.cancel.reasonMissing'));
    // Refused at once when it cannot be cancelled; checked again when the coordinator confirms.
    const refused = refusal(await findSession(ctx.db, sessionId), ctx.deps.clock.now());
    if (refused) return replyHtml(ctx, refusalText(ctx, refused, sessionId));
    // Everyone who answered is told at once: ask first, as a broadcast does.
    await startConversation(ctx.db, keyOf(ctx), CANCEL_KIND, 'confirm', { sessionId, reason: reason.slice(0, 500) });
    await replyHtml(
      ctx,
      ctx.t('sess.cancel.confirm', { id: sessionId, reason: reason.slice(0, 500) }),
      Markup.inlineKeyboard([[Markup.button.callback(ctx.t('sess.cancel.yes').toString(), callbackData('s', 'cxy', sessionId)), Markup.button.callback(ctx.t('sess.cancel.no').toString(), callbackData('s', 'cxn'))]]),
    );
  });

  composer.action(/^s:cxy:(\d{1,9})$/, async (ctx) => {
    if (!(await ensureRole(ctx, 'coordinator'))) return;
    const sessionId = Number(ctx.match[1]);
    const conversation = await getConversation(ctx.db, keyOf(ctx));
    const pending = conversation?.kind === CANCEL_KIND ? cancelSchema.safeParse(conversation.data) : undefined;
    if (!pending?.success || pending.data.sessionId !== sessionId) return answer(ctx, ctx.t('sess.cancel.stale'), true);
    await endConversation(ctx.db, keyOf(ctx));
    const result = await cancelSession(ctx.deps.database.db, {
      sessionId,
      reason: pending.data.reason,
      settings: sessionSettings(ctx.deps.config),
      now: ctx.deps.clock.now(),
    });
    await answer(ctx);
    if (!result.ok) return editHtml(ctx, refusalText(ctx, result.reason, sessionId));
    ctx.deps.jobs?.wake();
    await editHtml(ctx, ctx.t('sess.cancel.done', { id: sessionId, notified: result.notified }));
  });

  composer.action(/^s:cxn$/, async (ctx) => {
    const conversation = await getConversation(ctx.db, keyOf(ctx));
    if (conversation?.kind === CANCEL_KIND) await endConversation(ctx.db, keyOf(ctx));
    await answer(ctx);
    await editHtml(ctx, ctx.t('sess.cancel.kept'));
  });

  return composer;
}

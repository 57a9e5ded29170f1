import { Composer, Markup } from 'telegraf';
import type { DbOrTx, Tx } from '../../../db/client.js';
import type { Conversation, Recurrence } from '../../../db/schema/index.js';
import { endConversation, getConversation, startConversation, updateConversation } from '../../../domain/conversations.js';
import { parseDateTime } from '../../../domain/dates/parse.js';
import { hasRole } from '../../../domain/permissions.js';
import { createSessionsIn } from '../../../domain/sessions/create.js';
import {
  checkAgenda,
  checkPlace,
  checkTitle,
  checkUntil,
  parseCapacity,
  parseOneLine,
  parseRecurrence,
  type SessionDraft,
} from '../../../domain/sessions/input.js';
import { activeLinkedChats } from '../../../domain/sessions/links.js';
import { sessionSettings } from '../../../config.js';
import { formatDateTime } from '../../../i18n/format.js';
import { html, joinHtml, type Html } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { coordinatorOnlyText } from '../../middlewares/guards.js';
import { once } from '../../once.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { sessionSpec } from './commands.js';
import { dateError, inputError, placeHtml, untilLabel } from '../../views/sessions.js';

const KIND = 'session_new';

interface DraftData {
  title?: string;
  startsAt?: string;
  place?: string;
  agenda?: string | null;
  capacity?: number | null;
  recurrence?: Recurrence | null;
  until?: string | null;
}

function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

function options(ctx: BotContext) {
  return { now: ctx.deps.clock.now(), timeZone: ctx.deps.config.TZ_NAME };
}

function toDraft(data: DraftData): SessionDraft {
  return {
    title: data.title!,
    startsAt: new Date(data.startsAt!),
    place: data.place!,
    agenda: data.agenda ?? null,
    capacity: data.capacity ?? null,
    recurrence: data.recurrence ?? null,
    until: data.until ?? null,
  };
}

function summary(ctx: BotContext, draft: SessionDraft): Html {
  const tz = ctx.deps.config.TZ_NAME;
  const lines: Html[] = [
    ctx.t('sess.ann.when', { when: formatDateTime(draft.startsAt, ctx.lang, tz) }),
    ctx.t('sess.ann.place', { place: placeHtml(ctx.t, draft.place) }),
  ];
  if (draft.agenda) lines.push(ctx.t('sess.ann.agenda', { agenda: draft.agenda }));
  lines.push(draft.capacity === null ? ctx.t('sess.new.noCapacity') : ctx.t('sess.new.capacity', { capacity: draft.capacity }));
  if (draft.recurrence && draft.until) {
    lines.push(ctx.t('sess.ann.recurrence', { label: ctx.t(`sess.recurrence.${draft.recurrence}`).toString(), until: untilLabel(draft.until, ctx.lang, tz) }));
  }
  return joinHtml([html`<b>${draft.title}</b>`, ...lines], '\n');
}

/** What a saved session (or series) reply needs; plain values, kept with the update's once-marker. */
interface Created {
  firstId: number;
  firstStartsAt: string;
  lastId: number;
  count: number;
  until: string | null;
}

async function saveSessions(ctx: BotContext, tx: Tx, draft: SessionDraft, now: Date): Promise<Created> {
  const created = await createSessionsIn(tx, draft, ctx.member!, sessionSettings(ctx.deps.config), now);
  return { firstId: created[0]!.id, firstStartsAt: created[0]!.startsAt.toISOString(), lastId: created.at(-1)!.id, count: created.length, until: draft.until };
}

async function createdText(ctx: BotContext, created: Created): Promise<Html> {
  ctx.deps.jobs?.wake();
  const tz = ctx.deps.config.TZ_NAME;
  const groups = (await activeLinkedChats(ctx.db)).length;
  const parts: Html[] = [ctx.t('sess.new.created', { id: created.firstId, when: formatDateTime(new Date(created.firstStartsAt), ctx.lang, tz), groups })];
  if (created.count > 1) {
    parts.push(
      ctx.t('sess.new.createdSeries', { count: created.count, first: created.firstId, last: created.lastId, until: untilLabel(created.until!, ctx.lang, tz) }),
    );
  }
  return joinHtml(parts, '\n\n');
}

const capacityKeyboard = (ctx: BotContext) =>
  Markup.inlineKeyboard([[Markup.button.callback(ctx.t('sess.new.noLimit').toString(), callbackData('s', 'nw', 'cap', 'none'))]]);

const recurrenceKeyboard = (ctx: BotContext) =>
  Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('sess.new.once').toString(), callbackData('s', 'nw', 'rec', 'none'))],
    [
      Markup.button.callback(ctx.t('sess.recurrence.button.weekly').toString(), callbackData('s', 'nw', 'rec', 'weekly')),
      Markup.button.callback(ctx.t('sess.recurrence.button.biweekly').toString(), callbackData('s', 'nw', 'rec', 'biweekly')),
      Markup.button.callback(ctx.t('sess.recurrence.button.monthly').toString(), callbackData('s', 'nw', 'rec', 'monthly')),
    ],
  ]);

const confirmKeyboard = (ctx: BotContext) =>
  Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('sess.new.save').toString(), callbackData('s', 'nw', 'ok'))],
    [Markup.button.callback(ctx.t('sess.new.discard').toString(), callbackData('s', 'nw', 'no'))],
  ]);

async function askConfirm(ctx: BotContext, data: DraftData): Promise<void> {
  await updateConversation(ctx.db, keyOf(ctx), 'confirm', data as Record<string, unknown>);
  await replyHtml(ctx, ctx.t('sess.new.summary', { details: summary(ctx, toDraft(data)) }), confirmKeyboard(ctx));
}

async function afterRecurrence(ctx: BotContext, data: DraftData, recurrence: Recurrence | 'none'): Promise<void> {
  if (recurrence === 'none') return askConfirm(ctx, { ...data, recurrence: null, until: null });
  await updateConversation(ctx.db, keyOf(ctx), 'until', { ...data, recurrence } as Record<string, unknown>);
  await replyHtml(ctx, ctx.t('sess.new.askUntil', { label: ctx.t(`sess.recurrence.${recurrence}`).toString() }));
}

async function onText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  if (!hasRole(ctx.member, 'coordinator')) {
    await endConversation(ctx.db, keyOf(ctx));
    await replyHtml(ctx, await coordinatorOnlyText(ctx));
    return;
  }
  const data = conversation.data as DraftData;
  const next = (step: string, patch: DraftData) => updateConversation(ctx.db, keyOf(ctx), step, { ...data, ...patch } as Record<string, unknown>);
  switch (conversation.step) {
    case 'title': {
      const title = checkTitle(text);
      if (!title.ok) return void (await replyHtml(ctx, inputError(ctx.t, title.error)));
      await next('when', { title: title.value });
      return void (await replyHtml(ctx, ctx.t('sess.new.askWhen', { title: title.value })));
    }
    case 'when': {
      const when = parseDateTime(text, options(ctx));
      if (!when.ok) return void (await replyHtml(ctx, dateError(ctx.t, when.reason)));
      await next('place', { startsAt: when.at.toISOString() });
      return void (await replyHtml(ctx, ctx.t('sess.new.askPlace', { when: formatDateTime(when.at, ctx.lang, ctx.deps.config.TZ_NAME) })));
    }
    case 'place': {
      const place = checkPlace(text);
      if (!place.ok) return void (await replyHtml(ctx, inputError(ctx.t, place.error)));
      await next('agenda', { place: place.value });
      return void (await replyHtml(ctx, ctx.t('sess.new.askAgenda')));
    }
    case 'agenda': {
      const agenda = checkAgenda(text);
      if (!agenda.ok) return void (await replyHtml(ctx, inputError(ctx.t, agenda.error)));
      await next('capacity', { agenda: agenda.value });
      return void (await replyHtml(ctx, ctx.t('sess.new.askCapacity'), capacityKeyboard(ctx)));
    }
    case 'capacity': {
      const capacity = parseCapacity(text);
      if (!capacity.ok) return void (await replyHtml(ctx, ctx.t(`sess.input.capacity.${capacity.reason}`), capacityKeyboard(ctx)));
      await next('recurrence', { capacity: capacity.value });
      return void (await replyHtml(ctx, ctx.t('sess.new.askRecurrence'), recurrenceKeyboard(ctx)));
    }
    case 'recurrence': {
      const recurrence = parseRecurrence(text);
      if (!recurrence) return void (await replyHtml(ctx, ctx.t('sess.input.recurrence'), recurrenceKeyboard(ctx)));
      return afterRecurrence(ctx, data, recurrence);
    }
    case 'until': {
      const until = checkUntil(text, new Date(data.startsAt!), options(ctx));
      if (!until.ok) return void (await replyHtml(ctx, inputError(ctx.t, until.error)));
      return askConfirm(ctx, { ...data, until: until.value });
    }
    default:
      await replyHtml(ctx, ctx.t('sess.new.useButtons'));
  }
}

/** The dialog state, if this button belongs to a step the dialog is still at. */
async function dialogAt(ctx: BotContext, step: string, db: DbOrTx = ctx.db): Promise<DraftData | undefined> {
  if (!ctx.chat || !ctx.from || !hasRole(ctx.member, 'coordinator')) return undefined;
  const conversation = await getConversation(db, keyOf(ctx));
  return conversation?.kind === KIND && conversation.step === step ? (conversation.data as DraftData) : undefined;
}

export function newSessionFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(KIND, onText);

  onCommand(composer, sessionSpec('sesi_baru'), async (ctx) => {
    const payload = ctx.payload.trim();
    if (payload) {
      const parsed = parseOneLine(payload, options(ctx));
      if (!parsed.ok) return replyHtml(ctx, parsed.error.field === 'usage' ? ctx.t('sess.new.usage') : joinHtml([inputError(ctx.t, parsed.error), ctx.t('sess.new.usage')], '\n\n'));
      const now = ctx.deps.clock.now();
      const { value: created } = await once(ctx, 'session.create', (tx) => saveSessions(ctx, tx, parsed.value, now));
      return replyHtml(ctx, await createdText(ctx, created));
    }
    await startConversation(ctx.db, keyOf(ctx), KIND, 'title', {});
    await replyHtml(ctx, ctx.t('sess.new.askTitle'));
  });

  composer.action(/^s:nw:cap:none$/, async (ctx) => {
    const data = await dialogAt(ctx, 'capacity');
    if (!data) return answer(ctx, ctx.t('sess.new.stale'), true);
    await answer(ctx);
    await updateConversation(ctx.db, keyOf(ctx), 'recurrence', { ...data, capacity: null } as Record<string, unknown>);
    await replyHtml(ctx, ctx.t('sess.new.askRecurrence'), recurrenceKeyboard(ctx));
  });

  composer.action(/^s:nw:rec:(none|weekly|biweekly|monthly)$/, async (ctx) => {
    const data = await dialogAt(ctx, 'recurrence');
    if (!data) return answer(ctx, ctx.t('sess.new.stale'), true);
    await answer(ctx);
    await afterRecurrence(ctx, data, ctx.match[1] as Recurrence | 'none');
  });

  composer.action(/^s:nw:(ok|no)$/, async (ctx) => {
    const save = ctx.match[1] === 'ok';
    const now = ctx.deps.clock.now();
    // Read, closed and saved in one transaction: apart, a crash in between would lose the session, and
    // a re-run of this press must answer with the session it created rather than "expired".
    const { value: outcome } = await once(ctx, 'session.create', async (tx) => {
      const data = await dialogAt(ctx, 'confirm', tx);
      if (!data) return { kind: 'stale' as const };
      if (!save) {
        await endConversation(tx, keyOf(ctx));
        return { kind: 'discarded' as const };
      }
      const draft = toDraft(data);
      // The dialog may have sat open past the chosen time.
      if (draft.startsAt.getTime() <= now.getTime()) {
        await updateConversation(tx, keyOf(ctx), 'when', data as Record<string, unknown>);
        return { kind: 'past' as const };
      }
      // Only the press that closes the dialog creates the session: a double tap makes one.
      if (!(await endConversation(tx, keyOf(ctx)))) return { kind: 'stale' as const };
      return { kind: 'created' as const, created: await saveSessions(ctx, tx, draft, now) };
    });
    if (outcome.kind === 'stale') return answer(ctx, ctx.t('sess.new.stale'), true);
    await answer(ctx);
    if (outcome.kind === 'discarded') return editHtml(ctx, ctx.t('sess.new.discarded'));
    if (outcome.kind === 'past') return editHtml(ctx, dateError(ctx.t, 'past'));
    await editHtml(ctx, await createdText(ctx, outcome.created));
  });

  return composer;
}

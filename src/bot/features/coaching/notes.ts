import { Composer, Markup } from 'telegraf';
import type { Conversation } from '../../../db/schema/index.js';
import { canWriteNote } from '../../../domain/coaching/coaches.js';
import { addNoteIn } from '../../../domain/coaching/notes.js';
import { coachingReminderSettings } from '../../../config.js';
import { endConversation, getConversation, startConversation, updateConversation } from '../../../domain/conversations.js';
import { parseDateTime } from '../../../domain/dates/parse.js';
import { checkText, TEXT_MAX } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import { isRegistered } from '../../../domain/permissions.js';
import { formatDateTime } from '../../../i18n/format.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { isPrivate } from '../../middlewares/guards.js';
import { once } from '../../once.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaFromArg, keyOf } from '../ideas/shared.js';
import { dateError } from '../../views/sessions.js';
import { coachingSpec } from './commands.js';

const NOTE_KIND = 'coaching_note';

type Saved =
  | { ok: true; ideaId: number; name: string; ownerNotified: boolean; nextAt: string | null }
  | { ok: false; reason: 'idea_not_found' | 'archived' | 'not_allowed' | 'past_date' };

function refusal(ctx: BotContext, reason: Extract<Saved, { ok: false }>['reason'], ideaId: number): Html {
  switch (reason) {
    case 'idea_not_found':
      return ctx.t('ideas.notFound', { id: ideaId });
    case 'not_allowed':
      return ctx.t('coaching.note.notAllowed', { id: ideaId });
    case 'archived':
      return ctx.t('coaching.note.archived');
    case 'past_date':
      return ctx.t('coaching.note.pastDate');
  }
}

function savedText(ctx: BotContext, saved: Extract<Saved, { ok: true }>): Html {
  const parts: Html[] = [ctx.t('coaching.note.saved', { id: saved.ideaId, name: saved.name })];
  if (saved.nextAt) parts.push(ctx.t('coaching.note.savedNext', { when: formatDateTime(new Date(saved.nextAt), ctx.lang, ctx.deps.config.TZ_NAME) }));
  if (saved.ownerNotified) parts.push(ctx.t('coaching.note.ownerTold'));
  return joinHtml(parts, '\n');
}

/** Saves a note (once per update); the domain checks again who may write it. */
async function save(ctx: BotContext, ideaId: number, text: string, nextAt: Date | undefined): Promise<Saved> {
  const actor = ctx.member!;
  const input = { ideaId, actor, text, nextAt, at: ctx.deps.clock.now(), settings: coachingReminderSettings(ctx.deps.config) };
  const { value } = await once(ctx, 'coaching.note', async (tx): Promise<Saved> => {
    const r = await addNoteIn(tx, input);
    return r.ok
      ? { ok: true, ideaId: r.idea.id, name: r.idea.name, ownerNotified: r.ownerNotified, nextAt: r.note.nextAt?.toISOString() ?? null }
      : { ok: false, reason: r.reason };
  });
  if (value.ok) ctx.deps.jobs?.wake();
  return value;
}

function checkNote(ctx: BotContext, raw: string): { ok: true; text: string } | { ok: false; message: Html } {
  const check = checkText(raw, TEXT_MAX);
  if (check.ok) return { ok: true, text: check.value };
  return { ok: false, message: check.reason === 'too_short' ? ctx.t('coaching.note.empty') : ctx.t('coaching.note.tooLong', { max: check.max, length: check.length }) };
}

function skipKeyboard(ctx: BotContext, ideaId: number) {
  return Markup.inlineKeyboard([[Markup.button.callback(ctx.t('coaching.note.btn.skip').toString(), callbackData('coach', 'skip', ideaId))]]);
}

async function askNote(ctx: BotContext, idea: { id: number; name: string }): Promise<void> {
  await startConversation(ctx.db, keyOf(ctx), NOTE_KIND, 'text', { ideaId: idea.id });
  await replyHtml(ctx, ctx.t('coaching.note.ask', { id: idea.id, name: idea.name }));
}

/** The dialog: the note's text (1/2), then the next coaching date or Lewati (2/2). */
async function onNoteText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const ideaId = Number(conversation.data.ideaId);
  if (!isRegistered(ctx.member) || !Number.isSafeInteger(ideaId)) return void (await endConversation(ctx.db, keyOf(ctx)));
  if (conversation.step === 'text') {
    const note = checkNote(ctx, text);
    if (!note.ok) return void (await replyHtml(ctx, note.message));
    await updateConversation(ctx.db, keyOf(ctx), 'next', { ideaId, text: note.text });
    await replyHtml(ctx, ctx.t('coaching.note.askNext', { id: ideaId }), skipKeyboard(ctx, ideaId));
    return;
  }
  const parsed = parseDateTime(text, { now: ctx.deps.clock.now(), timeZone: ctx.deps.config.TZ_NAME });
  // A date not understood keeps the dialog at this step for another try.
  if (!parsed.ok) return void (await replyHtml(ctx, dateError(ctx.t, parsed.reason), skipKeyboard(ctx, ideaId)));
  const saved = await save(ctx, ideaId, String(conversation.data.text ?? ''), parsed.at);
  await endConversation(ctx.db, keyOf(ctx));
  await replyHtml(ctx, saved.ok ? savedText(ctx, saved) : refusal(ctx, saved.reason, ideaId));
}

/** `/catatan N teks [| tanggal berikutnya]`; `/catatan N` alone in private starts the dialog. */
export function notesFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(NOTE_KIND, onNoteText);

  onCommand(composer, coachingSpec('catatan'), async (ctx) => {
    const payload = ctx.payload.trim();
    const [first] = payload.split(/\s+/);
    if (!first) return replyHtml(ctx, ctx.t('coaching.note.usage'));
    const idea = await ideaFromArg(ctx, first, 'ideas.stage.usage');
    if (!idea) return;
    if (!(await canWriteNote(ctx.db, ctx.member, idea.id))) return replyHtml(ctx, ctx.t('coaching.note.notAllowed', { id: idea.id }));
    const rest = payload.slice(first.length).trim();
    if (!rest) return isPrivate(ctx) ? askNote(ctx, idea) : replyHtml(ctx, ctx.t('coaching.note.usage'));
    const bar = rest.lastIndexOf('|');
    let nextAt: Date | undefined;
    let body = rest;
    if (bar >= 0) {
      const parsed = parseDateTime(rest.slice(bar + 1), { now: ctx.deps.clock.now(), timeZone: ctx.deps.config.TZ_NAME });
      if (!parsed.ok) return replyHtml(ctx, dateError(ctx.t, parsed.reason));
      nextAt = parsed.at;
      body = rest.slice(0, bar);
    }
    const note = checkNote(ctx, body);
    if (!note.ok) return replyHtml(ctx, note.message);
    const saved = await save(ctx, idea.id, note.text, nextAt);
    await replyHtml(ctx, saved.ok ? savedText(ctx, saved) : refusal(ctx, saved.reason, idea.id));
  });

  // 📒 on the card: shown only to those who may write, and checked again here.
  composer.action(/^coach:note:(\d{1,9})$/, async (ctx) => {
    const idea = await findIdea(ctx.db, Number(ctx.match[1]));
    if (!idea) return answer(ctx, ctx.t('ideas.gone'), true);
    if (!(await canWriteNote(ctx.db, ctx.member, idea.id))) return answer(ctx, ctx.t('coaching.note.notAllowed', { id: idea.id }), true);
    if (!isPrivate(ctx)) return answer(ctx, ctx.t('coaching.note.groupHint', { id: idea.id }), true);
    await answer(ctx);
    await askNote(ctx, idea);
  });

  // Lewati: the note without a next date.
  composer.action(/^coach:skip:(\d{1,9})$/, async (ctx) => {
    const ideaId = Number(ctx.match[1]);
    const conversation = ctx.chat && ctx.from ? await getConversation(ctx.db, keyOf(ctx)) : undefined;
    if (!conversation || conversation.kind !== NOTE_KIND || conversation.step !== 'next' || Number(conversation.data.ideaId) !== ideaId || !isRegistered(ctx.member)) {
      return answer(ctx, ctx.t('coaching.note.stale'), true);
    }
    const saved = await save(ctx, ideaId, String(conversation.data.text ?? ''), undefined);
    await endConversation(ctx.db, keyOf(ctx));
    if (!saved.ok) return answer(ctx, refusal(ctx, saved.reason, ideaId), true);
    await answer(ctx);
    await editHtml(ctx, savedText(ctx, saved));
  });

  return composer;
}

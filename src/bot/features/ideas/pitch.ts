import { Composer } from 'telegraf';
import { z } from 'zod';
import type { Conversation } from '../../../db/schema/index.js';
import { endConversation, getConversation, startConversation } from '../../../domain/conversations.js';
import { checkName, checkText, splitOneLine, TEXT_MAX } from '../../../domain/ideas/fields.js';
import { createIdea, insertIdea } from '../../../domain/ideas/ideas.js';
import { findSimilarIdeas } from '../../../domain/ideas/similar.js';
import { isRegistered } from '../../../domain/permissions.js';
import { joinHtml } from '../../../i18n/index.js';
import { onCommand } from '../../command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { deepLink } from '../../deep-links.js';
import { quickConfirmKeyboard } from '../../keyboards/ideas.js';
import { ensureRegistered, isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { similarWarning, startPitch } from './form.js';
import { keyOf, nowOf, sendCard } from './shared.js';

/** A one-line pitch waiting for "tetap kirim?" after the similar-idea check. */
const QUICK_KIND = 'idea_quick';
const quickSchema = z.object({ name: z.string(), summary: z.string(), agencyId: z.number().int() });

/**
 * `/usul` alone (private): the guided pitch. `/usul Nama — teks` (anywhere, also in forum
 * topics): saved at once and answered with the card, unless it looks like an existing idea.
 */
async function quickPitch(ctx: BotContext, rawName: string, rawText: string): Promise<void> {
  const member = ctx.member;
  if (!isRegistered(member) || !member.agencyId) return void (await ensureRegistered(ctx));
  const name = checkName(rawName);
  if (!name.ok) return void (await replyHtml(ctx, ctx.t('ideas.pitch.nameInvalid', { min: name.min, max: name.max, length: name.length })));
  const text = checkText(rawText, TEXT_MAX);
  if (!text.ok) {
    if (text.reason === 'too_short') return void (await replyHtml(ctx, ctx.t('ideas.pitch.oneLineNoText')));
    return void (await replyHtml(ctx, ctx.t('ideas.pitch.tooLong', { field: ctx.t('ideas.field.summary').toString(), max: text.max, length: text.length })));
  }
  const similar = await findSimilarIdeas(ctx.db, { name: name.value, text: text.value });
  if (similar.length) {
    await startConversation(ctx.db, keyOf(ctx), QUICK_KIND, 'confirm', { name: name.value, summary: text.value, agencyId: member.agencyId });
    await replyHtml(ctx, joinHtml([similarWarning(ctx, similar), ctx.t('ideas.pitch.similarMore')], '\n'), quickConfirmKeyboard(ctx.t, ctx.from!.id));
    return;
  }
  const created = await createIdea(ctx.db, { name: name.value, summary: text.value, agencyId: member.agencyId, ownerId: member.id }, nowOf(ctx));
  if (created.topicQueued) ctx.deps.jobs?.wake();
  await sendCard(ctx, created.idea.id);
}

async function onQuickText(ctx: BotContext, _conversation: Conversation): Promise<void> {
  // In a group, the member simply talks on; only a private chat gets the reminder.
  if (isPrivate(ctx)) await replyHtml(ctx, ctx.t('ideas.pitch.useButtons'));
}

export function pitchFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(QUICK_KIND, onQuickText);
  registries.deepLinks.register('usul', async (ctx) => {
    if (await ensureRegistered(ctx)) await startPitch(ctx);
  });

  onCommand(composer, ideaSpec('usul'), async (ctx) => {
    const payload = ctx.payload.trim();
    const parts = payload ? splitOneLine(payload) : undefined;
    if (parts) return quickPitch(ctx, parts.name, parts.text);
    if (!isPrivate(ctx)) {
      return replyHtml(ctx, payload ? ctx.t('ideas.pitch.oneLineNoText') : ctx.t('ideas.pitch.groupUsage', { link: deepLink(ctx.me, 'usul') }));
    }
    if (!payload) return startPitch(ctx);
    // `/usul Getar Dilan` in private: the guided pitch with the name already given.
    const name = checkName(payload);
    if (!name.ok) return replyHtml(ctx, ctx.t('ideas.pitch.nameInvalid', { min: name.min, max: name.max, length: name.length }));
    return startPitch(ctx, name.value);
  });

  composer.action(/^ipq:(send|cancel):(\d{1,15})$/, async (ctx) => {
    if (Number(ctx.match[2]) !== ctx.from.id) return answer(ctx, ctx.t('ideas.pitch.notYours'), true);
    const conversation = await getConversation(ctx.db, keyOf(ctx));
    const parsed = conversation?.kind === QUICK_KIND ? quickSchema.safeParse(conversation.data) : undefined;
    if (!parsed?.success) return answer(ctx, ctx.t('ideas.pitch.stale'), true);
    if (ctx.match[1] === 'cancel') {
      await endConversation(ctx.db, keyOf(ctx));
      await answer(ctx);
      return editHtml(ctx, ctx.t('ideas.pitch.cancelled'));
    }
    const member = ctx.member;
    if (!isRegistered(member)) return answer(ctx, ctx.t('reg.required'), true);
    const { name, summary, agencyId } = parsed.data;
    const created = await ctx.db.transaction(async (tx) => {
      if (!(await endConversation(tx, keyOf(ctx)))) return undefined;
      return insertIdea(tx, { name, summary, agencyId, ownerId: member.id }, nowOf(ctx));
    });
    if (!created) return answer(ctx, ctx.t('ideas.pitch.stale'), true);
    await answer(ctx);
    if (created.topicQueued) ctx.deps.jobs?.wake();
    await editHtml(ctx, ctx.t('ideas.pitch.saved', { id: created.idea.id }));
    await sendCard(ctx, created.idea.id);
  });

  return composer;
}

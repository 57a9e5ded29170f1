import { Composer } from 'telegraf';
import { z } from 'zod';
import type { Conversation } from '../../../db/schema/index.js';
import { endConversation, getConversation, startConversation } from '../../../domain/conversations.js';
import { checkName, checkText, splitOneLine, TEXT_MAX } from '../../../domain/ideas/fields.js';
import { insertIdea } from '../../../domain/ideas/ideas.js';
import type { IdeaCardData } from '../../../domain/ideas/card.js';
import { findSimilarIdeas } from '../../../domain/ideas/similar.js';
import { isRegistered } from '../../../domain/permissions.js';
import { joinHtml } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import { once } from '../../once.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { deepLink } from '../../deep-links.js';
import { quickConfirmKeyboard } from '../../keyboards/ideas.js';
import { ensureRegistered, isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { similarMore, similarWarning, startPitch } from './form.js';
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
  const agencyId = member.agencyId;
  // Decided and saved once per update: a re-run must not find its own idea "similar", nor save it twice.
  // The new card is kept out of the once-result (stored as JSON): a re-run loads it instead.
  let card: IdeaCardData | undefined;
  const { value: outcome } = await once(ctx, 'idea.pitch', async (tx) => {
    const similar = await findSimilarIdeas(tx, { name: name.value, text: text.value });
    if (similar.length) {
      await startConversation(tx, keyOf(ctx), QUICK_KIND, 'confirm', { name: name.value, summary: text.value, agencyId });
      return { kind: 'similar' as const, similar };
    }
    const created = await insertIdea(tx, { name: name.value, summary: text.value, agencyId, ownerId: member.id }, nowOf(ctx));
    card = created.card;
    return { kind: 'saved' as const, ideaId: created.idea.id, topicQueued: created.topicQueued };
  });
  if (outcome.kind === 'similar') {
    await replyHtml(ctx, joinHtml([similarWarning(ctx, outcome.similar), similarMore(ctx, outcome.similar)], '\n'), quickConfirmKeyboard(ctx.t, ctx.from!.id));
    return;
  }
  if (outcome.topicQueued) ctx.deps.jobs?.wake();
  await sendCard(ctx, outcome.ideaId, card);
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
    // Too long for a name: a one-line pitch whose dash is missing, not a name to shorten.
    if (!name.ok && name.length > name.max) return replyHtml(ctx, ctx.t('ideas.pitch.noDash', { max: name.max, length: name.length }));
    if (!name.ok) return replyHtml(ctx, ctx.t('ideas.pitch.nameInvalid', { min: name.min, max: name.max, length: name.length }));
    return startPitch(ctx, name.value);
  });

  composer.action(/^ipq:(send|cancel):(\d{1,15})$/, async (ctx) => {
    if (Number(ctx.match[2]) !== ctx.from.id) return answer(ctx, ctx.t('ideas.pitch.notYours'), true);
    const send = ctx.match[1] === 'send';
    const member = ctx.member;
    // The dialog is read inside: a re-run of this press finds it ended and must still answer "saved".
    let card: IdeaCardData | undefined;
    const { value: outcome } = await once(ctx, 'idea.pitch', async (tx) => {
      const conversation = await getConversation(tx, keyOf(ctx));
      const parsed = conversation?.kind === QUICK_KIND ? quickSchema.safeParse(conversation.data) : undefined;
      if (!parsed?.success) return { kind: 'stale' as const };
      if (send && !isRegistered(member)) return { kind: 'unregistered' as const };
      await endConversation(tx, keyOf(ctx));
      if (!send) return { kind: 'cancelled' as const };
      const { name, summary, agencyId } = parsed.data;
      const saved = await insertIdea(tx, { name, summary, agencyId, ownerId: member!.id }, nowOf(ctx));
      card = saved.card;
      return { kind: 'saved' as const, ideaId: saved.idea.id, topicQueued: saved.topicQueued };
    });
    if (outcome.kind === 'stale') return answer(ctx, ctx.t('ideas.pitch.stale'), true);
    if (outcome.kind === 'unregistered') return answer(ctx, ctx.t('reg.required'), true);
    await answer(ctx);
    if (outcome.kind === 'cancelled') return editHtml(ctx, ctx.t('ideas.pitch.cancelled'));
    if (outcome.topicQueued) ctx.deps.jobs?.wake();
    await editHtml(ctx, ctx.t('ideas.pitch.saved', { id: outcome.ideaId }));
    await sendCard(ctx, outcome.ideaId, card);
  });

  return composer;
}

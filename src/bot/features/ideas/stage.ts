import { Composer } from 'telegraf';
import type { Conversation, Stage } from '../../../db/schema/index.js';
import { endConversation, startConversation } from '../../../domain/conversations.js';
import { NOTE_MAX } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import { moveIdeaStage, type MoveResult } from '../../../domain/ideas/move.js';
import { allowedTargets, checkMove, parseStagePrefix } from '../../../domain/ideas/stages.js';
import { hasRole, isRegistered } from '../../../domain/permissions.js';
import type { Html } from '../../../i18n/index.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { stageAt, stageChooser } from '../../keyboards/ideas.js';
import { isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { ideaFromArg, keyOf, nowOf, refreshCard } from './shared.js';
import { stageLabel } from '../../views/ideas.js';

const ARCHIVE_KIND = 'idea_archive';

function refusalText(ctx: BotContext, result: Extract<MoveResult, { ok: false }>, ideaId: number, stage: Stage): Html {
  switch (result.reason) {
    case 'not_found':
      return ctx.t('ideas.notFound', { id: ideaId });
    case 'same_stage':
      return ctx.t('ideas.stage.refused.same_stage', { stage: stageLabel(ctx.t, stage) });
    case 'reason_required':
      return ctx.t('ideas.stage.refused.reason_required', { id: ideaId });
    case 'changed':
      return ctx.t('ideas.stage.refused.changed', { id: ideaId });
    default:
      return ctx.t(`ideas.stage.refused.${result.reason}`);
  }
}

/**
 * Moves and reports. The move, its history row and the queued notices (owner in private,
 * the idea's forum topic) commit together; the job sends the notices right after.
 */
async function move(ctx: BotContext, ideaId: number, to: Stage, note: string | undefined, expectedFrom?: Stage): Promise<MoveResult> {
  const result = await moveIdeaStage(ctx.db, {
    ideaId,
    to,
    actor: ctx.member!,
    note,
    at: nowOf(ctx),
    timeZone: ctx.deps.config.TZ_NAME,
    expectedFrom,
  });
  if (result.ok) ctx.deps.jobs?.wake();
  return result;
}

function movedText(ctx: BotContext, result: Extract<MoveResult, { ok: true }>): Html {
  return ctx.t('ideas.stage.moved', { id: result.idea.id, name: result.idea.name, from: stageLabel(ctx.t, result.from), to: stageLabel(ctx.t, result.idea.stage) });
}

async function onReasonText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const ideaId = Number(conversation.data.ideaId);
  const from = stageAt(String(conversation.data.from));
  const note = text.replace(/\s+/g, ' ').trim();
  if (note.length > NOTE_MAX) return void (await replyHtml(ctx, ctx.t('ideas.stage.noteTooLong', { max: NOTE_MAX, length: note.length })));
  await endConversation(ctx.db, keyOf(ctx));
  if (!ctx.member || !Number.isSafeInteger(ideaId)) return;
  const result = await move(ctx, ideaId, 'archived', note, from);
  await replyHtml(ctx, result.ok ? movedText(ctx, result) : refusalText(ctx, result, ideaId, 'archived'));
}

export function stageFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(ARCHIVE_KIND, onReasonText);

  // /tahap N <tahap> [catatan]; without a stage, the allowed targets as buttons.
  onCommand(composer, ideaSpec('tahap'), async (ctx) => {
    const words = ctx.payload.trim().split(/\s+/).filter(Boolean);
    const idea = await ideaFromArg(ctx, words[0], 'ideas.stage.usage');
    if (!idea) return;
    const member = ctx.member!;
    if (words.length === 1) {
      const targets = allowedTargets(member, idea);
      if (targets.length === 0) {
        const why = checkMove({ actor: member, idea, to: 'discussed' });
        return replyHtml(ctx, !why.ok && why.reason === 'archived_needs_coordinator' ? ctx.t('ideas.stage.refused.archived_needs_coordinator') : ctx.t('ideas.stage.refused.nothing'));
      }
      return replyHtml(ctx, ctx.t('ideas.stage.choose', { id: idea.id, name: idea.name, stage: stageLabel(ctx.t, idea.stage) }), stageChooser(ctx.t, idea.id, idea.stage, targets));
    }
    const parsed = parseStagePrefix(words.slice(1));
    if (!parsed) return replyHtml(ctx, ctx.t('ideas.stage.unknown', { input: words[1]!.slice(0, 40) }));
    const note = words.slice(1 + parsed.used).join(' ');
    if (note.length > NOTE_MAX) return replyHtml(ctx, ctx.t('ideas.stage.noteTooLong', { max: NOTE_MAX, length: note.length }));
    const result = await move(ctx, idea.id, parsed.stage, note || undefined);
    await replyHtml(ctx, result.ok ? movedText(ctx, result) : refusalText(ctx, result, idea.id, parsed.stage));
  });

  // ➡️ on a card (redrawn in place) and the chooser's buttons (replaced by the outcome).
  composer.action(/^idea:(next|mv):(\d{1,9}):(\d):(\d)$/, async (ctx) => {
    const ideaId = Number(ctx.match[2]);
    const from = stageAt(ctx.match[3]);
    const to = stageAt(ctx.match[4]);
    if (!from || !to || to === 'archived') return answer(ctx, ctx.t('guard.staleButton'), true);
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    const result = await move(ctx, ideaId, to, undefined, from);
    if (!result.ok) return answer(ctx, refusalText(ctx, result, ideaId, to), true);
    await answer(ctx, movedText(ctx, result));
    if (ctx.match[1] === 'next') await refreshCard(ctx, ideaId);
    else await editHtml(ctx, movedText(ctx, result));
  });

  composer.action(/^idea:arc:(\d{1,9}):(\d)$/, async (ctx) => {
    const idea = await findIdea(ctx.db, Number(ctx.match[1]));
    if (!idea) return answer(ctx, ctx.t('ideas.gone'), true);
    if (!hasRole(ctx.member, 'coordinator')) return answer(ctx, ctx.t('ideas.stage.refused.archive_needs_coordinator'), true);
    if (stageAt(ctx.match[2]) !== idea.stage) return answer(ctx, ctx.t('ideas.stage.refused.changed', { id: idea.id }), true);
    if (!isPrivate(ctx)) return answer(ctx, ctx.t('ideas.stage.archiveHint', { id: idea.id }), true);
    await answer(ctx);
    await startConversation(ctx.db, keyOf(ctx), ARCHIVE_KIND, 'reason', { ideaId: idea.id, from: ctx.match[2] });
    await replyHtml(ctx, ctx.t('ideas.stage.askReason', { id: idea.id, name: idea.name }));
  });

  return composer;
}

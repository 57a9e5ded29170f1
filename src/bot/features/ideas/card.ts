import { Composer } from 'telegraf';
import type { Idea } from '../../../db/schema/index.js';
import { canDeleteIdea, deleteIdea, findIdea, restoreIdea } from '../../../domain/ideas/ideas.js';
import { loadIdeaCard } from '../../../domain/ideas/card.js';
import { joinHtml } from '../../../i18n/index.js';
import { pressSupport, setSupportIn } from '../../../domain/ideas/supports.js';
import { isRegistered } from '../../../domain/permissions.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { markCommitted, once } from '../../once.js';
import { deleteConfirm, restoreButton, withdrawConfirm } from '../../keyboards/ideas.js';
import { ensureRegistered, isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { askComment, sendComments } from './comments.js';
import { loadCardFor, nowOf, refreshCard, sendCard, viewOf } from './shared.js';
import { renderFullText } from '../../views/ideas.js';

const COMMENTS = new Set(['komentar', 'comment', 'comments']);
const FULL = new Set(['lengkap', 'full']);
const DELETE = new Set(['hapus', 'delete']);

/** `/ide N`, `/ide N komentar`, `/ide N lengkap`, `/ide N hapus`. */
export async function ideaSubcommand(ctx: BotContext, idea: Idea, action: string | undefined): Promise<void> {
  const verb = action?.toLowerCase();
  if (!verb) return void (await sendCard(ctx, idea.id));
  if (COMMENTS.has(verb)) return sendComments(ctx, idea);
  if (FULL.has(verb)) {
    const data = await loadIdeaCard(ctx.db, idea.id, 0);
    if (data) await replyHtml(ctx, renderFullText(viewOf(ctx), data));
    return;
  }
  if (DELETE.has(verb)) {
    if (!(await ensureRegistered(ctx))) return;
    if (!canDeleteIdea(ctx.member, idea)) return void (await replyHtml(ctx, ctx.t('ideas.delete.notAllowed')));
    await replyHtml(ctx, ctx.t('ideas.delete.confirm', { id: idea.id, name: idea.name }), deleteConfirm(ctx.t, idea.id));
    return;
  }
  await replyHtml(ctx, ctx.t('ideas.unknownAction', { id: idea.id }));
}

export function cardFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.deepLinks.register('ide', async (ctx, [id]) => {
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > 0) await sendCard(ctx, n);
    else await replyHtml(ctx, ctx.t('start.unknownLink'));
  });

  composer.action(/^idea:show:(\d{1,9})$/, async (ctx) => {
    const ideaId = Number(ctx.match[1]);
    const data = await loadCardFor(ctx, ideaId);
    if (!data) return answer(ctx, ctx.t('ideas.gone'), true);
    await answer(ctx);
    await sendCard(ctx, ideaId, data);
  });

  // 👍 only adds; the count on the card is redrawn in place. Withdrawing is a separate, confirmed
  // step, so a press on an old card never takes support back unnoticed.
  composer.action(/^idea:sup:(\d{1,9})$/, async (ctx) => {
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    // One statement carrying the update's once-marker: a re-run after a crash adds nothing twice.
    const result = await pressSupport(ctx.db, { updateId: ctx.update.update_id, scope: 'idea.support', ideaId: Number(ctx.match[1]), memberId: ctx.member.id, at: nowOf(ctx) });
    markCommitted(ctx);
    const ideaId = Number(ctx.match[1]);
    if (!result.ok) return answer(ctx, ctx.t(result.reason === 'own_idea' ? 'ideas.support.own' : 'ideas.gone'), true);
    if (result.changed) {
      await answer(ctx, ctx.t('ideas.support.added'));
      return void (await refreshCard(ctx, ideaId));
    }
    // Already supporting: in private, offer to withdraw; in a group, say where that is done.
    if (!isPrivate(ctx)) return answer(ctx, ctx.t('ideas.support.alreadyGroup', { id: ideaId }), true);
    await answer(ctx);
    const idea = await findIdea(ctx.db, ideaId);
    await replyHtml(ctx, ctx.t('ideas.support.withdrawAsk', { id: ideaId, name: idea?.name ?? '' }), withdrawConfirm(ctx.t, ideaId));
  });

  composer.action(/^idea:unsup:(\d{1,9}):([yn])$/, async (ctx) => {
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    const ideaId = Number(ctx.match[1]);
    if (ctx.match[2] === 'n') {
      await answer(ctx);
      return void (await editHtml(ctx, ctx.t('ideas.support.kept', { id: ideaId })));
    }
    const memberId = ctx.member.id;
    const { value: result } = await once(ctx, 'idea.unsupport', (tx) => setSupportIn(tx, ideaId, memberId, nowOf(ctx), false));
    if (!result.ok) return answer(ctx, ctx.t(result.reason === 'own_idea' ? 'ideas.support.own' : 'ideas.gone'), true);
    await answer(ctx);
    await editHtml(ctx, ctx.t('ideas.support.withdrawn', { id: ideaId, count: result.count }));
  });

  composer.action(/^idea:cmt:(\d{1,9})$/, async (ctx) => {
    const idea = await findIdea(ctx.db, Number(ctx.match[1]));
    if (!idea) return answer(ctx, ctx.t('ideas.gone'), true);
    // In a group the dialog would swallow the member's next messages: they get the command instead.
    if (!isPrivate(ctx)) return answer(ctx, ctx.t('ideas.comment.groupHint', { id: idea.id }), true);
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    await answer(ctx);
    await sendComments(ctx, idea);
    await askComment(ctx, idea);
  });

  composer.action(/^idea:del:(\d{1,9}):([yn])$/, async (ctx) => {
    const idea = await findIdea(ctx.db, Number(ctx.match[1]));
    if (!idea) return answer(ctx, ctx.t('ideas.gone'), true);
    if (!canDeleteIdea(ctx.member, idea)) return answer(ctx, ctx.t('ideas.delete.notAllowed'), true);
    await answer(ctx);
    if (ctx.match[2] === 'n') return editHtml(ctx, ctx.t('ideas.delete.kept'));
    await deleteIdea(ctx.db, idea.id, nowOf(ctx));
    await editHtml(ctx, joinHtml([ctx.t('ideas.delete.done', { id: idea.id }), ctx.t('ideas.delete.undoHint')], '\n'), restoreButton(ctx.t, idea.id));
  });

  // Undo of a delete: the owner or a coordinator (checked again here: callback data can be forged).
  composer.action(/^idea:undel:(\d{1,9})$/, async (ctx) => {
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    const result = await restoreIdea(ctx.db, Number(ctx.match[1]), ctx.member, nowOf(ctx));
    if (!result.ok) return answer(ctx, ctx.t(result.reason === 'not_allowed' ? 'ideas.restore.notAllowed' : 'ideas.restore.notDeleted'), true);
    await answer(ctx);
    await editHtml(ctx, ctx.t('ideas.restore.done', { id: Number(ctx.match[1]), name: result.name }));
  });

  return composer;
}

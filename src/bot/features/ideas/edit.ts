import { Composer } from 'telegraf';
import type { Idea, Member } from '../../../db/schema/index.js';
import { editOnlyFields, isIdeaField, pitchFields, type IdeaField } from '../../../domain/ideas/fields.js';
import { canEditIdea, findIdea } from '../../../domain/ideas/ideas.js';
import { hasRole } from '../../../domain/permissions.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { deepLink } from '../../deep-links.js';
import { editMenu } from '../../keyboards/ideas.js';
import { ensureRegistered, isPrivate } from '../../middlewares/guards.js';
import { answer, replyHtml } from '../../reply.js';
import { ideaSpec } from './commands.js';
import { startEdit } from './form.js';
import { ideaFromArg } from './shared.js';

/** What the member may change: every pitch field and the summary; coordinators also the competition dates. */
function editableFields(member: Member): IdeaField[] {
  const fields: IdeaField[] = [...pitchFields, 'summary'];
  if (hasRole(member, 'coordinator')) fields.push(...editOnlyFields.filter((f) => f !== 'summary'));
  return fields;
}

async function showMenu(ctx: BotContext, idea: Idea): Promise<void> {
  if (!canEditIdea(ctx.member, idea)) return void (await replyHtml(ctx, ctx.t('ideas.edit.notAllowed')));
  await replyHtml(ctx, ctx.t('ideas.edit.menu', { id: idea.id, name: idea.name }), editMenu(ctx.t, idea.id, editableFields(ctx.member!)));
}

export function editFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.deepLinks.register('ubah', async (ctx, [id]) => {
    if (!(await ensureRegistered(ctx))) return;
    const idea = await ideaFromArg(ctx, id, 'ideas.edit.usage');
    if (idea) await showMenu(ctx, idea);
  });

  onCommand(composer, ideaSpec('ubah'), async (ctx) => {
    const [first] = ctx.payload.trim().split(/\s+/);
    const idea = await ideaFromArg(ctx, first || undefined, 'ideas.edit.usage');
    if (!idea) return;
    if (!canEditIdea(ctx.member, idea)) return replyHtml(ctx, ctx.t('ideas.edit.notAllowed'));
    // The dialog reads the member's next messages, which only works in the private chat.
    if (!isPrivate(ctx)) return replyHtml(ctx, ctx.t('ideas.edit.privateOnly', { link: deepLink(ctx.me, 'ubah', idea.id) }));
    await showMenu(ctx, idea);
  });

  composer.action(/^ied:(\d{1,9}):([a-zA-Z]{1,20})$/, async (ctx) => {
    const field = ctx.match[2]!;
    const idea = await findIdea(ctx.db, Number(ctx.match[1]));
    if (!idea) return answer(ctx, ctx.t('ideas.gone'), true);
    if (!isPrivate(ctx) || !canEditIdea(ctx.member, idea)) return answer(ctx, ctx.t('ideas.edit.notAllowed'), true);
    if (!isIdeaField(field) || !editableFields(ctx.member!).includes(field)) return answer(ctx, ctx.t('ideas.edit.coordinatorOnly'), true);
    await answer(ctx);
    await startEdit(ctx, idea, field);
  });

  return composer;
}

import { Composer } from 'telegraf';
import { addCollaborator, canManageCollaborators, collaboratorMembers, MAX_COLLABORATORS, removeCollaborator } from '../../domain/ideas/collaborators.js';
import { displayName, resolveHandle } from '../../domain/members.js';
import { onCommand, words } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';
import { ideaFromArg } from './ideas/shared.js';

export const collaboratorCommands: CommandSpec[] = [{ id: 'rekan', en: 'coauthor', audience: 'member', where: 'both', description: 'cmd.coauthor' }];

const REMOVE_WORDS = new Set(['hapus', 'remove', 'delete']);

/** `/rekan <ide> [@user | hapus @user]`: the owner (or a coordinator) manages an idea's co-authors. */
export function collaboratorsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, collaboratorCommands[0]!, async (ctx) => {
    const [ideaWord, ...rest] = words(ctx.payload);
    if (!ideaWord || rest.length > 2) return replyHtml(ctx, ctx.t('collab.usage'));
    const idea = await ideaFromArg(ctx, ideaWord, 'ideas.edit.usage');
    if (!idea) return;
    if (rest.length === 0) {
      const list = await collaboratorMembers(ctx.db, idea.id);
      if (list.length === 0) return replyHtml(ctx, ctx.t('collab.none', { id: idea.id }));
      return replyHtml(ctx, ctx.t('collab.list', { id: idea.id, idea: idea.name, names: list.map(displayName).join(', ') }));
    }
    const remove = rest.length === 2 && REMOVE_WORDS.has(rest[0]!.toLowerCase());
    if (rest.length === 2 && !remove) return replyHtml(ctx, ctx.t('collab.usage'));
    if (!canManageCollaborators(ctx.member, idea)) return replyHtml(ctx, ctx.t('collab.forbidden', { id: idea.id }));
    const handle = rest.at(-1)!.slice(0, 40);
    const match = await resolveHandle(ctx.db, handle);
    if (match.kind === 'ambiguous') return replyHtml(ctx, ctx.t('handle.ambiguous', { handle }));
    if (match.kind === 'none') return replyHtml(ctx, ctx.t('collab.memberNotFound', { handle }));
    const name = displayName(match.member);
    if (remove) {
      const removed = await removeCollaborator(ctx.db, idea.id, match.member.id);
      return replyHtml(ctx, ctx.t(removed ? 'collab.removed' : 'collab.notOne', { name, id: idea.id }));
    }
    const result = await addCollaborator(ctx.db, { idea, member: match.member, addedBy: ctx.member!.id });
    if (result.ok) return replyHtml(ctx, ctx.t('collab.added', { name, id: idea.id, idea: idea.name }));
    if (result.reason === 'full') return replyHtml(ctx, ctx.t('collab.full', { max: MAX_COLLABORATORS }));
    return replyHtml(ctx, ctx.t(`collab.${result.reason}`, { name }));
  });
  return composer;
}

import { Composer } from 'telegraf';
import { endConversation } from '../../domain/conversations.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'batal', en: 'cancel', audience: 'anyone', where: 'private', description: 'cmd.cancel' };
/** Gathered by the bot's command registry (help, the command menu). */
export const cancelCommands: CommandSpec[] = [spec];

export function cancelFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, { ...spec, where: 'both' }, async (ctx) => {
    const ended = await endConversation(ctx.db, { chatId: ctx.chat!.id, userId: ctx.from!.id });
    await replyHtml(ctx, ctx.t(ended ? 'cancel.done' : 'cancel.nothing'));
  });
  return composer;
}

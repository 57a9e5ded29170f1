import { Composer } from 'telegraf';
import { endConversation } from '../../domain/conversations.js';
import { onCommand } from '../command.js';
import { coreCommands } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

const spec = coreCommands.find((c) => c.id === 'batal')!;

export function cancelFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, { ...spec, where: 'both' }, async (ctx) => {
    const ended = await endConversation(ctx.db, { chatId: ctx.chat!.id, userId: ctx.from!.id });
    await replyHtml(ctx, ctx.t(ended ? 'cancel.done' : 'cancel.nothing'));
  });
  return composer;
}

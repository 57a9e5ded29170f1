import { Composer, type MiddlewareFn } from 'telegraf';
import type { CommandSpec } from './spec.js';
import type { BotContext } from '../context.js';
import { groupOnly, privateOnly, requireRegistered, requireRole } from '../middlewares/guards.js';

export type CommandContext = BotContext & { payload: string; command: string };

/**
 * Registers a command under its Indonesian and English names with the guards its spec
 * declares, so a command's audience is stated once and enforced on the server.
 */
export function onCommand(composer: Composer<BotContext>, spec: CommandSpec, handler: (ctx: CommandContext) => Promise<unknown>): void {
  const guards: MiddlewareFn<BotContext>[] = [];
  // Who may use it is answered before where: a member is not sent to the private chat to be refused there.
  if (spec.audience === 'member') guards.push(requireRegistered);
  if (spec.audience === 'coordinator' || spec.audience === 'admin') guards.push(requireRole(spec.audience));
  if (spec.where === 'private') guards.push(privateOnly);
  if (spec.where === 'group') guards.push(groupOnly);
  const names = spec.id === spec.en ? [spec.id] : [spec.id, spec.en];
  const run: MiddlewareFn<BotContext> = (ctx) => handler(ctx as CommandContext);
  composer.command(names, Composer.compose([...guards, run]));
}

/** Splits a command payload into words, keeping quoted phrases together. */
export function words(payload: string): string[] {
  return payload.trim() === '' ? [] : payload.trim().split(/\s+/);
}

/** The bot itself: getMe and its command menus. */
import { badRequest } from '../errors.js';
import type { Handler, Payload } from './context.js';
import { obj, str } from './payload.js';

function commandsKey(p: Payload): string {
  const scope = obj(p.scope) ?? { type: 'default' };
  return `${String(scope.type ?? 'default')}:${str(p, 'language_code') ?? ''}`;
}

export const setMyCommands: Handler = (ctx, p) => {
  let commands = p.commands;
  if (typeof commands === 'string') {
    try {
      commands = JSON.parse(commands);
    } catch {
      throw badRequest("can't parse commands JSON object");
    }
  }
  if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
  if (commands.length > 100) throw badRequest('too many commands');
  for (const c of commands) {
    const cmd = obj(c);
    if (!cmd || typeof cmd.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(cmd.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof cmd.description !== 'string' || cmd.description.length === 0 || cmd.description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  const scope = obj(p.scope) ?? { type: 'default' };
  const stored: Payload = { commands, scope };
  const lang = str(p, 'language_code');
  if (lang !== undefined) stored.language_code = lang;
  ctx.commands.set(commandsKey(p), stored);
  return true;
};

export const deleteMyCommands: Handler = (ctx, p) => {
  ctx.commands.delete(commandsKey(p));
  return true;
};

export const getMyCommands: Handler = (ctx, p) => {
  const stored = ctx.commands.get(commandsKey(p)) as Payload | undefined;
  return stored?.commands ?? [];
};

export const getMe: Handler = (ctx) => ({
  ...ctx.state.botUserObject(),
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

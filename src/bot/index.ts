import { Telegraf } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { commandSpecs } from './commands/registry.js';
import type { BotContext, BotDeps, BotRegistries } from './context.js';
import { ConversationRouter } from './conversation-router.js';
import { DeepLinks } from './deep-links.js';
import { handleBotError } from './errors.js';
import { agenciesFeature } from './features/agencies.js';
import { backupsFeature } from './features/backups.js';
import { broadcastsFeature } from './features/broadcasts/index.js';
import { cancelFeature } from './features/cancel.js';
import { coachingFeature } from './features/coaching/index.js';
import { competitionsFeature } from './features/competitions/index.js';
import { dashboardFeature } from './features/dashboard.js';
import { collaboratorsFeature } from './features/collaborators.js';
import { draftsFeature } from './features/drafts.js';
import { evidenceFeature } from './features/evidence/index.js';
import { groupsFeature } from './features/groups.js';
import { helpFeature } from './features/help.js';
import { ideasFeature } from './features/ideas/index.js';
import { languageFeature } from './features/language.js';
import { registrationFeature } from './features/registration.js';
import { rolesFeature } from './features/roles.js';
import { sessionsFeature } from './features/sessions/index.js';
import { startFeature } from './features/start.js';
import { conversationsFeature, unhandledFeature } from './features/unhandled.js';
import { trackChats } from './middlewares/chat-tracking.js';
import { loadMember } from './middlewares/member.js';
import { pressGuard } from './middlewares/press-guard.js';
import { throttleCommands } from './middlewares/throttle.js';
import { setup } from './middlewares/setup.js';
import { sendThrough } from '../telegram/sender/telegraf.js';

export type Bot = Telegraf<BotContext>;

export interface CreateBotOptions {
  /** Skip the getMe round trip when the caller already knows the bot (tests, several instances). */
  botInfo?: UserFromGetMe;
}

/** Builds the bot: middlewares, then features, then the catch-alls. It does not start any intake. */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot {
  const token = deps.config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('createBot needs TELEGRAM_BOT_TOKEN');
  const bot = new Telegraf<BotContext>(token, {
    telegram: { apiRoot: deps.config.TELEGRAM_API_ROOT, webhookReply: false },
    handlerTimeout: deps.config.HANDLER_TIMEOUT_MS,
  });
  if (options.botInfo) bot.botInfo = options.botInfo;
  // The one plug point: bot.telegram and every ctx.telegram call the Bot API through the sender.
  sendThrough(bot, deps.sender);

  const registries: BotRegistries = { deepLinks: new DeepLinks<BotContext>(), conversations: new ConversationRouter<BotContext>(), commands: commandSpecs };

  bot.use(setup(deps, registries));
  bot.use(loadMember());
  bot.use(pressGuard());
  bot.use(throttleCommands());
  bot.use(trackChats());

  bot.use(startFeature());
  bot.use(helpFeature());
  bot.use(languageFeature());
  bot.use(cancelFeature());
  bot.use(registrationFeature(registries));
  bot.use(rolesFeature());
  bot.use(agenciesFeature());
  bot.use(groupsFeature());
  bot.use(ideasFeature(registries));
  bot.use(draftsFeature());
  bot.use(collaboratorsFeature());
  bot.use(sessionsFeature(registries));
  bot.use(broadcastsFeature(registries));
  bot.use(coachingFeature(registries));
  bot.use(competitionsFeature(registries));
  bot.use(evidenceFeature(registries));
  bot.use(dashboardFeature());
  bot.use(backupsFeature());

  bot.use(conversationsFeature());
  bot.use(unhandledFeature());

  bot.catch((err, ctx) => handleBotError(err, ctx, deps.logger));
  return bot;
}

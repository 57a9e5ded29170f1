import type { Context } from 'telegraf';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { Language, Member } from '../db/schema/index.js';
import type { Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Sender } from '../telegram/sender/sender.js';
import type { CommandSpec } from './commands/spec.js';
import type { DeepLinks } from './deep-links.js';
import type { ConversationRouter } from './conversation-router.js';

/** Background work the handlers may wake (workers claim rows from the database). */
export interface Jobs {
  /** Asks the scheduler to look for due work now instead of at its next tick. */
  wake(): void;
}

/** What createBot receives instead of importing singletons. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  database: Database;
  clock: Clock;
  sender: Sender;
  jobs?: Jobs;
  /** Where the web dashboard is reached (undefined until the server listens, or when not configured). */
  dashboard?: { url(): string | undefined };
}

/** Per-bot registries that features plug into. */
export interface BotRegistries {
  deepLinks: DeepLinks<BotContext>;
  conversations: ConversationRouter<BotContext>;
  /** Every feature's commands (the bot gathers them), for /help. */
  commands: readonly CommandSpec[];
}

export interface BotContext extends Context {
  deps: BotDeps;
  registries: BotRegistries;
  db: Db;
  log: Logger;
  /** The Telegram user's member row (created on first contact); null for updates without a user. */
  member: Member | null;
  lang: Language;
  t: Translate;
}

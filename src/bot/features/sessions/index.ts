import { Composer } from 'telegraf';
import type { BotContext, BotRegistries } from '../../context.js';
import { linksFeature } from './links.js';
import { manageFeature } from './manage.js';
import { minutesFeature } from './minutes.js';
import { newSessionFeature } from './new-session.js';
import { remindersFeature } from './reminders.js';
import { rsvpFeature } from './rsvp.js';
import { browseFeature } from './browse.js';

/** Warkop Indah sessions: linking groups, scheduling, RSVP, reminders, minutes. */
export function sessionsFeature(registries: BotRegistries): Composer<BotContext> {
  return new Composer<BotContext>(
    linksFeature(),
    newSessionFeature(registries),
    manageFeature(registries),
    browseFeature(),
    rsvpFeature(registries),
    remindersFeature(),
    minutesFeature(),
  );
}

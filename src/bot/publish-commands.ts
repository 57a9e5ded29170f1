import type { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope } from 'telegraf/types';
import { languages, type Language } from '../db/schema/index.js';
import { translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { commandSpecs } from './commands/registry.js';
import type { CommandSpec } from './commands/spec.js';

function menu(lang: Language, where: 'private' | 'group'): BotCommand[] {
  const t = translator(lang);
  return commandSpecs
    .filter((s: CommandSpec) => !s.helpOnly && (s.where === 'both' || s.where === where) && s.audience !== 'admin')
    .map((s) => ({ command: lang === 'en' ? s.en : s.id, description: t(s.description).toString() }));
}

/**
 * Publishes the command menu per language and per scope. Telegram shows the default-language
 * list to users whose language has none, so the default scope gets the configured language too.
 */
export async function publishCommands(telegram: Telegram, logger: Logger, defaultLanguage: Language): Promise<void> {
  const scopes: { scope: BotCommandScope; where: 'private' | 'group' }[] = [
    { scope: { type: 'default' }, where: 'private' },
    { scope: { type: 'all_private_chats' }, where: 'private' },
    { scope: { type: 'all_group_chats' }, where: 'group' },
  ];
  try {
    for (const { scope, where } of scopes) {
      await telegram.setMyCommands(menu(defaultLanguage, where), { scope });
      for (const lang of languages) {
        await telegram.setMyCommands(menu(lang, where), { scope, language_code: lang });
      }
    }
  } catch (err) {
    const e = err as { code?: number; description?: string };
    logger.warn({ code: e.code, description: e.description }, 'could not publish the command menu; continuing');
  }
}

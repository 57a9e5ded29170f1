import { Composer, Markup } from 'telegraf';
import { languages, type Language } from '../../db/schema/index.js';
import { setMemberLanguage } from '../../domain/members.js';
import { catalogues, translator } from '../../i18n/index.js';
import { callbackData } from '../callback-data.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { ownsView, replyToAsker } from '../middlewares/press-guard.js';
import { answer, editHtml, replyHtml } from '../reply.js';

const spec: CommandSpec = { id: 'bahasa', en: 'language', audience: 'anyone', where: 'private', description: 'cmd.language' };
/** Gathered by the bot's command registry (help, the command menu). */
export const languageCommands: CommandSpec[] = [spec];

export function languageKeyboard() {
  return Markup.inlineKeyboard(
    languages.map((lang) => Markup.button.callback(catalogues[lang]['lang.name'], callbackData('lang', 'set', lang))),
  );
}

export function languageFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    await replyHtml(ctx, ctx.t('lang.choose'), { ...languageKeyboard(), ...replyToAsker(ctx) });
  });
  composer.action(/^lang:set:(id|en)$/, async (ctx) => {
    const lang = ctx.match[1] as Language;
    if (!ctx.member) return answer(ctx, ctx.t('guard.staleButton'));
    // Someone else's picker in a group is theirs: it stays as it is and changes nothing.
    if (!ownsView(ctx)) return answer(ctx, ctx.t('press.notYourView'), true);
    await setMemberLanguage(ctx.db, ctx.member.id, lang);
    ctx.lang = lang;
    ctx.t = translator(lang);
    await answer(ctx);
    await editHtml(ctx, ctx.t('lang.changed'));
  });
  return composer;
}

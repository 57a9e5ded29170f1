import { Composer, Markup } from 'telegraf';
import type { Conversation } from '../../db/schema/index.js';
import { findAgencyById, listActiveAgencies, searchAgencies } from '../../domain/agencies.js';
import { endConversation, getConversation, startConversation, updateConversation } from '../../domain/conversations.js';
import { completeRegistration, displayName, updateProfile } from '../../domain/members.js';
import { isRegistered } from '../../domain/permissions.js';
import { checkFullName, NAME_MAX, NAME_MIN } from '../../domain/registration.js';
import { catalogues } from '../../i18n/index.js';
import { callbackData } from '../callback-data.js';
import { onCommand } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext, BotRegistries } from '../context.js';
import { deepLink } from '../deep-links.js';
import { agencyButtons, agencyPicker } from '../keyboards/agency-picker.js';
import { isPrivate } from '../middlewares/guards.js';
import { languageKeyboard } from './language.js';
import { answer, editHtml, replyHtml } from '../reply.js';

const registerSpec: CommandSpec = { id: 'daftar', en: 'register', audience: 'anyone', where: 'private', description: 'cmd.register' };
const profileSpec: CommandSpec = { id: 'profil', en: 'profile', audience: 'member', where: 'private', description: 'cmd.profile' };
/** Gathered by the bot's command registry (help, the command menu). */
export const registrationCommands: CommandSpec[] = [registerSpec, profileSpec];

/** Registration and profile edits are one dialog kind with a purpose, so the agency picker serves both. */
const KIND = 'register';
type Purpose = 'register' | 'profile';

function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

async function askName(ctx: BotContext, purpose: Purpose): Promise<void> {
  await startConversation(ctx.db, keyOf(ctx), KIND, 'name', { purpose });
  await replyHtml(ctx, ctx.t('reg.askName'));
}

async function askAgency(ctx: BotContext, page = 1, edit = false): Promise<void> {
  const all = await listActiveAgencies(ctx.db);
  const picker = agencyPicker(all, page, ctx.t);
  const text = ctx.t('reg.askAgency', { page: picker.page, pages: picker.pages });
  if (edit) await editHtml(ctx, text, picker.keyboard);
  else await replyHtml(ctx, text, picker.keyboard);
}

export async function startRegistration(ctx: BotContext): Promise<void> {
  await askName(ctx, 'register');
}

async function onText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const purpose = (conversation.data.purpose as Purpose | undefined) ?? 'register';
  if (conversation.step === 'name') {
    const check = checkFullName(text);
    if (!check.ok) {
      await replyHtml(ctx, ctx.t('reg.nameInvalid', { min: NAME_MIN, max: NAME_MAX }));
      return;
    }
    if (purpose === 'profile' && isRegistered(ctx.member)) {
      await updateProfile(ctx.db, ctx.member.id, { fullName: check.name });
      await endConversation(ctx.db, keyOf(ctx));
      await replyHtml(ctx, ctx.t('profile.nameChanged', { name: check.name }));
      return;
    }
    await updateConversation(ctx.db, keyOf(ctx), 'agency', { ...conversation.data, name: check.name });
    await askAgency(ctx);
    return;
  }
  // Step "agency": typed text filters the list.
  const query = text.trim().slice(0, 60);
  const matches = await searchAgencies(ctx.db, query, 10);
  if (matches.length === 0) {
    await replyHtml(ctx, ctx.t('reg.agencyNoMatch', { query }));
    await askAgency(ctx);
    return;
  }
  await replyHtml(ctx, ctx.t('reg.agencyMatches', { query }), agencyButtons(matches, ctx.t));
}

export function registrationFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(KIND, onText);
  registries.deepLinks.register('daftar', (ctx) => startRegistration(ctx));

  // Registration is private; in a group the member gets a link to the private chat.
  onCommand(composer, { ...registerSpec, where: 'both' }, async (ctx) => {
    if (!isPrivate(ctx)) {
      await replyHtml(ctx, ctx.t('reg.privateOnly', { link: deepLink(ctx.me, 'daftar') }));
      return;
    }
    await startRegistration(ctx);
  });

  onCommand(composer, profileSpec, async (ctx) => {
    const member = ctx.member!;
    const agency = member.agencyId ? await findAgencyById(ctx.db, member.agencyId) : undefined;
    await replyHtml(
      ctx,
      ctx.t('profile.view', {
        name: displayName(member),
        agency: agency?.name ?? ctx.t('common.none').toString(),
        role: ctx.t(`role.${member.role}`).toString(),
        language: catalogues[ctx.lang]['lang.name'],
        username: member.username ? `@${member.username}` : ctx.t('common.none').toString(),
      }),
      Markup.inlineKeyboard([
        [Markup.button.callback(ctx.t('profile.changeName').toString(), callbackData('prof', 'name'))],
        [Markup.button.callback(ctx.t('profile.changeAgency').toString(), callbackData('prof', 'agency'))],
        [Markup.button.callback(ctx.t('profile.changeLanguage').toString(), callbackData('prof', 'lang'))],
      ]),
    );
  });

  composer.action(/^prof:(name|agency|lang)$/, async (ctx) => {
    if (!isPrivate(ctx) || !isRegistered(ctx.member)) return answer(ctx, ctx.t('profile.notRegistered'), true);
    await answer(ctx);
    const what = ctx.match[1];
    if (what === 'name') return askName(ctx, 'profile');
    if (what === 'lang') return void (await replyHtml(ctx, ctx.t('lang.choose'), languageKeyboard()));
    await startConversation(ctx.db, keyOf(ctx), KIND, 'agency', { purpose: 'profile' });
    await askAgency(ctx);
  });

  composer.action(/^ag:page:(\d{1,4})$/, async (ctx) => {
    const conversation = ctx.chat && ctx.from ? await getConversation(ctx.db, keyOf(ctx)) : undefined;
    if (conversation?.kind !== KIND || conversation.step !== 'agency') return answer(ctx, ctx.t('reg.notInConversation'), true);
    await answer(ctx);
    await askAgency(ctx, Number(ctx.match[1]), true);
  });

  composer.action(/^ag:pick:(\d{1,9})$/, async (ctx) => {
    const conversation = ctx.chat && ctx.from ? await getConversation(ctx.db, keyOf(ctx)) : undefined;
    if (conversation?.kind !== KIND || conversation.step !== 'agency' || !ctx.member) {
      return answer(ctx, ctx.t('reg.notInConversation'), true);
    }
    const agency = await findAgencyById(ctx.db, Number(ctx.match[1]));
    if (!agency || !agency.active) return answer(ctx, ctx.t('reg.agencyGone'), true);
    const purpose = (conversation.data.purpose as Purpose | undefined) ?? 'register';
    const member = ctx.member;
    await ctx.db.transaction(async (tx) => {
      if (purpose === 'profile' && isRegistered(member)) {
        await updateProfile(tx, member.id, { agencyId: agency.id });
      } else {
        const name = typeof conversation.data.name === 'string' ? conversation.data.name : displayName(member);
        ctx.member = await completeRegistration(tx, member.id, name, agency.id);
      }
      await endConversation(tx, keyOf(ctx));
    });
    await answer(ctx);
    const text =
      purpose === 'profile'
        ? ctx.t('profile.agencyChanged', { agency: agency.name })
        : ctx.t('reg.done', { name: displayName(ctx.member!), agency: agency.name });
    await editHtml(ctx, text);
  });

  return composer;
}

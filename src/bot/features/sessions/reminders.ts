import { Composer, Markup } from 'telegraf';
import { isRegistered } from '../../../domain/permissions.js';
import { parseOffsets } from '../../../domain/reminders/offsets.js';
import { offsetsFor, reminderPref } from '../../../domain/reminders/plan.js';
import { setReminderPrefs, type PrefChoice } from '../../../domain/reminders/prefs.js';
import { sessionSettings } from '../../../config.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { isPrivate } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { sessionSpec } from './commands.js';
import { offsetLabel, offsetsLabel } from '../../views/sessions.js';

const OFF = new Set(['mati', 'matikan', 'off', 'nonaktif', 'tidak']);
const DEFAULT = new Set(['bawaan', 'default', 'nyala', 'nyalakan', 'on', 'aktif']);

async function current(ctx: BotContext): Promise<Html> {
  const defaults = sessionSettings(ctx.deps.config).defaultOffsets;
  const pref = await reminderPref(ctx.db, ctx.member!.id);
  if (pref && !pref.enabled) return ctx.t('sess.reminders.off');
  const list = offsetsLabel(ctx.t, offsetsFor(pref, defaults), ctx.lang);
  return ctx.t('sess.reminders.current', { list: pref?.offsets ? list : `${list} ${ctx.t('sess.reminders.defaultTag').toString()}` });
}

function keyboard(ctx: BotContext) {
  const defaults = sessionSettings(ctx.deps.config).defaultOffsets;
  const rows = [[Markup.button.callback(ctx.t('sess.reminders.default', { list: offsetsLabel(ctx.t, defaults, ctx.lang) }).toString(), callbackData('rem', 'def'))]];
  if (defaults.length > 1) {
    defaults.forEach((offset, i) =>
      rows.push([Markup.button.callback(ctx.t('sess.reminders.only', { label: offsetLabel(ctx.t, offset, ctx.lang) }).toString(), callbackData('rem', 'only', i))]),
    );
  }
  rows.push([Markup.button.callback(ctx.t('sess.reminders.turnOff').toString(), callbackData('rem', 'off'))]);
  return Markup.inlineKeyboard(rows);
}

async function save(ctx: BotContext, choice: PrefChoice): Promise<Html> {
  await setReminderPrefs(ctx.deps.database.db, ctx.member!, choice, sessionSettings(ctx.deps.config), ctx.deps.clock.now());
  ctx.deps.jobs?.wake();
  if (choice.kind === 'off') return ctx.t('sess.reminders.turnedOff');
  const offsets = choice.kind === 'custom' ? choice.offsets : sessionSettings(ctx.deps.config).defaultOffsets;
  return ctx.t('sess.reminders.saved', { list: offsetsLabel(ctx.t, offsets, ctx.lang) });
}

export function remindersFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, sessionSpec('pengingat'), async (ctx) => {
    const arg = ctx.payload.trim().toLowerCase();
    if (!arg) return replyHtml(ctx, joinHtml([await current(ctx), ctx.t('sess.reminders.help')], '\n\n'), keyboard(ctx));
    if (OFF.has(arg)) return replyHtml(ctx, await save(ctx, { kind: 'off' }));
    if (DEFAULT.has(arg)) return replyHtml(ctx, await save(ctx, { kind: 'default' }));
    const parsed = parseOffsets(arg);
    if (!parsed.ok) return replyHtml(ctx, ctx.t('sess.reminders.invalid', { bad: parsed.bad.slice(0, 60) }));
    await replyHtml(ctx, await save(ctx, { kind: 'custom', offsets: parsed.offsets }));
  });

  composer.action(/^rem:(def|off|only:(\d{1,2}))$/, async (ctx) => {
    if (!isPrivate(ctx) || !isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    const defaults = sessionSettings(ctx.deps.config).defaultOffsets;
    let choice: PrefChoice;
    if (ctx.match[1] === 'def') choice = { kind: 'default' };
    else if (ctx.match[1] === 'off') choice = { kind: 'off' };
    else {
      const offset = defaults[Number(ctx.match[2])];
      if (!offset) return answer(ctx, ctx.t('guard.staleButton'), true);
      choice = { kind: 'custom', offsets: [offset] };
    }
    const text = await save(ctx, choice);
    await answer(ctx);
    await editHtml(ctx, text);
  });

  return composer;
}

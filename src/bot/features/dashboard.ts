import { Composer, Markup } from 'telegraf';
import { createSignInLink, endAllSessions, LINK_TTL_MS } from '../../domain/dashboard/auth.js';
import { onCommand, words } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

export const dashboardCommands: CommandSpec[] = [{ id: 'dasbor', en: 'dashboard', audience: 'member', where: 'private', description: 'cmd.dashboard' }];
const [spec] = dashboardCommands as [CommandSpec];

const SIGN_OUT_WORDS = new Set(['keluar', 'logout', 'signout']);

/** `/dasbor`: a personal one-time sign-in link (and the Mini App button over HTTPS); `/dasbor keluar`: end every session. */
export function dashboardFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  onCommand(composer, spec, async (ctx) => {
    const member = ctx.member!;
    const args = words(ctx.payload).map((w) => w.toLowerCase());
    if (args.length === 1 && SIGN_OUT_WORDS.has(args[0]!)) {
      const count = await endAllSessions(ctx.db, member.id);
      ctx.log.info({ member: member.id, count }, 'dashboard sessions ended');
      return replyHtml(ctx, ctx.t('dashboard.bot.signedOut', { count }));
    }
    if (args.length > 0) return replyHtml(ctx, ctx.t('dashboard.bot.usage'));
    const base = ctx.deps.dashboard?.url();
    if (!base) return replyHtml(ctx, ctx.t('dashboard.bot.notConfigured'));
    const { token } = await createSignInLink(ctx.db, member.id, ctx.deps.clock.now());
    const url = `${base}/dasbor/masuk/${token}`;
    const buttons = [];
    // Telegram accepts URL buttons and Mini Apps only over HTTPS (a local playground address is shown as text).
    if (base.startsWith('https:')) {
      buttons.push([Markup.button.url(ctx.t('dashboard.bot.openButton').toString(), url)]);
      buttons.push([Markup.button.webApp(ctx.t('dashboard.bot.miniAppButton').toString(), `${base}/dasbor`)]);
    }
    return replyHtml(ctx, ctx.t('dashboard.bot.link', { url, minutes: Math.round(LINK_TTL_MS / 60_000) }), buttons.length ? Markup.inlineKeyboard(buttons) : {});
  });
  return composer;
}

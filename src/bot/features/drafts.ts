import { Composer, Markup } from 'telegraf';
import type { Message } from 'telegraf/types';
import { canDraft, findDraftableIdea, type DraftableIdea } from '../../domain/drafts/access.js';
import { activeLayout, chooseLayout } from '../../domain/drafts/active-layout.js';
import { hasRole } from '../../domain/permissions.js';
import { allLayouts, findLayout, type Layout } from '../../domain/drafts/layout.js';
import { attachProgressMessage, cancelRequest, queuePosition, requestBuild, requestResend } from '../../domain/drafts/requests.js';
import { findDraftVersion, listDrafts } from '../../domain/drafts/versions.js';
import { formatDateTime, formatNumber, formatShortDate, formatTime } from '../../i18n/format.js';
import { joinHtml, type Html } from '../../i18n/index.js';
import { ChatUnreachableError } from '../../telegram/sender/errors.js';
import { callbackData } from '../callback-data.js';
import { onCommand, words, type CommandContext } from '../commands/on-command.js';
import type { CommandSpec } from '../commands/spec.js';
import type { BotContext } from '../context.js';
import { ensureRegistered, ensureRole, isPrivate } from '../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../reply.js';

export const draftCommands: CommandSpec[] = [
  { id: 'draf', en: 'draft', audience: 'member', where: 'both', description: 'cmd.draft' },
  { id: 'format', en: 'format', audience: 'coordinator', where: 'both', description: 'cmd.format' },
];
const [draftSpec, formatSpec] = draftCommands as [CommandSpec, CommandSpec];

/** The idea card's 📝 button (shown by the ideas feature): `draft:new:<ideaId>`. */
export const DRAFT_BUTTON_PATTERN = /^draft:new:(\d{1,9})$/;
const LAYOUT_BUTTON_PATTERN = /^draft:layout:([a-z0-9][a-z0-9-]{2,40})$/;

const HISTORY_WORDS = new Set(['riwayat', 'history', 'versi', 'versions']);
/** `/draf 12 format kipp-umum-2023`: a coordinator builds this one draft with another layout. */
const FORMAT_WORDS = new Set(['format', 'layout']);

/** Tells the member something: a reply to a command, an alert for a button. */
async function tell(ctx: BotContext, text: Html): Promise<void> {
  if (ctx.callbackQuery) await answer(ctx, text, true);
  else await replyHtml(ctx, text);
}

function parseIdeaId(arg: string | undefined): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(arg ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Finds the idea and checks the member may draft it; answers and returns undefined when not. */
async function draftableIdea(ctx: BotContext, id: number): Promise<DraftableIdea | undefined> {
  const idea = await findDraftableIdea(ctx.db, id);
  if (!idea) {
    await tell(ctx, ctx.t('drafts.notFound', { id }));
    return undefined;
  }
  if (!(await canDraft(ctx.db, ctx.member, idea))) {
    await tell(ctx, ctx.t('drafts.forbidden', { id }));
    return undefined;
  }
  return idea;
}

/**
 * Sends the progress message to the member's private chat (drafts are long and personal, so
 * they never land in a group). Undefined when the member has not opened a chat with the bot.
 */
async function sendProgress(ctx: BotContext, text: Html): Promise<Message.TextMessage | undefined> {
  try {
    return await ctx.telegram.sendMessage(ctx.from!.id, text.toString(), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  } catch (err) {
    if (err instanceof ChatUnreachableError) return undefined;
    throw err;
  }
}

/** After the progress message went out: what the member sees where they asked. */
async function acknowledge(ctx: BotContext, idea: DraftableIdea): Promise<void> {
  if (ctx.callbackQuery) await answer(ctx, isPrivate(ctx) ? undefined : ctx.t('drafts.sentPrivatelyShort'));
  else if (!isPrivate(ctx)) await replyHtml(ctx, ctx.t('drafts.sentPrivately', { name: idea.name }));
}

async function unreachable(ctx: BotContext): Promise<void> {
  await tell(ctx, ctx.t('drafts.privateUnreachable', { link: `https://t.me/${ctx.me}` }));
}

/**
 * Queues a build and answers at once; the drafts job does the writing. `chosen` is a layout a
 * coordinator named for this one draft; otherwise the forum-wide one (/format) is used.
 */
async function startBuild(ctx: BotContext, idea: DraftableIdea, chosen?: Layout): Promise<void> {
  const { config, clock } = ctx.deps;
  const member = ctx.member!;
  const layout = chosen ?? (await activeLayout(ctx.db, config.PROPOSAL_LAYOUT)).layout;
  const now = clock.now();
  const result = await requestBuild(ctx.db, {
    memberId: member.id,
    ideaId: idea.id,
    chatId: ctx.from!.id,
    language: ctx.lang,
    layoutId: layout.id,
    now,
    quotaPerHour: config.DRAFT_QUOTA_PER_HOUR,
  });
  if (!result.ok) {
    if (result.reason === 'pending') {
      if (result.delivering) return tell(ctx, ctx.t('drafts.delivering', { name: idea.name, version: result.delivering.version }));
      return tell(ctx, ctx.t('drafts.pending', { name: idea.name }));
    }
    return tell(ctx, ctx.t('drafts.quota', { max: config.DRAFT_QUOTA_PER_HOUR, at: formatDateTime(result.retryAt, ctx.lang, config.TZ_NAME) }));
  }
  const position = await queuePosition(ctx.db, result.request, config.DRAFT_CONCURRENCY, now);
  const layoutTitle = layout.title[ctx.lang];
  const text = position
    ? ctx.t('drafts.progress.queued', { name: idea.name, layout: layoutTitle, position })
    : ctx.t('drafts.progress.start', { name: idea.name, layout: layoutTitle });
  const sent = await sendProgress(ctx, text);
  if (!sent) {
    await cancelRequest(ctx.db, result.request.id);
    return unreachable(ctx);
  }
  await attachProgressMessage(ctx.db, result.request.id, sent.message_id);
  ctx.deps.jobs?.wake();
  await acknowledge(ctx, idea);
}

async function showHistory(ctx: BotContext, idea: DraftableIdea): Promise<void> {
  const list = await listDrafts(ctx.db, idea.id);
  if (list.length === 0) return void (await replyHtml(ctx, ctx.t('drafts.history.empty', { id: idea.id })));
  const tz = ctx.deps.config.TZ_NAME;
  const lines = list.map((d) =>
    ctx.t('drafts.history.line', {
      version: d.version,
      date: `${formatShortDate(d.createdAt, ctx.lang, tz)} ${formatTime(d.createdAt, ctx.lang, tz)}`,
      source:
        d.source === 'model' && d.model
          ? d.totalTokens !== null
            ? ctx.t('drafts.source.model', { model: d.model, tokens: formatNumber(d.totalTokens, ctx.lang) })
            : ctx.t('drafts.source.modelNoUsage', { model: d.model })
          : ctx.t('drafts.source.template'),
      by: d.by ?? ctx.t('common.none').toString(),
    }),
  );
  await replyHtml(ctx, joinHtml([ctx.t('drafts.history.title', { name: idea.name }), ...lines, '', ctx.t('drafts.history.hint', { id: idea.id, version: Math.max(...list.map((d) => d.version)) })], '\n'));
}

async function resend(ctx: BotContext, idea: DraftableIdea, version: number): Promise<void> {
  const draft = await findDraftVersion(ctx.db, idea.id, version);
  if (!draft) return void (await replyHtml(ctx, ctx.t('drafts.version.notFound', { id: idea.id, version })));
  const request = await requestResend(ctx.db, {
    memberId: ctx.member!.id,
    ideaId: idea.id,
    draftId: draft.id,
    chatId: ctx.from!.id,
    language: ctx.lang,
    layoutId: draft.layoutId,
    now: ctx.deps.clock.now(),
  });
  const sent = await sendProgress(ctx, ctx.t('drafts.progress.resend', { name: idea.name, version }));
  if (!sent) {
    await cancelRequest(ctx.db, request.id);
    return unreachable(ctx);
  }
  await attachProgressMessage(ctx.db, request.id, sent.message_id);
  ctx.deps.jobs?.wake();
  await acknowledge(ctx, idea);
}

/** The layouts a coordinator may name in `/draf 12 format …`, with the forum-wide one marked. */
async function layoutChoices(ctx: BotContext, ideaId: number, asked: string | undefined): Promise<Html> {
  const { layout: active } = await activeLayout(ctx.db, ctx.deps.config.PROPOSAL_LAYOUT);
  return joinHtml(
    [
      asked === undefined ? ctx.t('drafts.draftFormat.missing') : ctx.t('drafts.draftFormat.unknown', { id: asked }),
      ...allLayouts().map((l) => ctx.t('drafts.format.line', { id: l.id, title: l.title[ctx.lang], active: l.id === active.id })),
      '',
      ctx.t('drafts.draftFormat.hint', { id: ideaId, layout: allLayouts()[0]!.id }),
    ],
    '\n',
  );
}

/** `/draf 12 format <layout>`: coordinators only; the choice holds for this draft, not the forum's. */
async function onDraftWithLayout(ctx: CommandContext, id: number, args: string[]): Promise<void> {
  if (!hasRole(ctx.member, 'coordinator')) {
    const { layout: active } = await activeLayout(ctx.db, ctx.deps.config.PROPOSAL_LAYOUT);
    return void (await replyHtml(ctx, ctx.t('drafts.draftFormat.forbidden', { id, layout: active.title[ctx.lang] })));
  }
  const asked = args.length > 0 ? args.join(' ') : undefined;
  const layout = args.length === 1 ? findLayout(args[0]!.toLowerCase()) : undefined;
  if (!layout) return void (await replyHtml(ctx, await layoutChoices(ctx, id, asked)));
  const idea = await draftableIdea(ctx, id);
  if (!idea) return;
  ctx.log.info({ layout: layout.id, idea: idea.id, by: ctx.member?.id }, 'draft layout chosen for one draft');
  return startBuild(ctx, idea, layout);
}

async function onDraftCommand(ctx: CommandContext): Promise<void> {
  const [first, second, ...rest] = words(ctx.payload);
  const id = parseIdeaId(first);
  const sub = second?.toLowerCase();
  if (id !== undefined && sub !== undefined && FORMAT_WORDS.has(sub)) return onDraftWithLayout(ctx, id, rest);
  const version = sub ? /^v?(\d{1,6})$/.exec(sub) : null;
  if (id === undefined || rest.length > 0 || (sub !== undefined && !HISTORY_WORDS.has(sub) && !version)) {
    await replyHtml(ctx, ctx.t('drafts.usage'));
    return;
  }
  const idea = await draftableIdea(ctx, id);
  if (!idea) return;
  if (sub === undefined) return startBuild(ctx, idea);
  if (version) return resend(ctx, idea, Number(version[1]));
  return showHistory(ctx, idea);
}

async function layoutsView(ctx: BotContext): Promise<{ text: Html; keyboard: ReturnType<typeof Markup.inlineKeyboard> }> {
  const { layout: active, origin } = await activeLayout(ctx.db, ctx.deps.config.PROPOSAL_LAYOUT);
  const layouts = allLayouts();
  const text = joinHtml(
    [
      ctx.t('drafts.format.title'),
      ...layouts.map((l) => ctx.t('drafts.format.line', { id: l.id, title: l.title[ctx.lang], active: l.id === active.id })),
      '',
      ctx.t(`drafts.format.origin.${origin}`),
      ctx.t('drafts.format.hint'),
    ],
    '\n',
  );
  const keyboard = Markup.inlineKeyboard(
    layouts.map((l) => [Markup.button.callback(`${l.id === active.id ? '✅ ' : ''}${l.title[ctx.lang]}`, callbackData('draft', 'layout', l.id))]),
  );
  return { text, keyboard };
}

export function draftsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, draftSpec, onDraftCommand);

  composer.action(DRAFT_BUTTON_PATTERN, async (ctx) => {
    // Callback data can be forged: every check of /draf runs again here.
    if (!(await ensureRegistered(ctx))) return;
    const idea = await draftableIdea(ctx, Number(ctx.match[1]));
    if (!idea) return;
    await startBuild(ctx, idea);
  });

  onCommand(composer, formatSpec, async (ctx) => {
    const [id, ...rest] = words(ctx.payload);
    if (id === undefined) {
      const view = await layoutsView(ctx);
      await replyHtml(ctx, view.text, view.keyboard);
      return;
    }
    const layout = rest.length === 0 ? await chooseLayout(ctx.db, id.toLowerCase()) : undefined;
    if (!layout) return void (await replyHtml(ctx, ctx.t('drafts.format.unknown', { id: [id, ...rest].join(' ') })));
    ctx.log.info({ layout: layout.id, by: ctx.member?.id }, 'proposal layout chosen');
    await replyHtml(ctx, ctx.t('drafts.format.set', { title: layout.title[ctx.lang] }));
  });

  composer.action(LAYOUT_BUTTON_PATTERN, async (ctx) => {
    if (!(await ensureRole(ctx, 'coordinator'))) return;
    const layout = await chooseLayout(ctx.db, ctx.match[1]!);
    if (!layout) return answer(ctx, ctx.t('drafts.format.unknown', { id: ctx.match[1]! }), true);
    ctx.log.info({ layout: layout.id, by: ctx.member?.id }, 'proposal layout chosen');
    await answer(ctx, ctx.t('drafts.format.set', { title: layout.title[ctx.lang] }));
    const view = await layoutsView(ctx);
    await editHtml(ctx, view.text, view.keyboard);
  });

  return composer;
}

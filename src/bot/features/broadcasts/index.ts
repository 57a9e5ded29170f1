import { Composer, Markup } from 'telegraf';
import type { MessageEntity } from 'telegraf/types';
import type { DbOrTx } from '../../../db/client.js';
import type { BroadcastAudience, Conversation } from '../../../db/schema/index.js';
import { listActiveAgencies } from '../../../domain/agencies.js';
import { audienceSize, membersPerAgency } from '../../../domain/broadcasts/audience.js';
import { BROADCAST_MAX, checkBroadcastText, createBroadcastIn, entitiesFrom, stopBroadcast, type Entity } from '../../../domain/broadcasts/broadcasts.js';
import { withHeader } from '../../../domain/broadcasts/header.js';
import { displayName } from '../../../domain/members.js';
import { endConversation, getConversation, startConversation, updateConversation } from '../../../domain/conversations.js';
import { hasRole } from '../../../domain/permissions.js';
import type { Html } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { once } from '../../once.js';
import { coordinatorOnlyText } from '../../middlewares/guards.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { broadcastCommands } from './commands.js';

const KIND = 'broadcast';
const AGENCY_PAGE = 10;
const AUDIENCES: Record<string, BroadcastAudience> = { g: 'groups', m: 'members', a: 'agencies' };

interface Draft {
  text: string;
  entities: Entity[];
  audience?: BroadcastAudience;
  agencyIds?: number[];
}

const spec = (id: string) => broadcastCommands.find((c) => c.id === id)!;

function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

function textError(ctx: BotContext, check: ReturnType<typeof checkBroadcastText>): Html | undefined {
  if (check.ok) return undefined;
  return check.reason === 'empty' ? ctx.t('bc.empty') : ctx.t('bc.tooLong', { length: check.length, max: BROADCAST_MAX });
}

async function askAudience(ctx: BotContext, edit = false): Promise<void> {
  const [groups, members] = [await audienceSize(ctx.db, 'groups'), await audienceSize(ctx.db, 'members')];
  const keyboard = Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('bc.audience.groups', { n: groups }).toString(), callbackData('b', 'aud', 'g'))],
    [Markup.button.callback(ctx.t('bc.audience.members', { n: members }).toString(), callbackData('b', 'aud', 'm'))],
    [Markup.button.callback(ctx.t('bc.audience.agencies').toString(), callbackData('b', 'aud', 'a'))],
    [Markup.button.callback(ctx.t('bc.cancel').toString(), callbackData('b', 'x'))],
  ]);
  if (edit) await editHtml(ctx, ctx.t('bc.askAudience'), keyboard);
  else await replyHtml(ctx, ctx.t('bc.askAudience'), keyboard);
}

async function agencyPicker(ctx: BotContext, draft: Draft, page: number): Promise<void> {
  const [all, counts] = [await listActiveAgencies(ctx.db), await membersPerAgency(ctx.db)];
  const pages = Math.max(1, Math.ceil(all.length / AGENCY_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const selected = new Set(draft.agencyIds ?? []);
  const slice = all.slice((current - 1) * AGENCY_PAGE, current * AGENCY_PAGE);
  const rows = [];
  for (let i = 0; i < slice.length; i += 2) {
    rows.push(
      slice.slice(i, i + 2).map((a) =>
        Markup.button.callback(`${selected.has(a.id) ? '✅ ' : ''}${a.shortName} (${counts.get(a.id) ?? 0})`, callbackData('b', 'ag', a.id, current)),
      ),
    );
  }
  const nav = [];
  if (current > 1) nav.push(Markup.button.callback(ctx.t('pager.prev').toString(), callbackData('b', 'agp', current - 1)));
  if (current < pages) nav.push(Markup.button.callback(ctx.t('pager.next').toString(), callbackData('b', 'agp', current + 1)));
  if (nav.length) rows.push(nav);
  rows.push([Markup.button.callback(ctx.t('bc.agenciesDone', { n: selected.size }).toString(), callbackData('b', 'agok'))]);
  rows.push([Markup.button.callback(ctx.t('bc.cancel').toString(), callbackData('b', 'x'))]);
  await editHtml(ctx, ctx.t('bc.pickAgencies', { selected: selected.size, page: current, pages }), Markup.inlineKeyboard(rows));
}

/** Shows the message exactly as recipients will get it, then the count and Send / Cancel. */
async function preview(ctx: BotContext, draft: Draft): Promise<void> {
  const audience = draft.audience!;
  const agencyIds = draft.agencyIds ?? [];
  const count = await audienceSize(ctx.db, audience, agencyIds);
  if (count === 0) {
    await updateConversation(ctx.db, keyOf(ctx), 'audience', draft as unknown as Record<string, unknown>);
    await replyHtml(ctx, ctx.t('bc.noRecipients'));
    return askAudience(ctx);
  }
  await updateConversation(ctx.db, keyOf(ctx), 'confirm', draft as unknown as Record<string, unknown>);
  // The preview is what recipients get: the header naming the sender, then the message.
  const shown = withHeader(ctx.t('bc.header', { name: displayName(ctx.member!) }).toString(), draft.text, draft.entities);
  await ctx.reply(shown.text, { entities: shown.entities as MessageEntity[] });
  let label: string;
  if (audience === 'agencies') {
    const names = (await listActiveAgencies(ctx.db)).filter((a) => agencyIds.includes(a.id)).map((a) => a.shortName);
    label = ctx.t('bc.audienceLabel.agencies', { names: names.join(', ') }).toString();
  } else {
    label = ctx.t(`bc.audienceLabel.${audience}`).toString();
  }
  await replyHtml(
    ctx,
    ctx.t('bc.confirm', { audience: label, count }),
    Markup.inlineKeyboard([[Markup.button.callback(ctx.t('bc.send').toString(), callbackData('b', 'send')), Markup.button.callback(ctx.t('bc.cancel').toString(), callbackData('b', 'x'))]]),
  );
}

async function onText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  if (!hasRole(ctx.member, 'coordinator')) {
    await endConversation(ctx.db, keyOf(ctx));
    return void (await replyHtml(ctx, await coordinatorOnlyText(ctx)));
  }
  if (conversation.step !== 'text') return void (await replyHtml(ctx, ctx.t('sess.new.useButtons')));
  const check = checkBroadcastText(text);
  const error = textError(ctx, check);
  if (error) return void (await replyHtml(ctx, error));
  const entities = (ctx.message && 'entities' in ctx.message ? (ctx.message.entities ?? []) : []) as unknown as Entity[];
  await updateConversation(ctx.db, keyOf(ctx), 'audience', { text, entities });
  await askAudience(ctx);
}

/** The draft, if the dialog is at one of `steps` and the presser is (still) a coordinator. */
async function draftAt(ctx: BotContext, steps: string[], db: DbOrTx = ctx.db): Promise<Draft | undefined> {
  if (!ctx.chat || !ctx.from || !hasRole(ctx.member, 'coordinator')) return undefined;
  const conversation = await getConversation(db, keyOf(ctx));
  return conversation?.kind === KIND && steps.includes(conversation.step) ? (conversation.data as unknown as Draft) : undefined;
}

export function broadcastsFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(KIND, onText);

  onCommand(composer, spec('siaran'), async (ctx) => {
    const message = ctx.message && 'text' in ctx.message ? ctx.message : undefined;
    const payload = ctx.payload;
    if (!payload.trim() || !message) {
      await startConversation(ctx.db, keyOf(ctx), KIND, 'text', {});
      return replyHtml(ctx, ctx.t('bc.askText'));
    }
    const check = checkBroadcastText(payload);
    const error = textError(ctx, check);
    if (error) return replyHtml(ctx, error);
    const start = message.text.length - payload.length;
    const entities = entitiesFrom(message.entities as unknown as Entity[], start, payload.length);
    await startConversation(ctx.db, keyOf(ctx), KIND, 'audience', { text: payload, entities });
    await askAudience(ctx);
  });

  composer.action(/^b:aud:([gma])$/, async (ctx) => {
    const draft = await draftAt(ctx, ['audience', 'confirm']);
    if (!draft) return answer(ctx, ctx.t('bc.stale'), true);
    await answer(ctx);
    const audience = AUDIENCES[ctx.match[1]!]!;
    if (audience === 'agencies') {
      const next = { ...draft, audience, agencyIds: [] };
      await updateConversation(ctx.db, keyOf(ctx), 'agencies', next as unknown as Record<string, unknown>);
      return agencyPicker(ctx, next, 1);
    }
    await preview(ctx, { ...draft, audience });
  });

  composer.action(/^b:ag:(\d{1,9}):(\d{1,3})$/, async (ctx) => {
    const draft = await draftAt(ctx, ['agencies']);
    if (!draft) return answer(ctx, ctx.t('bc.stale'), true);
    await answer(ctx);
    const id = Number(ctx.match[1]);
    const selected = new Set(draft.agencyIds ?? []);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    const next = { ...draft, agencyIds: [...selected] };
    await updateConversation(ctx.db, keyOf(ctx), 'agencies', next as unknown as Record<string, unknown>);
    await agencyPicker(ctx, next, Number(ctx.match[2]));
  });

  composer.action(/^b:agp:(\d{1,3})$/, async (ctx) => {
    const draft = await draftAt(ctx, ['agencies']);
    if (!draft) return answer(ctx, ctx.t('bc.stale'), true);
    await answer(ctx);
    await agencyPicker(ctx, draft, Number(ctx.match[1]));
  });

  composer.action(/^b:agok$/, async (ctx) => {
    const draft = await draftAt(ctx, ['agencies']);
    if (!draft) return answer(ctx, ctx.t('bc.stale'), true);
    if (!draft.agencyIds?.length) return answer(ctx, ctx.t('bc.noAgencySelected'), true);
    await answer(ctx);
    await editHtml(ctx, ctx.t('bc.previewAbove'));
    await preview(ctx, draft);
  });

  composer.action(/^b:send$/, async (ctx) => {
    const message = ctx.callbackQuery.message;
    // The dialog is read and closed in the broadcast's own transaction: apart, a crash between them
    // would lose the broadcast, and a re-run of this press must find the broadcast it created.
    const { value: created } = await once(ctx, 'broadcast.create', async (tx) => {
      const draft = await draftAt(ctx, ['confirm'], tx);
      if (!draft?.audience || !message) return null;
      // Only the press that closes the dialog sends: a double tap never broadcasts twice.
      if (!(await endConversation(tx, keyOf(ctx)))) return null;
      const broadcast = await createBroadcastIn(tx, {
        createdBy: ctx.member!.id,
        text: draft.text,
        entities: draft.entities,
        audience: draft.audience,
        agencyIds: draft.agencyIds ?? [],
        progress: { chatId: ctx.chat!.id, messageId: message.message_id },
        now: ctx.deps.clock.now(),
      });
      return { id: broadcast.id, total: broadcast.total };
    });
    if (!created) return answer(ctx, ctx.t('bc.stale'), true);
    await answer(ctx);
    await editHtml(ctx, ctx.t('bc.progress', { id: created.id, done: 0, total: created.total, delivered: 0, failed: 0, skipped: 0 }));
    ctx.deps.jobs?.wake();
  });

  composer.action(/^b:x$/, async (ctx) => {
    const draft = await draftAt(ctx, ['text', 'audience', 'agencies', 'confirm']);
    if (!draft) return answer(ctx, ctx.t('bc.stale'), true);
    await answer(ctx);
    await endConversation(ctx.db, keyOf(ctx));
    await editHtml(ctx, ctx.t('bc.discarded'));
  });

  onCommand(composer, spec('siaran_batal'), async (ctx) => {
    const arg = words(ctx.payload)[0];
    const id = arg === undefined ? undefined : /^#?\d{1,9}$/.test(arg) ? Number(arg.replace('#', '')) : NaN;
    if (Number.isNaN(id)) return replyHtml(ctx, ctx.t('bc.stopUsage'));
    const result = await stopBroadcast(ctx.deps.database.db, { ...(id !== undefined ? { id } : {}), by: ctx.member!.id, now: ctx.deps.clock.now() });
    if (!result.ok) {
      if (result.reason === 'none') return replyHtml(ctx, ctx.t('bc.nothingToStop'));
      if (result.reason === 'not_found') return replyHtml(ctx, ctx.t('bc.notFound', { id: String(id) }));
      return replyHtml(ctx, ctx.t('bc.alreadyFinished'));
    }
    ctx.deps.jobs?.wake();
    await replyHtml(ctx, ctx.t('bc.stopping', { id: result.broadcast.id }));
  });

  return composer;
}

import { Composer } from 'telegraf';
import type { Conversation } from '../../../db/schema/index.js';
import { endConversation, startConversation } from '../../../domain/conversations.js';
import { canAddEvidence, canRemoveEvidence, ideaPeopleOf } from '../../../domain/evidence/access.js';
import { findIndicator, indicatorSetFor, type IndicatorSet } from '../../../domain/evidence/indicators.js';
import { addLinkEvidence, coveredIndicators, evidenceProgress, findEvidenceIdea, listEvidence, removeEvidence, type EvidenceIdea } from '../../../domain/evidence/items.js';
import { loadEvidenceRecap } from '../../../domain/evidence/recap.js';
import { requestZip } from '../../../domain/evidence/requests.js';
import { yearIn } from '../../../i18n/format.js';
import type { Html } from '../../../i18n/index.js';
import { onCommand, words, type CommandContext } from '../../commands/on-command.js';
import type { CommandSpec } from '../../commands/spec.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { ensureRegistered, isPrivate } from '../../middlewares/guards.js';
import { once } from '../../once.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { indicatorView, overview, renderRecap, type RenderContext } from '../../views/evidence.js';
import { EVIDENCE_CONVERSATION, evidenceUploads, type EvidenceDialog } from './upload.js';

export const evidenceCommands: CommandSpec[] = [
  { id: 'bukti', en: 'evidence', audience: 'member', where: 'private', description: 'cmd.evidence' },
  { id: 'bukti_rekap', en: 'evidence_recap', audience: 'coordinator', where: 'both', description: 'cmd.evidenceRecap' },
];
const [evidenceSpec, recapSpec] = evidenceCommands as [CommandSpec, CommandSpec];

const DOWNLOAD = new Set(['unduh', 'download', 'zip']);

export function renderOf(ctx: BotContext): RenderContext {
  return { t: ctx.t, lang: ctx.lang, timeZone: ctx.deps.config.TZ_NAME };
}

/** The year's indicator list: this WITA year's file, or the newest before it. */
export function currentSet(ctx: BotContext): IndicatorSet {
  return indicatorSetFor(yearIn(ctx.deps.clock.now(), ctx.deps.config.TZ_NAME));
}

async function tell(ctx: BotContext, text: Html): Promise<void> {
  if (ctx.callbackQuery) await answer(ctx, text, true);
  else await replyHtml(ctx, text);
}

/** Loads the idea and checks the member may work on its evidence; answers and returns undefined when not. */
export async function evidenceIdea(ctx: BotContext, id: number): Promise<EvidenceIdea | undefined> {
  const idea = await findEvidenceIdea(ctx.db, id);
  if (!idea) {
    await tell(ctx, ctx.t('evidence.notFound', { id }));
    return undefined;
  }
  if (!canAddEvidence(ctx.member, idea, await ideaPeopleOf(ctx.db, idea.id))) {
    await tell(ctx, ctx.t('evidence.forbidden', { id }));
    return undefined;
  }
  return idea;
}

async function showOverview(ctx: BotContext, idea: EvidenceIdea, edit: boolean): Promise<void> {
  const set = currentSet(ctx);
  const covered = (await coveredIndicators(ctx.db, [idea.id], set)).get(idea.id) ?? new Set<string>();
  const { text, keyboard } = overview(renderOf(ctx), set, idea, covered);
  if (edit) await editHtml(ctx, text, keyboard);
  else await replyHtml(ctx, text, keyboard);
}

async function queueZip(ctx: BotContext, idea: EvidenceIdea): Promise<void> {
  const set = currentSet(ctx);
  const member = ctx.member!;
  const key = ctx.callbackQuery ? `cb:${ctx.callbackQuery.id}` : `${ctx.chat!.id}:${ctx.msgId ?? ctx.update.update_id}`;
  const { value } = await once(ctx, 'evidence.zip', (tx) =>
    requestZip(tx, { key, chatId: ctx.from!.id, payload: { ideaId: idea.id, year: set.year, memberId: member.id, lang: ctx.lang }, now: ctx.deps.clock.now() }),
  );
  if (value === 'busy') return tell(ctx, ctx.t('evidence.zip.busy', { name: idea.name }));
  ctx.deps.jobs?.wake();
  if (ctx.callbackQuery) await answer(ctx);
  await replyHtml(ctx, ctx.t('evidence.zip.queued', { name: idea.name }));
}

async function onEvidenceCommand(ctx: CommandContext): Promise<void> {
  const [first, second, ...rest] = words(ctx.payload);
  const m = /^#?(\d{1,9})$/.exec(first ?? '');
  const sub = second?.toLowerCase();
  if (!m || rest.length > 0 || (sub !== undefined && !DOWNLOAD.has(sub))) return void (await replyHtml(ctx, ctx.t('evidence.usage')));
  const idea = await evidenceIdea(ctx, Number(m[1]));
  if (!idea) return;
  if (sub) return queueZip(ctx, idea);
  await showOverview(ctx, idea, false);
}

async function onRecapCommand(ctx: CommandContext): Promise<void> {
  const args = words(ctx.payload);
  const year = args[0] && /^\d{4}$/.test(args[0]) ? Number(args[0]) : undefined;
  if (args.length > 1 || (args[0] !== undefined && year === undefined)) return void (await replyHtml(ctx, ctx.t('evidence.recap.usage')));
  const set = year !== undefined ? indicatorSetFor(year) : currentSet(ctx);
  const recap = await loadEvidenceRecap(ctx.db, set);
  await replyHtml(ctx, renderRecap(renderOf(ctx), set, recap));
}

/** Text in the evidence dialog: a link is kept as evidence; anything else is told what to send. */
async function onDialogText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const dialog = conversation.data as unknown as EvidenceDialog;
  const idea = await evidenceIdea(ctx, dialog.ideaId);
  if (!idea) return void (await endConversation(ctx.db, { chatId: ctx.chat!.id, userId: ctx.from!.id }));
  const set = indicatorSetFor(dialog.year);
  const ind = findIndicator(set, dialog.indicator);
  const url = /https?:\/\/[^\s<>"]+/i.exec(text)?.[0];
  let valid = false;
  try {
    valid = url !== undefined && url.length <= 2000 && ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    valid = false;
  }
  if (!ind || !url || !valid) return void (await replyHtml(ctx, ctx.t('evidence.noFile')));
  const caption = text.replace(url, '').replace(/\s+/g, ' ').trim().slice(0, 1000) || null;
  const member = ctx.member!;
  await once(ctx, 'evidence.link', (tx) =>
    addLinkEvidence(tx, { ideaId: idea.id, year: set.year, indicator: ind.code, addedBy: member.id, caption, at: ctx.deps.clock.now(), url }),
  );
  const progress = await evidenceProgress(ctx.db, idea.id, set.year);
  await replyHtml(ctx, ctx.t('evidence.linkStored', { url, number: ind.number, indicator: ind.name[ctx.lang], done: progress.done, total: progress.total, id: idea.id }));
}

export function evidenceFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(EVIDENCE_CONVERSATION, onDialogText);

  onCommand(composer, evidenceSpec, onEvidenceCommand);
  onCommand(composer, recapSpec, onRecapCommand);

  // Choosing an indicator opens the dialog that takes the next file, photo or link.
  composer.action(/^ev:i:(\d{1,9}):([a-z][a-z0-9-]{1,30})$/, async (ctx) => {
    if (!(await ensureRegistered(ctx))) return;
    if (!isPrivate(ctx)) return answer(ctx, ctx.t('guard.privateOnly'), true);
    const idea = await evidenceIdea(ctx, Number(ctx.match[1]));
    if (!idea) return;
    const set = currentSet(ctx);
    const ind = findIndicator(set, ctx.match[2]!);
    if (!ind) return answer(ctx, ctx.t('guard.staleButton'), true);
    await answer(ctx);
    const dialog: EvidenceDialog = { ideaId: idea.id, year: set.year, indicator: ind.code };
    await startConversation(ctx.db, { chatId: ctx.chat!.id, userId: ctx.from.id }, EVIDENCE_CONVERSATION, 'file', { ...dialog });
    const items = await listEvidence(ctx.db, idea.id, set.year, ind.code);
    const { text, keyboard } = indicatorView(renderOf(ctx), idea, ind, items, canRemoveEvidence(ctx.member));
    await editHtml(ctx, text, keyboard);
  });

  composer.action(/^ev:o:(\d{1,12})$/, async (ctx) => {
    if (!(await ensureRegistered(ctx))) return;
    const idea = await evidenceIdea(ctx, Number(ctx.match[1]));
    if (!idea) return;
    await answer(ctx);
    await showOverview(ctx, idea, true);
  });

  composer.action(/^ev:z:(\d{1,12})$/, async (ctx) => {
    if (!(await ensureRegistered(ctx))) return;
    const idea = await evidenceIdea(ctx, Number(ctx.match[1]));
    if (!idea) return;
    await queueZip(ctx, idea);
  });

  // Removal: coordinators only, checked here again (callback data can be forged); the row stays, marked.
  composer.action(/^ev:rm:(\d{1,12})$/, async (ctx) => {
    if (!canRemoveEvidence(ctx.member)) return answer(ctx, ctx.t('evidence.removeForbidden'), true);
    const itemId = Number(ctx.match[1]);
    const member = ctx.member!;
    const { value: removed } = await once(ctx, 'evidence.remove', async (tx) => (await removeEvidence(tx, itemId, member.id, ctx.deps.clock.now())) ?? null);
    if (!removed) return answer(ctx, ctx.t('evidence.removeGone'), true);
    const idea = await findEvidenceIdea(ctx.db, removed.ideaId);
    const set = indicatorSetFor(removed.year);
    const ind = findIndicator(set, removed.indicator);
    await answer(ctx, ctx.t('evidence.removed', { number: ind?.number ?? 0 }));
    if (!idea || !ind) return;
    const items = await listEvidence(ctx.db, idea.id, set.year, ind.code);
    const { text, keyboard } = indicatorView(renderOf(ctx), idea, ind, items, true);
    await editHtml(ctx, text, keyboard);
  });

  composer.use(evidenceUploads());
  return composer;
}

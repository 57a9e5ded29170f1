import type { Idea, Member } from '../../../db/schema/index.js';
import { parseIdeaNumber } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import { loadIdeaCard, type IdeaCardData } from '../../../domain/ideas/card.js';
import { checkMove, nextStage } from '../../../domain/ideas/stages.js';
import { hasRole, isRegistered } from '../../../domain/permissions.js';
import { showNoteButton } from '../../../domain/coaching/card.js';
import { mayDraft } from '../../../domain/drafts/access.js';
import type { BotContext } from '../../context.js';
import { cardKeyboard, type NextMove } from '../../keyboards/ideas.js';
import { isPrivate } from '../../middlewares/guards.js';
import { editHtml, replyHtml } from '../../reply.js';
import { renderCard, type ViewContext } from '../../views/ideas.js';

export function viewOf(ctx: BotContext): ViewContext {
  return { t: ctx.t, lang: ctx.lang, timeZone: ctx.deps.config.TZ_NAME, now: ctx.deps.clock.now() };
}

export function nowOf(ctx: BotContext): Date {
  return ctx.deps.clock.now();
}

/** A card in a private chat is drawn for its reader; in a group it is shared, so it shows no personal buttons. */
export function cardViewer(ctx: BotContext): Member | null {
  return isPrivate(ctx) && isRegistered(ctx.member) ? ctx.member : null;
}

/** The ➡️ button: the next stage on the path if the viewer may move there, or reopening for coordinators. */
function nextMoveFor(viewer: Member | null, data: IdeaCardData): NextMove | undefined {
  const { idea } = data;
  if (!viewer) return undefined;
  if (idea.stage === 'archived') {
    if (!hasRole(viewer, 'coordinator')) return undefined;
    return { from: 'archived', to: data.viewer?.reopenTo ?? 'pitched', reopen: true };
  }
  const to = nextStage(idea.stage);
  if (!to || !checkMove({ actor: viewer, idea, to }).ok) return undefined;
  return { from: idea.stage, to, reopen: false };
}

/** The card as drawn for this chat: with the reader's facts (their 👍, co-authorship, coaching) in private. */
export async function loadCardFor(ctx: BotContext, ideaId: number): Promise<IdeaCardData | undefined> {
  return loadIdeaCard(ctx.db, ideaId, undefined, cardViewer(ctx)?.id);
}

/**
 * The card with its buttons, from data loaded by loadCardFor (no further query). 📝 appears only on
 * a private card drawn for someone who may draft (owner, co-author, coordinator); a card in a group
 * is shared, so it has none: there the owner uses /draf, and the draft goes to the private chat anyway.
 */
export function cardMessage(ctx: BotContext, data: IdeaCardData) {
  const viewer = cardViewer(ctx);
  const facts = viewer && data.viewer?.memberId === viewer.id ? data.viewer : undefined;
  const next = nextMoveFor(viewer, data);
  const coachNote = viewer !== null && showNoteButton(viewer, data, facts?.coach ?? false);
  const draft = viewer ? mayDraft(viewer, data.idea, facts?.collaborator ?? false) : false;
  const supported = viewer && viewer.id !== data.idea.ownerId ? (facts?.supports ?? false) : undefined;
  return { text: renderCard(viewOf(ctx), data), keyboard: cardKeyboard(ctx.t, data.idea.id, next, { coachNote, draft, supported }) };
}

/**
 * Replies with the card (in the same chat and forum topic); false, with an explanation, when there is
 * no such idea. `drawn`: the card data the caller already has (a pitch just saved), not read again.
 */
export async function sendCard(ctx: BotContext, ideaId: number, drawn?: IdeaCardData): Promise<boolean> {
  const data = drawn ?? (await loadCardFor(ctx, ideaId));
  if (!data) {
    await replyHtml(ctx, ctx.t('ideas.notFound', { id: ideaId }));
    return false;
  }
  const { text, keyboard } = cardMessage(ctx, data);
  await replyHtml(ctx, text, keyboard);
  return true;
}

/** Redraws the card a button was pressed on (counts, stage, buttons). */
export async function refreshCard(ctx: BotContext, ideaId: number): Promise<boolean> {
  const data = await loadCardFor(ctx, ideaId);
  if (!data) return false;
  const { text, keyboard } = cardMessage(ctx, data);
  await editHtml(ctx, text, keyboard);
  return true;
}

/**
 * Reads the idea number argument and loads the idea, answering bad or unknown numbers
 * (`/ide abc`, `/ide 999`) itself.
 */
export async function ideaFromArg(ctx: BotContext, word: string | undefined, usage: UsageKey): Promise<Idea | undefined> {
  if (!word) {
    await replyHtml(ctx, ctx.t(usage));
    return undefined;
  }
  const id = parseIdeaNumber(word);
  if (id === undefined) {
    await replyHtml(ctx, ctx.t('ideas.badNumber', { input: word.slice(0, 40) }));
    return undefined;
  }
  const idea = await findIdea(ctx.db, id);
  if (!idea) await replyHtml(ctx, ctx.t('ideas.notFound', { id }));
  return idea;
}

/** Where an update happened, for keying dialogs. */
export function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

export type UsageKey = 'ideas.comment.usage' | 'ideas.stage.usage' | 'ideas.edit.usage' | 'ideas.award.usage';

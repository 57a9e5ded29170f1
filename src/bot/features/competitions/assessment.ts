import { Composer, Markup } from 'telegraf';
import type { Conversation, Draft } from '../../../db/schema/index.js';
import {
  COMMENT_MAX,
  criterionTitle,
  myScores,
  saveComment,
  saveScore,
  scoreAccess,
  type ScoreAccess,
} from '../../../domain/competitions/assessment.js';
import { latestDraft } from '../../../domain/competitions/candidates.js';
import { startConversation } from '../../../domain/conversations.js';
import { attachProgressMessage, requestResend } from '../../../domain/drafts/requests.js';
import { formatShortDate } from '../../../i18n/format.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { callbackData } from '../../callback-data.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { competitionSpec } from './commands.js';
import { fmt, parseCandidateNumber } from './shared.js';

export const SCORE_KIND = 'competition.score';

type Granted = Extract<ScoreAccess, { ok: true }>;

function keyOf(ctx: BotContext) {
  return { chatId: ctx.chat!.id, userId: ctx.from!.id };
}

function refusal(ctx: BotContext, access: Exclude<ScoreAccess, { ok: true }>): Html {
  switch (access.reason) {
    case 'no_candidate':
      return ctx.t('comp.cand.notFound', { id: 0 });
    case 'not_assessor':
      return ctx.t('comp.score.notAssessor');
    case 'own_agency':
      return ctx.t('comp.score.ownAgency', { agency: access.candidate!.agencyShort });
    case 'closed':
      return ctx.t('comp.score.closed');
  }
}

function header(ctx: BotContext, access: Granted, draft: Draft | undefined): Html {
  const { candidate, round } = access;
  return ctx.t('comp.score.header', {
    id: candidate.id,
    idea: candidate.ideaId,
    name: candidate.ideaName,
    agency: candidate.agencyShort,
    round: `K${round.id} · ${round.name}`,
    draft: draft
      ? ctx.t('comp.score.draft', { version: draft.version, date: formatShortDate(draft.createdAt, ctx.lang, ctx.deps.config.TZ_NAME) }).toString()
      : ctx.t('comp.score.noDraft').toString(),
  });
}

/** One criterion with its 1–10 buttons, the assessor's current score and comment. */
async function criterionPanel(ctx: BotContext, access: Granted, index: number) {
  const { candidate, criteria } = access;
  const c = criteria[index]!;
  const mine = (await myScores(ctx.db, candidate.id, ctx.member!.id)).find((s) => s.criterion === c.key);
  const draft = await latestDraft(ctx.db, candidate.ideaId);
  const text = joinHtml([
    header(ctx, access, draft),
    ctx.t('comp.score.criterion', {
      n: index + 1,
      total: criteria.length,
      title: criterionTitle(c, ctx.lang),
      weight: c.weight,
      current: mine ? String(mine.score) : ctx.t('comp.score.none').toString(),
      comment: mine?.comment ? ctx.t('comp.score.commentShown', { comment: mine.comment }) : '',
    }),
  ]);
  const scoreButton = (n: number) => Markup.button.callback(mine?.score === n ? `• ${n} •` : String(n), callbackData('cmp', 's', candidate.id, index, n));
  const nav = [
    ...(index > 0 ? [Markup.button.callback(ctx.t('comp.score.prev').toString(), callbackData('cmp', 'g', candidate.id, index - 1))] : []),
    ...(index < criteria.length - 1 ? [Markup.button.callback(ctx.t('comp.score.next').toString(), callbackData('cmp', 'g', candidate.id, index + 1))] : []),
  ];
  const keyboard = Markup.inlineKeyboard([
    [1, 2, 3, 4, 5].map(scoreButton),
    [6, 7, 8, 9, 10].map(scoreButton),
    nav,
    [
      ...(draft ? [Markup.button.callback(ctx.t('comp.score.openDraft', { version: draft.version }).toString(), callbackData('cmp', 'dr', candidate.id))] : []),
      Markup.button.callback(ctx.t('comp.score.done').toString(), callbackData('cmp', 'd', candidate.id)),
    ],
  ]);
  return { text, keyboard };
}

async function summary(ctx: BotContext, access: Granted): Promise<Html> {
  const { candidate, criteria } = access;
  const mine = await myScores(ctx.db, candidate.id, ctx.member!.id);
  const byKey = new Map(mine.map((s) => [s.criterion, s.score]));
  const weightSum = criteria.reduce((s, c) => s + c.weight, 0) || 1;
  const complete = criteria.every((c) => byKey.has(c.key));
  const total = complete ? (criteria.reduce((s, c) => s + byKey.get(c.key)! * c.weight, 0) * 10) / weightSum : null;
  return joinHtml([
    header(ctx, access, await latestDraft(ctx.db, candidate.ideaId)),
    ...criteria.map((c) => ctx.t('comp.score.summaryLine', { title: criterionTitle(c, ctx.lang), score: byKey.has(c.key) ? String(byKey.get(c.key)) : '—' })),
    ctx.t('comp.score.summary', { total: fmt(total, ctx.lang), scored: criteria.filter((c) => byKey.has(c.key)).length, count: criteria.length }),
  ]);
}

async function accessFor(ctx: BotContext, candidateId: number): Promise<ScoreAccess> {
  return scoreAccess(ctx.db, ctx.member!, candidateId);
}

/** `/nilai <kandidat>`: the guided scoring dialog, one criterion at a time, with buttons. */
export function assessmentFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, competitionSpec('nilai'), async (ctx) => {
    const [word] = words(ctx.payload);
    if (!word) return replyHtml(ctx, ctx.t('comp.score.usage'));
    const id = parseCandidateNumber(word);
    if (id === undefined) return replyHtml(ctx, ctx.t('comp.cand.badNumber', { input: word.slice(0, 40) }));
    const access = await accessFor(ctx, id);
    if (!access.ok) return replyHtml(ctx, access.reason === 'no_candidate' ? ctx.t('comp.cand.notFound', { id }) : refusal(ctx, access));
    if (access.criteria.length === 0) return replyHtml(ctx, ctx.t('comp.score.noCriteria'));
    const scored = new Set((await myScores(ctx.db, id, ctx.member!.id)).map((s) => s.criterion));
    const firstOpen = Math.max(0, access.criteria.findIndex((c) => !scored.has(c.key)));
    await startConversation(ctx.db, keyOf(ctx), SCORE_KIND, 'criterion', { candidateId: id, criterion: null });
    const { text, keyboard } = await criterionPanel(ctx, access, firstOpen);
    await replyHtml(ctx, text, keyboard);
  });

  composer.action(/^cmp:s:(\d{1,9}):(\d{1,2}):(\d{1,2})$/, async (ctx) => {
    const candidateId = Number(ctx.match[1]);
    const index = Number(ctx.match[2]);
    const score = Number(ctx.match[3]);
    if (!ctx.member || ctx.chat?.type !== 'private') return answer(ctx, ctx.t('guard.staleButton'), true);
    const access = await accessFor(ctx, candidateId);
    if (!access.ok) return answer(ctx, refusal(ctx, access), true);
    const criterion = access.criteria[index];
    if (!criterion || score < 1 || score > 10) return answer(ctx, ctx.t('guard.staleButton'), true);
    await saveScore(ctx.db, { candidateId, assessorId: ctx.member.id, criterion: criterion.key, score, now: ctx.deps.clock.now() });
    await startConversation(ctx.db, keyOf(ctx), SCORE_KIND, 'criterion', { candidateId, criterion: criterion.key });
    await answer(ctx, ctx.t('comp.score.saved', { score }));
    if (index + 1 < access.criteria.length) {
      const { text, keyboard } = await criterionPanel(ctx, access, index + 1);
      await editHtml(ctx, text, keyboard);
    } else {
      await editHtml(ctx, await summary(ctx, access));
    }
  });

  composer.action(/^cmp:g:(\d{1,9}):(\d{1,2})$/, async (ctx) => {
    const candidateId = Number(ctx.match[1]);
    const index = Number(ctx.match[2]);
    if (!ctx.member || ctx.chat?.type !== 'private') return answer(ctx, ctx.t('guard.staleButton'), true);
    const access = await accessFor(ctx, candidateId);
    if (!access.ok) return answer(ctx, refusal(ctx, access), true);
    if (!access.criteria[index]) return answer(ctx, ctx.t('guard.staleButton'), true);
    await answer(ctx);
    const { text, keyboard } = await criterionPanel(ctx, access, index);
    await editHtml(ctx, text, keyboard);
  });

  composer.action(/^cmp:d:(\d{1,9})$/, async (ctx) => {
    const candidateId = Number(ctx.match[1]);
    if (!ctx.member || ctx.chat?.type !== 'private') return answer(ctx, ctx.t('guard.staleButton'), true);
    const access = await accessFor(ctx, candidateId);
    if (!access.ok) return answer(ctx, refusal(ctx, access), true);
    await answer(ctx);
    await editHtml(ctx, await summary(ctx, access));
  });

  // The assessor reads the candidate's latest draft: the drafts job sends it again, to the assessor.
  composer.action(/^cmp:dr:(\d{1,9})$/, async (ctx) => {
    const candidateId = Number(ctx.match[1]);
    if (!ctx.member || ctx.chat?.type !== 'private') return answer(ctx, ctx.t('guard.staleButton'), true);
    const access = await accessFor(ctx, candidateId);
    if (!access.ok) return answer(ctx, refusal(ctx, access), true);
    const draft = await latestDraft(ctx.db, access.candidate.ideaId);
    if (!draft) return answer(ctx, ctx.t('comp.score.noDraftToOpen'), true);
    await answer(ctx);
    const request = await requestResend(ctx.db, {
      memberId: ctx.member.id,
      ideaId: draft.ideaId,
      draftId: draft.id,
      chatId: ctx.from!.id,
      language: ctx.lang,
      layoutId: draft.layoutId,
      now: ctx.deps.clock.now(),
    });
    const sent = await replyHtml(ctx, ctx.t('drafts.progress.resend', { name: access.candidate.ideaName, version: draft.version }));
    await attachProgressMessage(ctx.db, request.id, sent.message_id);
    ctx.deps.jobs?.wake();
  });

  // A typed message during the dialog is the comment on the criterion scored last.
  registries.conversations.register(SCORE_KIND, async (ctx: BotContext, conversation: Conversation, text: string) => {
    const data = conversation.data as { candidateId: number; criterion: string | null };
    if (!data.criterion) return void (await replyHtml(ctx, ctx.t('comp.score.commentFirst')));
    const access = await accessFor(ctx, data.candidateId);
    if (!access.ok) return void (await replyHtml(ctx, refusal(ctx, access)));
    const comment = text.trim();
    if (comment.length > COMMENT_MAX) return void (await replyHtml(ctx, ctx.t('comp.score.commentTooLong', { max: COMMENT_MAX })));
    const criterion = access.criteria.find((c) => c.key === data.criterion);
    if (!criterion) return void (await replyHtml(ctx, ctx.t('comp.score.commentFirst')));
    const saved = await saveComment(ctx.db, { candidateId: data.candidateId, assessorId: ctx.member!.id, criterion: criterion.key, comment, now: ctx.deps.clock.now() });
    await replyHtml(ctx, saved ? ctx.t('comp.score.commentSaved', { title: criterionTitle(criterion, ctx.lang) }) : ctx.t('comp.score.commentFirst'));
  });

  return composer;
}

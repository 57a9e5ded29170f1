import { Composer } from 'telegraf';
import { moveCandidate, planApprovedNotice, registerCandidate, requestCandidacy } from '../../../domain/competitions/candidates.js';
import { findRound } from '../../../domain/competitions/rounds.js';
import { telegramIdOf } from '../../../domain/members.js';
import { parseIdeaNumber } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import { hasRole } from '../../../domain/permissions.js';
import { joinHtml } from '../../../i18n/index.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { answer, editHtml, replyHtml } from '../../reply.js';
import { competitionSpec } from './commands.js';
import { candidateFromArg, roundFromArg, stepLabel } from './shared.js';

type Registered = { ok: true; id: number; reminders: number } | { ok: false; reason: 'no_round' | 'no_idea' | 'already'; id: number };

/** Registers once per update; after an owner's request, the owner is told in the same transaction. */
async function register(ctx: BotContext, roundId: number, ideaId: number, notifyOwner: number | null): Promise<Registered> {
  const actorId = ctx.member!.id;
  const now = ctx.deps.clock.now();
  const { value } = await once(ctx, 'competition.candidate', async (tx): Promise<Registered> => {
    const r = await registerCandidate(tx, { roundId, ideaId, actorId, now, timeZone: ctx.deps.config.TZ_NAME });
    if (!r.ok) return { ok: false, reason: r.reason, id: r.candidateId ?? 0 };
    if (notifyOwner !== null) {
      const ownerTelegramId = await telegramIdOf(tx, notifyOwner);
      if (ownerTelegramId !== undefined) await planApprovedNotice(tx, { candidateId: r.candidate.id, ownerTelegramId, now });
    }
    return { ok: true, id: r.candidate.id, reminders: r.reminders };
  });
  if (notifyOwner !== null) ctx.deps.jobs?.wake();
  return value;
}

/** `/kandidat <ide> <kompetisi>` (coordinators; owners ask and a coordinator approves) and `/tahap_kandidat <kandidat> <tahap>`. */
export function candidatesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, competitionSpec('kandidat'), async (ctx) => {
    const [ideaWord, roundWord] = words(ctx.payload);
    if (!ideaWord || !roundWord) return replyHtml(ctx, ctx.t('comp.cand.usage'));
    const ideaId = parseIdeaNumber(ideaWord);
    if (ideaId === undefined) return replyHtml(ctx, ctx.t('ideas.badNumber', { input: ideaWord.slice(0, 40) }));
    const idea = await findIdea(ctx.db, ideaId);
    if (!idea) return replyHtml(ctx, ctx.t('ideas.notFound', { id: ideaId }));
    const coordinator = hasRole(ctx.member, 'coordinator');
    if (!coordinator && idea.ownerId !== ctx.member!.id) return replyHtml(ctx, ctx.t('comp.cand.forbidden'));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    const actorId = ctx.member!.id;
    const now = ctx.deps.clock.now();
    const roundName = `K${round.id} · ${round.name}`;
    if (!coordinator) {
      // The owner asks; a coordinator approves with the button on the request.
      const { value } = await once(ctx, 'competition.request', (tx) => requestCandidacy(tx, { roundId: round.id, ideaId: idea.id, requesterId: actorId, now }));
      if (!value.ok) return replyHtml(ctx, ctx.t('comp.cand.already', { id: 0 }));
      ctx.deps.jobs?.wake();
      return replyHtml(ctx, ctx.t('comp.cand.requested', { name: idea.name, round: roundName, coordinators: value.coordinators }));
    }
    const value = await register(ctx, round.id, idea.id, null);
    if (!value.ok) {
      if (value.reason === 'already') return replyHtml(ctx, ctx.t('comp.cand.already', { id: value.id }));
      return replyHtml(ctx, ctx.t('ideas.gone'));
    }
    await replyHtml(
      ctx,
      ctx.t('comp.cand.registered', { id: value.id, idea: idea.id, name: idea.name, round: roundName, step: stepLabel(round, round.steps[0]!.key, ctx.lang), reminders: value.reminders }),
    );
  });

  // A coordinator approves an owner's request (the button on the request message).
  composer.action(/^cmp:ap:(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    if (!hasRole(ctx.member, 'coordinator')) return answer(ctx, ctx.t('guard.coordinatorOnly'), true);
    const round = await findRound(ctx.db, Number(ctx.match[1]));
    const idea = await findIdea(ctx.db, Number(ctx.match[2]));
    if (!round || !idea) return answer(ctx, ctx.t('guard.staleButton'), true);
    const value = await register(ctx, round.id, idea.id, idea.ownerId);
    if (!value.ok) {
      await answer(ctx);
      return editHtml(ctx, value.reason === 'already' ? ctx.t('comp.cand.already', { id: value.id }) : ctx.t('ideas.gone'));
    }
    await answer(ctx);
    await editHtml(
      ctx,
      ctx.t('comp.cand.registered', { id: value.id, idea: idea.id, name: idea.name, round: `K${round.id} · ${round.name}`, step: stepLabel(round, round.steps[0]!.key, ctx.lang), reminders: value.reminders }),
    );
  });

  onCommand(composer, competitionSpec('tahap_kandidat'), async (ctx) => {
    const [candWord, ...stepWords] = words(ctx.payload);
    const stepWord = stepWords.length ? stepWords.join(' ') : undefined;
    if (!candWord) return replyHtml(ctx, ctx.t('comp.cand.step.usage'));
    const candidate = await candidateFromArg(ctx, candWord);
    if (!candidate) return;
    const round = (await findRound(ctx.db, candidate.roundId))!;
    if (!stepWord) return replyHtml(ctx, joinHtml([ctx.t('comp.cand.step.usage'), ...round.steps.map((s) => `• ${s.key} — ${s.label[ctx.lang]}`)], '\n'));
    const actorId = ctx.member!.id;
    const now = ctx.deps.clock.now();
    const { value } = await once(ctx, 'competition.move', async (tx) => moveCandidate(tx, { candidateId: candidate.id, to: stepWord, actorId, now }));
    if (!value.ok) {
      if (value.reason === 'no_step') return replyHtml(ctx, ctx.t('comp.cand.step.badStep', { input: stepWord.slice(0, 40), steps: round.steps.map((s) => s.key).join(', ') }));
      if (value.reason === 'same') return replyHtml(ctx, ctx.t('comp.cand.step.same'));
      return replyHtml(ctx, ctx.t('comp.cand.notFound', { id: candidate.id }));
    }
    const lines = [ctx.t('comp.cand.step.moved', { id: candidate.id, name: candidate.ideaName, from: stepLabel(round, value.from, ctx.lang), to: stepLabel(round, value.to, ctx.lang) })];
    if (value.award) lines.push(ctx.t('comp.cand.step.award', { result: value.award }));
    await replyHtml(ctx, joinHtml(lines, '\n'));
  });

  return composer;
}

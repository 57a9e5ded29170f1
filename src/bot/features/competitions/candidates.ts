import { Composer } from 'telegraf';
import { moveCandidate, registerCandidate } from '../../../domain/competitions/candidates.js';
import { findRound } from '../../../domain/competitions/rounds.js';
import { parseIdeaNumber } from '../../../domain/ideas/fields.js';
import { findIdea } from '../../../domain/ideas/ideas.js';
import { hasRole } from '../../../domain/permissions.js';
import { joinHtml } from '../../../i18n/index.js';
import { onCommand, words } from '../../command.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { competitionSpec } from './commands.js';
import { candidateFromArg, roundFromArg, stepLabel } from './shared.js';

/** `/kandidat <ide> <kompetisi>` (coordinators) and `/tahap_kandidat <kandidat> <tahap>`. */
export function candidatesFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, competitionSpec('kandidat'), async (ctx) => {
    const [ideaWord, roundWord] = words(ctx.payload);
    if (!ideaWord || !roundWord) return replyHtml(ctx, ctx.t('comp.cand.usage'));
    if (!hasRole(ctx.member, 'coordinator')) return replyHtml(ctx, ctx.t('comp.cand.forbidden'));
    const ideaId = parseIdeaNumber(ideaWord);
    if (ideaId === undefined) return replyHtml(ctx, ctx.t('ideas.badNumber', { input: ideaWord.slice(0, 40) }));
    const idea = await findIdea(ctx.db, ideaId);
    if (!idea) return replyHtml(ctx, ctx.t('ideas.notFound', { id: ideaId }));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    const actorId = ctx.member!.id;
    const now = ctx.deps.clock.now();
    const { value } = await once(ctx, 'competition.candidate', async (tx) => {
      const r = await registerCandidate(tx, { roundId: round.id, ideaId: idea.id, actorId, now, timeZone: ctx.deps.config.TZ_NAME });
      return r.ok ? { ok: true as const, id: r.candidate.id, reminders: r.reminders } : { ok: false as const, reason: r.reason, id: r.candidateId ?? 0 };
    });
    if (!value.ok) {
      if (value.reason === 'already') return replyHtml(ctx, ctx.t('comp.cand.already', { id: value.id }));
      return replyHtml(ctx, ctx.t('ideas.gone'));
    }
    await replyHtml(
      ctx,
      ctx.t('comp.cand.registered', { id: value.id, idea: idea.id, name: idea.name, round: `K${round.id} · ${round.name}`, step: stepLabel(round, round.steps[0]!.key, ctx.lang), reminders: value.reminders }),
    );
  });

  onCommand(composer, competitionSpec('tahap_kandidat'), async (ctx) => {
    const [candWord, stepWord] = words(ctx.payload);
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

import { Composer } from 'telegraf';
import { addAssessor, closeScoring, isRoundAssessor, rankingOf, shortlist } from '../../../domain/competitions/assessment.js';
import { displayName, findMemberByHandle } from '../../../domain/members.js';
import { hasRole, isRegistered } from '../../../domain/permissions.js';
import { activeLinkedChats } from '../../../domain/sessions/links.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { competitionSpec } from './commands.js';
import { fmt, parseCandidateNumber, roundFromArg } from './shared.js';

/** `/penilai`, `/peringkat`, `/tutup_penilaian`, `/daftar_pendek`. */
export function rankingFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, competitionSpec('penilai'), async (ctx) => {
    const [roundWord, handle] = words(ctx.payload);
    if (!roundWord || !handle) return replyHtml(ctx, ctx.t('comp.assessor.usage'));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    const member = await findMemberByHandle(ctx.db, handle);
    if (!member || !isRegistered(member)) return replyHtml(ctx, ctx.t('comp.assessor.unknownUser', { handle: handle.slice(0, 40) }));
    const addedBy = ctx.member!.id;
    const now = ctx.deps.clock.now();
    const { value: added } = await once(ctx, 'competition.assessor', (tx) => addAssessor(tx, { roundId: round.id, member, addedBy, now }));
    if (added) ctx.deps.jobs?.wake();
    const p = { name: displayName(member), round: `K${round.id} · ${round.name}` };
    await replyHtml(ctx, added ? ctx.t('comp.assessor.added', p) : ctx.t('comp.assessor.already', p));
  });

  onCommand(composer, competitionSpec('peringkat'), async (ctx) => {
    const [roundWord] = words(ctx.payload);
    if (!roundWord) return replyHtml(ctx, ctx.t('comp.usage'));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    if (!hasRole(ctx.member, 'coordinator')) {
      if (!(await isRoundAssessor(ctx.db, round.id, ctx.member!.id))) return replyHtml(ctx, ctx.t('comp.rank.forbidden'));
    }
    const { ranked, candidates, criteria } = await rankingOf(ctx.db, round);
    const title = `K${round.id} · ${round.name}`;
    if (ranked.length === 0) return replyHtml(ctx, joinHtml([ctx.t('comp.rank.title', { round: title, criteria: criteria.length }), ctx.t('comp.rank.empty')], '\n'));
    const lines: Html[] = [ctx.t('comp.rank.title', { round: title, criteria: criteria.length })];
    for (const r of ranked) {
      const c = candidates.get(r.candidateId)!;
      if (r.rank === null) {
        lines.push(ctx.t('comp.rank.unscored', { id: c.id, name: c.ideaName, agency: c.agencyShort, incomplete: r.incomplete }));
        continue;
      }
      const flags = [
        r.disagreement ? ctx.t('comp.rank.disagree').toString() : '',
        r.belowPassing ? ctx.t('comp.rank.below').toString() : '',
        c.shortlisted ? ctx.t('comp.rank.shortlisted').toString() : '',
      ].join('');
      lines.push(ctx.t('comp.rank.item', { rank: String(r.rank), id: c.id, name: c.ideaName, agency: c.agencyShort, total: fmt(r.total, ctx.lang), assessors: r.assessors, spread: fmt(r.spread, ctx.lang), flags }));
    }
    lines.push(ctx.t('comp.rank.margin', { margin: round.disagreementMargin }));
    if (round.passingGrade !== null) lines.push(ctx.t('comp.rank.passing', { grade: round.passingGrade }));
    await replyHtml(ctx, joinHtml(lines, '\n'));
  });

  onCommand(composer, competitionSpec('tutup_penilaian'), async (ctx) => {
    const [roundWord] = words(ctx.payload);
    if (!roundWord) return replyHtml(ctx, ctx.t('comp.usage'));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    const now = ctx.deps.clock.now();
    const { value } = await once(ctx, 'competition.close', (tx) => closeScoring(tx, round.id, now));
    const name = `K${round.id} · ${round.name}`;
    await replyHtml(ctx, value.already ? ctx.t('comp.close.already', { round: name }) : ctx.t('comp.close.done', { round: name, feedback: value.feedback }));
  });

  onCommand(composer, competitionSpec('daftar_pendek'), async (ctx) => {
    // `/daftar_pendek K3 7` or `/daftar_pendek K3 7 + C12 C15` (the top 7 plus picked candidates).
    const [roundWord, sizeWord, ...rest] = words(ctx.payload.replace(/\+/g, ' + '));
    if (!roundWord || !sizeWord) return replyHtml(ctx, ctx.t('comp.shortlist.usage'));
    const round = await roundFromArg(ctx, roundWord);
    if (!round) return;
    const size = Number(sizeWord);
    if (!Number.isInteger(size) || size < 0 || size > 100) return replyHtml(ctx, ctx.t('comp.shortlist.badSize'));
    const extraWords = rest[0] === '+' ? rest.slice(1) : rest;
    if (rest.length && (rest[0] !== '+' || extraWords.length === 0)) return replyHtml(ctx, ctx.t('comp.shortlist.usage'));
    const extras = extraWords.map((w) => parseCandidateNumber(w));
    const bad = extraWords.find((_, i) => extras[i] === undefined);
    if (bad !== undefined) return replyHtml(ctx, ctx.t('comp.cand.badNumber', { input: bad.slice(0, 40) }));
    const now = ctx.deps.clock.now();
    const { value } = await once(ctx, 'competition.shortlist', (tx) => shortlist(tx, round, size, extras as number[], now));
    if (!value.ok) return replyHtml(ctx, ctx.t('comp.shortlist.notInRound', { ids: value.unknown.map((id) => `C${id}`).join(', ') }));
    const count = value.top.length + value.extras.length;
    if (count === 0) return replyHtml(ctx, ctx.t('comp.shortlist.none'));
    const groups = (await activeLinkedChats(ctx.db)).length > 0;
    if (groups) ctx.deps.jobs?.wake();
    await replyHtml(ctx, ctx.t('comp.shortlist.saved', { round: `K${round.id} · ${round.name}`, count, groups }));
  });

  return composer;
}

import type { OutboxRow } from '../db/schema/index.js';
import { feedbackOf } from '../domain/competitions/ranking.js';
import { criterionTitle, rankingOf, roundScores } from '../domain/competitions/assessment.js';
import { findCandidate, isCandidate, latestDraft, requesterOf } from '../domain/competitions/candidates.js';
import { deadlineAt, deadlineDate } from '../domain/competitions/deadlines.js';
import { COMP_KIND, compKeys } from '../domain/competitions/keys.js';
import { missingItems } from '../domain/competitions/missing.js';
import { findRound } from '../domain/competitions/rounds.js';
import { findIdea } from '../domain/ideas/ideas.js';
import { findMemberByTelegramId, languageFor } from '../domain/members.js';
import { findLayout } from '../domain/drafts/layout.js';
import { activeLinkedChats, findLink } from '../domain/sessions/links.js';
import { formatDate } from '../i18n/format.js';
import { joinHtml, translator, type Html } from '../i18n/index.js';
import { callbackData } from '../bot/callback-data.js';
import { laterJobDue } from '../domain/jobs/queue.js';
import type { OutboxHandler, OutboxOutcome } from './worker.js';
import type { JobContext } from './scheduler.js';

interface Payload {
  roundId: number;
  candidateId?: number;
  revision?: number;
  deadline?: string | null;
  days?: number;
  candidateIds?: number[];
  extraIds?: number[];
}

const skipped = (outcome: string): OutboxOutcome => ({ status: 'skipped', outcome });
const fmt = (n: number | null, lang: 'id' | 'en') => (n === null ? '—' : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(n));

async function send(ctx: JobContext, row: OutboxRow, text: Html, threadId: number | null = row.threadId, extra: Record<string, unknown> = {}): Promise<void> {
  await ctx.sender.call('sendMessage', {
    chat_id: row.chatId!,
    ...(threadId !== null ? { message_thread_id: threadId } : {}),
    text: text.toString(),
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...extra,
  } as never);
}

async function privateRecipient(ctx: JobContext, row: OutboxRow) {
  const member = await findMemberByTelegramId(ctx.database.db, row.chatId!);
  const lang = member ? languageFor(member, undefined, ctx.config.DEFAULT_LANGUAGE) : ctx.config.DEFAULT_LANGUAGE;
  return { member, lang, t: translator(lang) };
}

/** Before the deadline: what the candidate still lacks, computed now from the latest draft. */
const deadline: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const { db } = ctx.database;
  const tz = ctx.config.TZ_NAME;
  const round = await findRound(db, p.roundId);
  if (!round) return skipped('no_round');
  if (round.revision !== p.revision || deadlineDate(round) !== p.deadline) return skipped('replanned');
  const candidate = await findCandidate(db, p.candidateId!);
  if (!candidate) return skipped('no_candidate');
  if (candidate.step !== round.steps[0]!.key) return skipped('moved_on');
  const at = deadlineAt(round, tz);
  const now = ctx.clock.now();
  if (!at || at.getTime() <= now.getTime()) return skipped('passed');
  // Down past two reminder times: only the later one goes out.
  if (await laterJobDue(ctx.database.db, row, now)) return skipped('superseded');
  const { member, lang, t } = await privateRecipient(ctx, row);
  if (member && !member.reachable) return skipped('unreachable');
  const idea = await findIdea(db, candidate.ideaId);
  const layout = findLayout(round.layoutId);
  if (!idea || !layout) return skipped('no_idea');
  const draft = await latestDraft(db, idea.id);
  const items = missingItems({ idea, draft, layout, deadline: at, lang, timeZone: tz });
  const lines: Html[] = [
    t('comp.deadline.title', { round: `K${round.id} · ${round.name}`, days: p.days!, date: formatDate(at, lang, tz) }),
    t('comp.deadline.idea', { id: candidate.id, idea: idea.id, name: idea.name }),
  ];
  if (items.length === 0) lines.push(t('comp.deadline.complete'));
  else lines.push(t('comp.deadline.missingTitle'));
  for (const item of items) {
    switch (item.kind) {
      case 'no_draft':
        lines.push(t('comp.deadline.noDraft', { idea: idea.id }));
        break;
      case 'todo':
        lines.push(t('comp.deadline.todo', { sections: item.sections.join(', ') }));
        break;
      case 'too_long':
        lines.push(t('comp.deadline.tooLong', { sections: item.sections.map((s) => t('comp.deadline.tooLongItem', s).toString()).join(', ') }));
        break;
      case 'no_implementation_date':
        lines.push(t('comp.deadline.noImplementation', { years: item.years }));
        break;
      case 'too_young':
        lines.push(t('comp.deadline.tooYoung', { years: item.years, since: item.since }));
        break;
    }
  }
  await send(ctx, row, joinHtml(lines, '\n'));
  return { status: 'sent' };
};

/** Fan-out: one announcement of the shortlist per group linked when it falls due. */
const shortlistAnnounce: OutboxHandler = async (row, ctx) => {
  const now = ctx.clock.now();
  const targets = await activeLinkedChats(ctx.database.db);
  return {
    status: 'sent',
    outcome: `groups:${targets.length}`,
    children: targets.map((g) => ({
      kind: COMP_KIND.shortlistPost,
      ref: row.ref,
      dedupeKey: compKeys.shortlistPost(row.dedupeKey, g.chatId),
      chatId: g.chatId,
      threadId: g.threadId,
      dueAt: now,
      payload: row.payload,
    })),
  };
};

const shortlistPost: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const { db } = ctx.database;
  const round = await findRound(db, p.roundId);
  if (!round) return skipped('no_round');
  const link = await findLink(db, row.chatId!);
  if (!link) return skipped('unlinked');
  const t = translator(ctx.config.DEFAULT_LANGUAGE);
  const ids = p.candidateIds ?? [];
  const lines: Html[] = [t('comp.shortlist.announce', { round: round.name, count: ids.length })];
  let n = 0;
  for (const id of ids) {
    const c = await findCandidate(db, id);
    if (c) lines.push(t('comp.shortlist.item', { n: ++n, name: c.ideaName, agency: c.agencyShort }));
  }
  const extras = p.extraIds ?? [];
  if (extras.length) lines.push(t('comp.shortlist.extras', { count: extras.length }));
  for (const id of extras) {
    const c = await findCandidate(db, id);
    if (c) lines.push(t('comp.shortlist.item', { n: ++n, name: c.ideaName, agency: c.agencyShort }));
  }
  lines.push(t('comp.shortlist.footer'));
  await send(ctx, row, joinHtml(lines, '\n'), link.threadId);
  return { status: 'sent' };
};

/** After scoring closes: per criterion the mean and the comments, never the assessors' names. */
const feedback: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const { db } = ctx.database;
  const round = await findRound(db, p.roundId);
  if (!round || !round.scoringClosedAt) return skipped('reopened');
  const candidate = await findCandidate(db, p.candidateId!);
  if (!candidate) return skipped('no_candidate');
  const { member, lang, t } = await privateRecipient(ctx, row);
  if (member && !member.reachable) return skipped('unreachable');
  const ranking = await rankingOf(db, round);
  const scores = (await roundScores(db, round.id)).filter((s) => s.candidateId === candidate.id);
  const mine = ranking.ranked.find((r) => r.candidateId === candidate.id);
  const lines: (Html | string)[] = [t('comp.feedback.title', { round: `K${round.id} · ${round.name}`, idea: candidate.ideaId, name: candidate.ideaName })];
  for (const f of feedbackOf(ranking.criteria, scores)) {
    const c = ranking.criteria.find((x) => x.key === f.key)!;
    lines.push(t('comp.feedback.criterion', { title: criterionTitle(c, lang), mean: fmt(f.mean, lang) }));
    for (const comment of f.comments) lines.push(t('comp.feedback.comment', { comment }));
  }
  lines.push(t('comp.feedback.total', { total: fmt(mine?.total ?? null, lang), rank: mine?.rank ? `${mine.rank}/${ranking.ranked.length}` : '—' }));
  lines.push(t('comp.feedback.footer'));
  await send(ctx, row, joinHtml(lines));
  return { status: 'sent' };
};

/** An owner's request, to one coordinator, with the approve button (unless the idea got in meanwhile). */
const request: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload & { ideaId: number; requesterId: number };
  const { db } = ctx.database;
  const round = await findRound(db, p.roundId);
  const idea = await findIdea(db, p.ideaId);
  if (!round || !idea) return skipped('gone');
  if (await isCandidate(db, round.id, idea.id)) return skipped('already');
  const { member, t } = await privateRecipient(ctx, row);
  if (!member || !member.reachable) return skipped('unreachable');
  const requester = await requesterOf(db, p.requesterId, idea.agencyId);
  const text = t('comp.cand.request', { who: requester?.name ?? '—', idea: idea.id, name: idea.name, agency: requester?.agency ?? '—', round: `K${round.id} · ${round.name}` });
  await send(ctx, row, text, null, { reply_markup: { inline_keyboard: [[{ text: t('comp.cand.approve').toString(), callback_data: callbackData('cmp', 'ap', round.id, idea.id) }]] } });
  return { status: 'sent' };
};

const approved: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const candidate = await findCandidate(ctx.database.db, p.candidateId!);
  if (!candidate) return skipped('no_candidate');
  const round = await findRound(ctx.database.db, candidate.roundId);
  const { member, t } = await privateRecipient(ctx, row);
  if (member && !member.reachable) return skipped('unreachable');
  await send(ctx, row, t('comp.cand.approved', { id: candidate.id, name: candidate.ideaName, round: `K${round!.id} · ${round!.name}` }));
  return { status: 'sent' };
};

const assessorNotice: OutboxHandler = async (row, ctx) => {
  const p = row.payload as unknown as Payload;
  const round = await findRound(ctx.database.db, p.roundId);
  if (!round) return skipped('no_round');
  const { member, t } = await privateRecipient(ctx, row);
  if (member && !member.reachable) return skipped('unreachable');
  await send(ctx, row, t('comp.assessor.notice', { round: `K${round.id} · ${round.name}`, id: round.id }));
  return { status: 'sent' };
};

export const competitionOutboxHandlers: Record<string, OutboxHandler> = {
  [COMP_KIND.deadline]: deadline,
  [COMP_KIND.shortlist]: shortlistAnnounce,
  [COMP_KIND.shortlistPost]: shortlistPost,
  [COMP_KIND.feedback]: feedback,
  [COMP_KIND.request]: request,
  [COMP_KIND.approved]: approved,
  [COMP_KIND.assessor]: assessorNotice,
};

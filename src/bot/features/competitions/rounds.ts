import { Composer } from 'telegraf';
import type { CompetitionRound } from '../../../db/schema/index.js';
import { roundAssessorList } from '../../../domain/competitions/assessment.js';
import { roundCandidates } from '../../../domain/competitions/candidates.js';
import { deadlineDate } from '../../../domain/competitions/deadlines.js';
import { candidateCountsByRound, createRound, listRounds, setPassingGrade, setReminderDays, setStageDate } from '../../../domain/competitions/rounds.js';
import { findTemplate, roundFromTemplate, roundTemplates } from '../../../domain/competitions/templates.js';
import { parseDate } from '../../../domain/dates/parse.js';
import { isoDate } from '../../../domain/dates/zoned.js';
import { displayName } from '../../../domain/members.js';
import { hasRole } from '../../../domain/permissions.js';
import { findLayout } from '../../../domain/drafts/layout.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import { onCommand, words } from '../../commands/on-command.js';
import type { BotContext } from '../../context.js';
import { once } from '../../once.js';
import { replyHtml } from '../../reply.js';
import { competitionSpec } from './commands.js';
import { fmt, roundFromArg, stageDate, stepLabel } from './shared.js';

const DATE_WORDS = ['tanggal', 'date'];
const DAYS_WORDS = ['pengingat', 'reminders'];
const GRADE_WORDS = ['ambang', 'passing'];

async function showRound(ctx: BotContext, round: CompetitionRound): Promise<void> {
  const tz = ctx.deps.config.TZ_NAME;
  const lang = ctx.lang;
  const layout = findLayout(round.layoutId);
  const lines: Html[] = [
    ctx.t('comp.show.title', { id: round.id, name: round.name, level: ctx.t(`ideas.awardLevel.${round.level}`).toString(), layout: layout ? layout.title[lang] : round.layoutId }),
    ctx.t('comp.show.stages'),
    ...round.stages.map((s) => ctx.t('comp.show.stage', { label: s.label[lang], date: stageDate(ctx.t, s.date, s.reported, lang, tz), key: s.key })),
  ];
  if (round.stages.some((s) => s.reported)) lines.push(ctx.t('comp.show.reportedNote'));
  lines.push(ctx.t('comp.show.rules', { days: round.reminderDays.join(', '), passing: round.passingGrade === null ? '—' : fmt(round.passingGrade, lang), margin: round.disagreementMargin }));
  if (round.scoringClosedAt) lines.push(ctx.t('comp.show.scoringClosed'));
  const candidates = await roundCandidates(ctx.db, round.id);
  lines.push(ctx.t('comp.show.candidates'));
  if (candidates.length === 0) lines.push(ctx.t('comp.show.noCandidates'));
  for (const c of candidates) {
    lines.push(ctx.t('comp.show.candidate', { id: c.id, idea: c.ideaId, name: c.ideaName, agency: c.agencyShort, step: stepLabel(round, c.step, lang), shortlisted: c.shortlisted }));
  }
  const assessors = await roundAssessorList(ctx.db, round.id);
  if (assessors.length) lines.push(ctx.t('comp.show.assessors', { names: assessors.map(displayName).join(', ') }));
  if (hasRole(ctx.member, 'coordinator')) lines.push(ctx.t('comp.show.editHelp'));
  await replyHtml(ctx, joinHtml(lines, '\n'));
}

async function listAll(ctx: BotContext): Promise<void> {
  const rounds = await listRounds(ctx.db);
  if (rounds.length === 0) return void (await replyHtml(ctx, ctx.t('comp.list.empty')));
  const counts = await candidateCountsByRound(ctx.db);
  const tz = ctx.deps.config.TZ_NAME;
  const lines: Html[] = [ctx.t('comp.list.title')];
  for (const r of rounds.slice(0, 30)) {
    const stage = r.stages.find((s) => s.key === r.deadlineStage);
    lines.push(
      ctx.t('comp.list.item', {
        id: r.id,
        name: r.name,
        deadline: stageDate(ctx.t, deadlineDate(r), stage?.reported ?? false, ctx.lang, tz),
        candidates: counts.get(r.id) ?? 0,
      }),
    );
  }
  lines.push(ctx.t('comp.list.footer'));
  await replyHtml(ctx, joinHtml(lines, '\n'));
}

/** `/kompetisi`, `/kompetisi 3`, and the coordinators' edits `/kompetisi 3 tanggal|pengingat|ambang …`. */
export function roundsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  onCommand(composer, competitionSpec('kompetisi'), async (ctx) => {
    const [first, action, ...rest] = words(ctx.payload);
    if (!first) return listAll(ctx);
    const round = await roundFromArg(ctx, first);
    if (!round) return;
    if (!action) return showRound(ctx, round);
    const verb = action.toLowerCase();
    const known = [...DATE_WORDS, ...DAYS_WORDS, ...GRADE_WORDS].includes(verb);
    if (!known) return replyHtml(ctx, ctx.t('comp.usage'));
    if (!hasRole(ctx.member, 'coordinator')) return replyHtml(ctx, ctx.t('guard.coordinatorOnly'));
    const now = ctx.deps.clock.now();
    const tz = ctx.deps.config.TZ_NAME;

    if (DATE_WORDS.includes(verb)) {
      const [key, ...dateWords] = rest;
      if (!key || dateWords.length === 0) return replyHtml(ctx, ctx.t('comp.usage'));
      const stage = round.stages.find((s) => s.key === key.toLowerCase());
      if (!stage) return replyHtml(ctx, ctx.t('comp.badStage', { key: key.slice(0, 40), keys: round.stages.map((s) => s.key).join(', ') }));
      const input = dateWords.join(' ');
      const parsed = parseDate(input, { now, timeZone: tz, maxAheadDays: 3 * 366 });
      if (!parsed.ok) return replyHtml(ctx, ctx.t('comp.badDate', { input: input.slice(0, 60) }));
      const date = isoDate(parsed.date);
      const { value } = await once(ctx, 'competition.date', async (tx) => {
        const r = await setStageDate(tx, round.id, stage.key, date, now, tz);
        return r.ok ? { before: r.before } : null;
      });
      if (!value) return replyHtml(ctx, ctx.t('comp.notFound', { id: round.id }));
      return replyHtml(
        ctx,
        ctx.t('comp.dateSaved', {
          label: stage.label[ctx.lang],
          before: stageDate(ctx.t, value.before, stage.reported, ctx.lang, tz),
          after: stageDate(ctx.t, date, false, ctx.lang, tz),
          reminders: stage.key === round.deadlineStage,
        }),
      );
    }

    if (DAYS_WORDS.includes(verb)) {
      const days = rest.map(Number);
      if (days.length === 0 || days.length > 6 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 90)) return replyHtml(ctx, ctx.t('comp.badDays'));
      const sorted = [...new Set(days)].sort((a, b) => b - a);
      await once(ctx, 'competition.days', async (tx) => {
        await setReminderDays(tx, round.id, sorted, now, tz);
        return true;
      });
      return replyHtml(ctx, ctx.t('comp.daysSaved', { days: sorted.join(', ') }));
    }

    const raw = rest[0];
    const grade = raw === '-' ? null : Number(raw?.replace(',', '.'));
    if (raw === undefined || (grade !== null && (!Number.isFinite(grade) || grade < 0 || grade > 100))) return replyHtml(ctx, ctx.t('comp.badGrade'));
    await setPassingGrade(ctx.db, round.id, grade, now);
    return replyHtml(ctx, ctx.t('comp.gradeSaved', { grade: grade === null ? '—' : fmt(grade, ctx.lang) }));
  });

  onCommand(composer, competitionSpec('kompetisi_baru'), async (ctx) => {
    const [templateWord, yearWord] = words(ctx.payload);
    const templateList = joinHtml(
      roundTemplates().map((t) => ctx.t('comp.new.template', { id: t.id, name: t.name, kind: ctx.t(`comp.kind.${t.kind}`).toString() })),
      '\n',
    );
    if (!templateWord) return replyHtml(ctx, joinHtml([ctx.t('comp.new.usage'), templateList], '\n'));
    const template = findTemplate(templateWord);
    if (!template) return replyHtml(ctx, joinHtml([ctx.t('comp.new.badTemplate', { input: templateWord.slice(0, 40) }), templateList], '\n'));
    const now = ctx.deps.clock.now();
    const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: ctx.deps.config.TZ_NAME, year: 'numeric' }).format(now));
    const year = yearWord === undefined ? thisYear + 1 : Number(yearWord);
    if (!/^\d{4}$/.test(yearWord ?? String(year)) || year < thisYear - 1 || year > thisYear + 3) {
      return replyHtml(ctx, ctx.t('comp.new.badYear', { input: (yearWord ?? '').slice(0, 20) }));
    }
    const memberId = ctx.member!.id;
    const { value } = await once(ctx, 'competition.create', async (tx) => {
      const round = await createRound(tx, roundFromTemplate(template, year), memberId, now);
      return { id: round.id, name: round.name };
    });
    await replyHtml(ctx, ctx.t('comp.new.created', value));
  });

  return composer;
}

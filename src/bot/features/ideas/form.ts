import { z } from 'zod';
import { ideaForms, type Conversation, type Idea } from '../../../db/schema/index.js';
import { findAgencyById, searchAgencies } from '../../../domain/agencies.js';
import { endConversation, getConversation, startConversation, updateConversation } from '../../../domain/conversations.js';
import {
  checkField,
  dateFields,
  isIdeaField,
  optionalFields,
  parseLocalDate,
  pitchFields,
  clip,
  type IdeaField,
  type TextCheck,
} from '../../../domain/ideas/fields.js';
import { canEditIdea, findIdea, updateIdea, type IdeaPatch } from '../../../domain/ideas/ideas.js';
import { findSimilarIdeas, type SimilarIdea } from '../../../domain/ideas/similar.js';
import { hasRole } from '../../../domain/permissions.js';
import { joinHtml, type Html } from '../../../i18n/index.js';
import type { BotContext } from '../../context.js';
import { agencyChoices, choiceKeyboard, previewKeyboard } from '../../keyboards/ideas.js';
import { replyHtml } from '../../reply.js';
import { keyOf, nowOf, sendCard } from './shared.js';
import { digitalLabel, formLabel, stageLabel } from '../../views/ideas.js';

/**
 * The guided pitch (`mode: new`) and field edits of /ubah (`mode: edit`) share one dialog: the
 * same prompts, validation and buttons. State lives in the conversations table, so a restart
 * in the middle loses nothing; every button re-reads it and checks the step it was made for.
 */
export const FORM_KIND = 'idea_form';

const draftSchema = z.object({
  name: z.string().optional(),
  expansion: z.string().nullable().optional(),
  problem: z.string().nullable().optional(),
  solution: z.string().nullable().optional(),
  beneficiaries: z.string().nullable().optional(),
  form: z.enum(ideaForms).nullable().optional(),
  digital: z.boolean().nullable().optional(),
  agencyId: z.number().int().nullable().optional(),
});
const stateSchema = z.object({
  mode: z.enum(['new', 'edit']),
  ideaId: z.number().int().optional(),
  draft: draftSchema.default({}),
  /** Came from the preview's "Ubah …": go back there after this field. */
  back: z.boolean().optional(),
});
export type FormState = z.infer<typeof stateSchema>;
type Draft = FormState['draft'];
type Step = IdeaField | 'preview';

function stateOf(conversation: Conversation | undefined): { state: FormState; step: Step } | undefined {
  if (conversation?.kind !== FORM_KIND) return undefined;
  const parsed = stateSchema.safeParse(conversation.data);
  const step = conversation.step;
  if (!parsed.success || (step !== 'preview' && !isIdeaField(step))) return undefined;
  return { state: parsed.data, step };
}

/** The dialog of the member pressing or writing, if it is this one. */
export async function current(ctx: BotContext) {
  if (!ctx.chat || !ctx.from) return undefined;
  return stateOf(await getConversation(ctx.db, keyOf(ctx)));
}

function fieldLabel(ctx: BotContext, field: IdeaField): string {
  return ctx.t(`ideas.field.${field}`).toString();
}

function following(step: IdeaField): Step {
  const i = (pitchFields as readonly string[]).indexOf(step);
  return i === -1 || i === pitchFields.length - 1 ? 'preview' : pitchFields[i + 1]!;
}

export async function save(ctx: BotContext, state: FormState, step: Step): Promise<void> {
  await updateConversation(ctx.db, keyOf(ctx), step, state as unknown as Record<string, unknown>);
}

// ---------------------------------------------------------------- starting

export async function startPitch(ctx: BotContext, name?: string): Promise<void> {
  const state: FormState = { mode: 'new', draft: name ? { name } : {} };
  const step: Step = name ? 'expansion' : 'name';
  await startConversation(ctx.db, keyOf(ctx), FORM_KIND, step, state as unknown as Record<string, unknown>);
  await replyHtml(ctx, ctx.t('ideas.pitch.intro'));
  await ask(ctx, state, step);
}

export async function startEdit(ctx: BotContext, idea: Idea, field: IdeaField): Promise<void> {
  const state: FormState = { mode: 'edit', ideaId: idea.id, draft: {} };
  await startConversation(ctx.db, keyOf(ctx), FORM_KIND, field, state as unknown as Record<string, unknown>);
  await ask(ctx, state, field, idea);
}

// ---------------------------------------------------------------- asking

function currentValue(ctx: BotContext, field: IdeaField, idea: Idea): string | undefined {
  switch (field) {
    case 'form':
      return idea.form ? formLabel(ctx.t, idea.form) : undefined;
    case 'digital':
      return idea.digital == null ? undefined : digitalLabel(ctx.t, idea.digital);
    case 'agency':
      return undefined;
    default: {
      const value = idea[field];
      return typeof value === 'string' && value ? clip(value, 300) : undefined;
    }
  }
}

export async function ask(ctx: BotContext, state: FormState, step: Step, idea?: Idea): Promise<void> {
  if (step === 'preview') return showPreview(ctx, state);
  const editing = state.mode === 'edit';
  const optional = optionalFields.has(step);
  const parts: Html[] = [];
  if (!editing) {
    const n = (pitchFields as readonly string[]).indexOf(step) + 1;
    parts.push(ctx.t('ideas.pitch.step', { n, total: pitchFields.length, optional: optional && step !== 'agency' }));
  }
  let agency: { id: number; shortName: string; name: string } | undefined;
  if (step === 'agency') {
    const agencyId = editing ? idea?.agencyId : (state.draft.agencyId ?? ctx.member?.agencyId);
    const row = agencyId ? await findAgencyById(ctx.db, agencyId) : undefined;
    if (row?.active) agency = row;
    parts.push(agency ? ctx.t('ideas.ask.agency', { agency: agency.name }) : ctx.t('ideas.ask.agencyNone'));
  } else {
    parts.push(ctx.t(`ideas.ask.${step}`));
  }
  if (editing && idea) {
    const value = currentValue(ctx, step, idea);
    if (value) parts.push(ctx.t('ideas.edit.current', { value }));
  }
  const keyboard = choiceKeyboard(ctx.t, step, {
    skip: !editing && optional && step !== 'agency',
    clear: editing && optional && step !== 'agency',
    ...(agency ? { agency } : {}),
  });
  await replyHtml(ctx, joinHtml(parts, '\n\n'), keyboard);
}

async function showPreview(ctx: BotContext, state: FormState): Promise<void> {
  const d = state.draft;
  const agencyId = d.agencyId ?? ctx.member?.agencyId;
  const agency = agencyId ? await findAgencyById(ctx.db, agencyId) : undefined;
  const similar = await findSimilarIdeas(ctx.db, {
    name: d.name ?? '',
    text: [d.expansion, d.problem, d.solution, d.beneficiaries].filter(Boolean).join(' '),
  });
  const none = ctx.t('common.none').toString();
  const line = (field: IdeaField, value: string | null | undefined) =>
    ctx.t('ideas.card.section', { label: fieldLabel(ctx, field), text: value ? clip(value, 500) : none });
  const blocks: Html[] = [
    ctx.t('ideas.pitch.preview.title'),
    joinHtml(
      [
        line('name', d.name),
        line('expansion', d.expansion),
        line('problem', d.problem),
        line('solution', d.solution),
        line('beneficiaries', d.beneficiaries),
        line('form', d.form ? formLabel(ctx.t, d.form) : undefined),
        line('digital', d.digital == null ? undefined : digitalLabel(ctx.t, d.digital)),
        line('agency', agency?.name),
      ],
      '\n',
    ),
  ];
  if (similar.length) blocks.push(joinHtml([similarWarning(ctx, similar), similarMore(ctx, similar)], '\n'));
  else blocks.push(ctx.t('ideas.pitch.preview.hint'));
  await save(ctx, { ...state, back: false }, 'preview');
  await replyHtml(ctx, joinHtml(blocks, '\n\n'), previewKeyboard(ctx.t, ctx.lang, similar.length > 0));
}

/** "Lihat ide tersebut dengan /ide 3 atau /ide 5": the real commands, never a literal "/ide N". */
export function similarMore(ctx: BotContext, similar: SimilarIdea[]): Html {
  const command = ctx.lang === 'en' ? 'ideas' : 'ide';
  const commands = similar.map((s) => `/${command} ${s.id}`);
  const or = ctx.lang === 'en' ? ' or ' : ' atau ';
  return ctx.t('ideas.pitch.similarMore', { commands: commands.length > 1 ? `${commands.slice(0, -1).join(', ')}${or}${commands.at(-1)}` : commands[0]! });
}

export function similarWarning(ctx: BotContext, similar: SimilarIdea[]): Html {
  const list = joinHtml(
    similar.map((s) => ctx.t('ideas.pitch.similarItem', { id: s.id, name: s.name, stage: stageLabel(ctx.t, s.stage) })),
    ', ',
  );
  return ctx.t('ideas.pitch.similar', { list });
}

// ---------------------------------------------------------------- answers

function refusal(ctx: BotContext, field: IdeaField, check: Exclude<TextCheck, { ok: true }>): Html {
  if (field === 'name') return ctx.t('ideas.pitch.nameInvalid', { min: check.min, max: check.max, length: check.length });
  if (check.reason === 'too_short') return ctx.t('ideas.pitch.required');
  return ctx.t('ideas.pitch.tooLong', { field: fieldLabel(ctx, field), max: check.max, length: check.length });
}

export async function onFormText(ctx: BotContext, conversation: Conversation, text: string): Promise<void> {
  const found = stateOf(conversation);
  if (!found) {
    await endConversation(ctx.db, keyOf(ctx));
    await replyHtml(ctx, ctx.t('ideas.pitch.stale'));
    return;
  }
  const { state, step } = found;
  if (step === 'preview' || step === 'form' || step === 'digital') {
    await replyHtml(ctx, ctx.t('ideas.pitch.useButtons'));
    return;
  }
  if (step === 'agency') {
    const query = text.replace(/\s+/g, ' ').trim().slice(0, 60);
    const matches = await searchAgencies(ctx.db, query, 10);
    if (matches.length === 0) await replyHtml(ctx, ctx.t('ideas.pitch.agencyNoMatch', { query }));
    else await replyHtml(ctx, ctx.t('ideas.pitch.agencyMatches', { query }), agencyChoices(matches));
    return;
  }
  if (dateFields.has(step)) {
    const day = parseLocalDate(text);
    if (!day) return void (await replyHtml(ctx, ctx.t('ideas.edit.dateInvalid')));
    return accept(ctx, state, step, day);
  }
  // A lone dash skips an optional step, as people often type it for "nothing".
  if (text.trim() === '-' && optionalFields.has(step) && state.mode === 'new') return accept(ctx, state, step, null);
  const check = checkField(step, text);
  if (!check.ok) return void (await replyHtml(ctx, refusal(ctx, step, check)));
  return accept(ctx, state, step, check.value);
}

type Value = string | boolean | number | null;

function draftWith(draft: Draft, field: IdeaField, value: Value): Draft {
  if (field === 'agency') return { ...draft, agencyId: value as number | null };
  return { ...draft, [field]: value };
}

function patchFor(field: IdeaField, value: Value): IdeaPatch {
  if (field === 'agency') return { agencyId: value as number };
  return { [field]: value } as IdeaPatch;
}

export async function accept(ctx: BotContext, state: FormState, step: IdeaField, value: Value): Promise<void> {
  if (state.mode === 'new') {
    const next = { ...state, draft: draftWith(state.draft, step, value) };
    const to = state.back ? 'preview' : following(step);
    await save(ctx, next, to);
    return ask(ctx, next, to);
  }
  // Editing: the rights are checked again at the moment of writing.
  const idea = state.ideaId ? await findIdea(ctx.db, state.ideaId) : undefined;
  await endConversation(ctx.db, keyOf(ctx));
  if (!idea) return void (await replyHtml(ctx, ctx.t('ideas.gone')));
  if (!canEditIdea(ctx.member, idea)) return void (await replyHtml(ctx, ctx.t('ideas.edit.notAllowed')));
  if (dateFields.has(step) && !hasRole(ctx.member, 'coordinator')) return void (await replyHtml(ctx, ctx.t('ideas.edit.coordinatorOnly')));
  await updateIdea(ctx.db, idea.id, patchFor(step, value), nowOf(ctx));
  const field = fieldLabel(ctx, step);
  await replyHtml(ctx, value === null ? ctx.t('ideas.edit.cleared', { field }) : ctx.t('ideas.edit.saved', { field }));
  await sendCard(ctx, idea.id);
}

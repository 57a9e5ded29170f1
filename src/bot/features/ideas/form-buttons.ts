import { Composer } from 'telegraf';
import { findAgencyById } from '../../../domain/agencies.js';
import { endConversation } from '../../../domain/conversations.js';
import { isIdeaForm, optionalFields, pitchFields, type IdeaField } from '../../../domain/ideas/fields.js';
import { insertIdea } from '../../../domain/ideas/ideas.js';
import type { IdeaCardData } from '../../../domain/ideas/card.js';
import { isRegistered } from '../../../domain/permissions.js';
import type { BotContext, BotRegistries } from '../../context.js';
import { earlierResult, once } from '../../once.js';
import { answer, editHtml } from '../../reply.js';
import { accept, ask, current, FORM_KIND, onFormText, save } from './form.js';
import { keyOf, nowOf, sendCard } from './shared.js';

/** The buttons of the pitch/edit dialog: each re-reads the dialog and checks the step it was drawn for. */
async function stale(ctx: BotContext): Promise<void> {
  await answer(ctx, ctx.t('ideas.pitch.stale'), true);
}

export function formFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registries.conversations.register(FORM_KIND, onFormText);

  composer.action('ipf:skip', async (ctx) => {
    const found = await current(ctx);
    if (!found || found.step === 'preview' || !optionalFields.has(found.step) || found.step === 'agency') return stale(ctx);
    await answer(ctx);
    await accept(ctx, found.state, found.step, null);
  });

  composer.action(/^ipf:form:([a-z_]{1,20})$/, async (ctx) => {
    const found = await current(ctx);
    const form = ctx.match[1]!;
    if (found?.step !== 'form' || !isIdeaForm(form)) return stale(ctx);
    await answer(ctx);
    await accept(ctx, found.state, 'form', form);
  });

  composer.action(/^ipf:dig:([01])$/, async (ctx) => {
    const found = await current(ctx);
    if (found?.step !== 'digital') return stale(ctx);
    await answer(ctx);
    await accept(ctx, found.state, 'digital', ctx.match[1] === '1');
  });

  composer.action(/^ipf:ag:(\d{1,9})$/, async (ctx) => {
    const found = await current(ctx);
    if (found?.step !== 'agency') return stale(ctx);
    const agency = await findAgencyById(ctx.db, Number(ctx.match[1]));
    if (!agency?.active) return answer(ctx, ctx.t('ideas.pitch.agencyGone'), true);
    await answer(ctx);
    await accept(ctx, found.state, 'agency', agency.id);
  });

  composer.action(/^ipf:edit:([a-zA-Z]{1,20})$/, async (ctx) => {
    const found = await current(ctx);
    const field = ctx.match[1]!;
    if (found?.step !== 'preview' || found.state.mode !== 'new' || !(pitchFields as readonly string[]).includes(field)) return stale(ctx);
    await answer(ctx);
    const state = { ...found.state, back: true };
    await save(ctx, state, field as IdeaField);
    await ask(ctx, state, field as IdeaField);
  });

  composer.action('ipf:cancel', async (ctx) => {
    const found = await current(ctx);
    if (!found) return stale(ctx);
    await endConversation(ctx.db, keyOf(ctx));
    await answer(ctx);
    await editHtml(ctx, ctx.t('ideas.pitch.cancelled'));
  });

  composer.action('ipf:send', async (ctx) => {
    // A re-run of a press that saved the idea finds the dialog closed: answer as the first run did.
    const earlier = await earlierResult<Saved | null>(ctx, 'idea.pitch');
    if (earlier?.value) return sayIdeaSaved(ctx, earlier.value);
    const found = await current(ctx);
    if (found?.step !== 'preview' || found.state.mode !== 'new') return stale(ctx);
    if (!isRegistered(ctx.member)) return answer(ctx, ctx.t('reg.required'), true);
    const member = ctx.member;
    const d = found.state.draft;
    // The dialog makes these impossible to miss; a hand-edited state is sent back to the step.
    const missing = (['name', 'problem', 'solution'] as const).find((f) => !d[f]);
    if (missing) {
      await answer(ctx);
      await save(ctx, { ...found.state, back: true }, missing);
      return ask(ctx, found.state, missing);
    }
    const agencyId = d.agencyId ?? member.agencyId;
    if (!agencyId) return stale(ctx);
    const at = nowOf(ctx);
    // Ending the dialog and saving the idea commit together: a double press saves once.
    // The new card is kept out of the once-result (stored as JSON): a re-run loads it instead.
    let card: IdeaCardData | undefined;
    const { value: created } = await once(ctx, 'idea.pitch', async (tx): Promise<Saved | null> => {
      if (!(await endConversation(tx, keyOf(ctx)))) return null;
      const saved = await insertIdea(
        tx,
        {
          name: d.name!,
          expansion: d.expansion,
          problem: d.problem,
          solution: d.solution,
          beneficiaries: d.beneficiaries,
          form: d.form,
          digital: d.digital,
          agencyId,
          ownerId: member.id,
        },
        at,
      );
      card = saved.card;
      return { ideaId: saved.idea.id, topicQueued: saved.topicQueued };
    });
    if (!created) return stale(ctx);
    await sayIdeaSaved(ctx, created, card);
  });

  return composer;
}

interface Saved {
  ideaId: number;
  topicQueued: boolean;
}

async function sayIdeaSaved(ctx: BotContext, saved: Saved, card?: IdeaCardData): Promise<void> {
  await answer(ctx);
  if (saved.topicQueued) ctx.deps.jobs?.wake();
  await editHtml(ctx, ctx.t('ideas.pitch.saved', { id: saved.ideaId }));
  await sendCard(ctx, saved.ideaId, card);
}

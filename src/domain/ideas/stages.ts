import type { Member } from '../../db/schema/index.js';
import { stages, type Stage } from '../../db/schema/index.js';
import { hasRole } from '../permissions.js';

/** The forward path; `replicated` follows implemented, `archived` stands aside. */
export const path: readonly Stage[] = ['pitched', 'discussed', 'initiative', 'trial', 'implemented', 'replicated'];

/** The steps the progress line always shows; `replicated` is shown only once reached (it is optional). */
export const mainPath: readonly Stage[] = ['pitched', 'discussed', 'initiative', 'trial', 'implemented'];

/** Owners may move their own idea one step forward, up to trial. */
const OWNER_LIMIT: Stage = 'trial';

export type MoveRefusal =
  | 'same_stage'
  | 'not_allowed'
  | 'owner_one_step'
  | 'owner_limit'
  | 'reason_required'
  | 'archived_needs_coordinator'
  | 'archive_needs_coordinator';

export type MoveCheck = { ok: true } | { ok: false; reason: MoveRefusal };

export interface MoveRequest {
  actor: Pick<Member, 'id' | 'role'>;
  idea: { ownerId: number; stage: Stage };
  to: Stage;
  note?: string | undefined;
}

/**
 * Who may move what. Permission comes before the "reason required" check, so someone who may
 * not archive at all is told that, not asked for a reason.
 */
export function checkMove({ actor, idea, to, note }: MoveRequest): MoveCheck {
  if (idea.stage === to) return { ok: false, reason: 'same_stage' };
  if (!hasRole(actor, 'coordinator')) {
    if (idea.stage === 'archived') return { ok: false, reason: 'archived_needs_coordinator' };
    if (actor.id !== idea.ownerId) return { ok: false, reason: 'not_allowed' };
    if (to === 'archived') return { ok: false, reason: 'archive_needs_coordinator' };
    const from = path.indexOf(idea.stage);
    const target = path.indexOf(to);
    if (target !== from + 1) return { ok: false, reason: 'owner_one_step' };
    if (target > path.indexOf(OWNER_LIMIT)) return { ok: false, reason: 'owner_limit' };
  }
  if (to === 'archived' && !note?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true };
}

/** Stages the actor may move this idea to (a reason for archiving assumed), in path order, archived last. */
export function allowedTargets(actor: Pick<Member, 'id' | 'role'>, idea: { ownerId: number; stage: Stage }): Stage[] {
  return stages.filter((to) => checkMove({ actor, idea, to, note: 'x' }).ok);
}

/** The next stage on the forward path, if any (none after replicated, none for archived). */
export function nextStage(stage: Stage): Stage | undefined {
  const i = path.indexOf(stage);
  return i === -1 ? undefined : path[i + 1];
}

/** Accepts the code or the Indonesian/English label, any case, with space or underscore: `uji coba`, `uji_coba`, `trial`. */
export function parseStage(input: string): Stage | undefined {
  const key = input.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return stageAliases[key];
}

/**
 * Reads a stage from the start of some words (labels may be two words: "uji coba") and
 * returns it with how many words it took.
 */
export function parseStagePrefix(words: readonly string[]): { stage: Stage; used: number } | undefined {
  const two = words.length >= 2 ? parseStage(`${words[0]} ${words[1]}`) : undefined;
  if (two) return { stage: two, used: 2 };
  const one = words[0] ? parseStage(words[0]) : undefined;
  return one ? { stage: one, used: 1 } : undefined;
}

const stageAliases: Record<string, Stage> = {
  pitched: 'pitched', usulan: 'pitched', usul: 'pitched', pitch: 'pitched',
  discussed: 'discussed', dibahas: 'discussed', bahas: 'discussed',
  initiative: 'initiative', inisiatif: 'initiative',
  trial: 'trial', 'uji coba': 'trial', ujicoba: 'trial',
  implemented: 'implemented', diterapkan: 'implemented', penerapan: 'implemented', terap: 'implemented',
  replicated: 'replicated', direplikasi: 'replicated', replikasi: 'replicated',
  archived: 'archived', diarsipkan: 'archived', arsip: 'archived',
};

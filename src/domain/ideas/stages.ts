import type { Member } from '../../db/schema/index.js';
import { stages, type Stage } from '../../db/schema/index.js';
import { hasRole } from '../permissions.js';

/** The forward path; `replicated` follows implemented, `archived` stands aside. */
export const path: readonly Stage[] = ['pitched', 'discussed', 'initiative', 'trial', 'implemented', 'replicated'];

/** Owners may move their own idea one step forward, up to trial. */
const OWNER_LIMIT: Stage = 'trial';

export type MoveRefusal =
  | 'same_stage'
  | 'not_allowed'
  | 'owner_one_step'
  | 'owner_limit'
  | 'reason_required'
  | 'archived_needs_coordinator';

export type MoveCheck = { ok: true } | { ok: false; reason: MoveRefusal };

export interface MoveRequest {
  actor: Pick<Member, 'id' | 'role'>;
  idea: { ownerId: number; stage: Stage };
  to: Stage;
  note?: string | undefined;
}

export function checkMove({ actor, idea, to, note }: MoveRequest): MoveCheck {
  if (idea.stage === to) return { ok: false, reason: 'same_stage' };
  if (to === 'archived' && !note?.trim()) return { ok: false, reason: 'reason_required' };
  if (hasRole(actor, 'coordinator')) return { ok: true };
  if (idea.stage === 'archived') return { ok: false, reason: 'archived_needs_coordinator' };
  if (actor.id !== idea.ownerId) return { ok: false, reason: 'not_allowed' };
  const from = path.indexOf(idea.stage);
  const target = path.indexOf(to);
  if (target === -1 || target !== from + 1) return { ok: false, reason: to === 'archived' ? 'not_allowed' : 'owner_one_step' };
  if (target > path.indexOf(OWNER_LIMIT)) return { ok: false, reason: 'owner_limit' };
  return { ok: true };
}

/** Stages the actor may move this idea to, in path order (archived last). */
export function allowedTargets(actor: Pick<Member, 'id' | 'role'>, idea: { ownerId: number; stage: Stage }): Stage[] {
  return stages.filter((to) => checkMove({ actor, idea, to, note: 'x' }).ok);
}

/** Accepts the code or the Indonesian/English label, any case, with space or underscore: `uji coba`, `uji_coba`, `trial`. */
export function parseStage(input: string): Stage | undefined {
  const key = input.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return stageAliases[key];
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

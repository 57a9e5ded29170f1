import type { CommandSpec } from '../../commands/spec.js';

/** Coaching's commands (Indonesian name, English alias); appended to commandSpecs. */
export const coachingCommands = [
  { id: 'pendamping', en: 'coach', audience: 'coordinator', where: 'both', description: 'cmd.coach' },
  { id: 'dampingan', en: 'coaching', audience: 'member', where: 'both', description: 'cmd.coaching' },
  { id: 'catatan', en: 'note', audience: 'member', where: 'both', description: 'cmd.coachingNote' },
] as const satisfies readonly CommandSpec[];

export function coachingSpec(id: (typeof coachingCommands)[number]['id']): CommandSpec {
  return coachingCommands.find((c) => c.id === id)!;
}

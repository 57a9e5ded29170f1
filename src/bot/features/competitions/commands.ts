import type { CommandSpec } from '../../commands/spec.js';

/** Competitions and assessment (issue #16 B); appended to commandSpecs. */
export const competitionCommands = [
  { id: 'kompetisi', en: 'competitions', audience: 'member', where: 'both', description: 'cmd.comp.competitions' },
  { id: 'kompetisi_baru', en: 'new_competition', audience: 'coordinator', where: 'both', description: 'cmd.comp.newCompetition' },
  { id: 'kandidat', en: 'candidate', audience: 'member', where: 'both', description: 'cmd.comp.candidate' },
  { id: 'tahap_kandidat', en: 'candidate_step', audience: 'coordinator', where: 'both', description: 'cmd.comp.candidateStep' },
  { id: 'penilai', en: 'assessor', audience: 'coordinator', where: 'both', description: 'cmd.comp.assessor' },
  { id: 'nilai', en: 'score', audience: 'member', where: 'private', description: 'cmd.comp.score' },
  { id: 'peringkat', en: 'ranking', audience: 'member', where: 'private', description: 'cmd.comp.ranking' },
  { id: 'tutup_penilaian', en: 'close_scoring', audience: 'coordinator', where: 'both', description: 'cmd.comp.closeScoring', helpOnly: true },
  { id: 'daftar_pendek', en: 'shortlist', audience: 'coordinator', where: 'both', description: 'cmd.comp.shortlist', helpOnly: true },
] as const satisfies readonly CommandSpec[];

export type CompetitionCommandId = (typeof competitionCommands)[number]['id'];

export function competitionSpec(id: CompetitionCommandId): CommandSpec {
  return competitionCommands.find((c) => c.id === id)!;
}

import type { CommandSpec } from '../../commands.js';

/** Competitions and assessment (issue #16 B); appended to commandSpecs. */
export const competitionCommands = [
  { id: 'kompetisi', en: 'competitions', audience: 'member', where: 'both', description: 'cmd.competitions' },
  { id: 'kompetisi_baru', en: 'new_competition', audience: 'coordinator', where: 'both', description: 'cmd.newCompetition' },
  { id: 'kandidat', en: 'candidate', audience: 'member', where: 'both', description: 'cmd.candidate' },
  { id: 'tahap_kandidat', en: 'candidate_step', audience: 'coordinator', where: 'both', description: 'cmd.candidateStep' },
  { id: 'penilai', en: 'assessor', audience: 'coordinator', where: 'both', description: 'cmd.assessor' },
  { id: 'nilai', en: 'score', audience: 'member', where: 'private', description: 'cmd.score' },
  { id: 'peringkat', en: 'ranking', audience: 'member', where: 'private', description: 'cmd.ranking' },
  { id: 'tutup_penilaian', en: 'close_scoring', audience: 'coordinator', where: 'both', description: 'cmd.closeScoring', helpOnly: true },
  { id: 'daftar_pendek', en: 'shortlist', audience: 'coordinator', where: 'both', description: 'cmd.shortlist', helpOnly: true },
] as const satisfies readonly CommandSpec[];

export type CompetitionCommandId = (typeof competitionCommands)[number]['id'];

export function competitionSpec(id: CompetitionCommandId): CommandSpec {
  return competitionCommands.find((c) => c.id === id)!;
}

import type { CommandSpec } from '../../commands/spec.js';

/** The idea pipeline's commands (Indonesian name, English alias); appended to commandSpecs. */
export const ideaCommands = [
  { id: 'usul', en: 'pitch', audience: 'member', where: 'both', description: 'cmd.pitch' },
  { id: 'ide', en: 'ideas', audience: 'anyone', where: 'both', description: 'cmd.ideas' },
  { id: 'cari', en: 'search', audience: 'anyone', where: 'both', description: 'cmd.search' },
  { id: 'ubah', en: 'edit', audience: 'member', where: 'both', description: 'cmd.edit' },
  { id: 'komentar', en: 'comment', audience: 'member', where: 'both', description: 'cmd.comment' },
  { id: 'tahap', en: 'stage', audience: 'member', where: 'both', description: 'cmd.stage' },
  { id: 'rekap', en: 'recap', audience: 'anyone', where: 'both', description: 'cmd.recap' },
  { id: 'penghargaan', en: 'award', audience: 'coordinator', where: 'both', description: 'cmd.award' },
  { id: 'ekspor', en: 'export', audience: 'coordinator', where: 'private', description: 'cmd.export' },
  { id: 'forum_ide', en: 'ideas_forum', audience: 'coordinator', where: 'both', description: 'cmd.ideasForum' },
] as const satisfies readonly CommandSpec[];

export type IdeaCommandId = (typeof ideaCommands)[number]['id'];

export function ideaSpec(id: IdeaCommandId): CommandSpec {
  return ideaCommands.find((c) => c.id === id)!;
}

import type { CommandSpec } from '../../commands/spec.js';

export const sessionCommands: CommandSpec[] = [
  { id: 'sesi', en: 'sessions', audience: 'anyone', where: 'both', description: 'cmd.sessions' },
  { id: 'kalender', en: 'calendar', audience: 'anyone', where: 'both', description: 'cmd.calendar' },
  { id: 'pengingat', en: 'reminders', audience: 'member', where: 'private', description: 'cmd.reminders' },
  { id: 'sesi_baru', en: 'newsession', audience: 'coordinator', where: 'private', description: 'cmd.newSession' },
  { id: 'agenda', en: 'agenda', audience: 'coordinator', where: 'both', description: 'cmd.agenda' },
  { id: 'ubah_sesi', en: 'editsession', audience: 'coordinator', where: 'both', description: 'cmd.editSession' },
  { id: 'batal_sesi', en: 'cancelsession', audience: 'coordinator', where: 'both', description: 'cmd.cancelSession' },
  { id: 'notulen', en: 'minutes', audience: 'coordinator', where: 'both', description: 'cmd.minutes' },
  { id: 'kehadiran', en: 'attendance', audience: 'coordinator', where: 'private', description: 'cmd.attendance' },
  { id: 'hubungkan', en: 'link', audience: 'coordinator', where: 'group', description: 'cmd.link' },
  { id: 'putuskan', en: 'unlink', audience: 'coordinator', where: 'group', description: 'cmd.unlink' },
  { id: 'grup', en: 'groups', audience: 'coordinator', where: 'both', description: 'cmd.groups' },
];

export function sessionSpec(id: string): CommandSpec {
  const spec = sessionCommands.find((c) => c.id === id);
  if (!spec) throw new Error(`no session command ${id}`);
  return spec;
}

/** `12` or `#12` → 12. */
export function parseNumber(word: string | undefined): number | undefined {
  const m = /^#?(\d{1,9})$/.exec((word ?? '').trim());
  return m ? Number(m[1]) : undefined;
}

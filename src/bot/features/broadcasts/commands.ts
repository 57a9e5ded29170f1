import type { CommandSpec } from '../../commands/spec.js';

export const broadcastCommands: CommandSpec[] = [
  { id: 'siaran', en: 'broadcast', audience: 'coordinator', where: 'private', description: 'cmd.broadcast' },
  { id: 'siaran_batal', en: 'cancelbroadcast', audience: 'coordinator', where: 'both', description: 'cmd.broadcastStop' },
];

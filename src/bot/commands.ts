import type { MessageKey } from '../i18n/index.js';
import { dashboardCommands } from './features/dashboard.js';
import { backupCommands } from './features/backups.js';
import { collaboratorCommands } from './features/collaborators.js';
import { draftCommands } from './features/drafts.js';
import { evidenceCommands } from './features/evidence/index.js';
import { ideaCommands } from './features/ideas/commands.js';
import { broadcastCommands } from './features/broadcasts/commands.js';
import { sessionCommands } from './features/sessions/commands.js';
import { coachingCommands } from './features/coaching/commands.js';
import { competitionCommands } from './features/competitions/commands.js';

/** Who may use a command; help and setMyCommands list by it, guards enforce it. */
export type Audience = 'anyone' | 'member' | 'coordinator' | 'admin';
export type Where = 'private' | 'group' | 'both';

export interface CommandSpec {
  /** Indonesian name (the primary one). */
  id: string;
  /** English alias. */
  en: string;
  audience: Audience;
  where: Where;
  description: MessageKey;
  /** Shown in /help only, not in Telegram's command menu (keeps the menu short). */
  helpOnly?: boolean;
}

export const coreCommands: CommandSpec[] = [
  { id: 'start', en: 'start', audience: 'anyone', where: 'private', description: 'cmd.start', helpOnly: true },
  { id: 'bantuan', en: 'help', audience: 'anyone', where: 'both', description: 'cmd.help' },
  { id: 'daftar', en: 'register', audience: 'anyone', where: 'private', description: 'cmd.register' },
  { id: 'profil', en: 'profile', audience: 'member', where: 'private', description: 'cmd.profile' },
  { id: 'bahasa', en: 'language', audience: 'anyone', where: 'private', description: 'cmd.language' },
  { id: 'batal', en: 'cancel', audience: 'anyone', where: 'private', description: 'cmd.cancel' },
  { id: 'instansi', en: 'agencies', audience: 'anyone', where: 'both', description: 'cmd.agencies' },
  { id: 'peran', en: 'role', audience: 'admin', where: 'private', description: 'cmd.role' },
];

/** Every feature's specs, in the order help shows them. Features append their own list here. */
export const commandSpecs: CommandSpec[] = [...coreCommands, ...ideaCommands, ...sessionCommands, ...broadcastCommands, ...draftCommands, ...collaboratorCommands, ...coachingCommands, ...competitionCommands, ...evidenceCommands, ...dashboardCommands, ...backupCommands];

export function namesOf(spec: CommandSpec): string[] {
  return spec.id === spec.en ? [spec.id] : [spec.id, spec.en];
}

export function specByName(name: string): CommandSpec | undefined {
  return commandSpecs.find((s) => s.id === name || s.en === name);
}

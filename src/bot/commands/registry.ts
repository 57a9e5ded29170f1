import { agencyCommands } from '../features/agencies.js';
import { backupCommands } from '../features/backups.js';
import { broadcastCommands } from '../features/broadcasts/commands.js';
import { cancelCommands } from '../features/cancel.js';
import { coachingCommands } from '../features/coaching/commands.js';
import { collaboratorCommands } from '../features/collaborators.js';
import { competitionCommands } from '../features/competitions/commands.js';
import { dashboardCommands } from '../features/dashboard.js';
import { draftCommands } from '../features/drafts.js';
import { evidenceCommands } from '../features/evidence/index.js';
import { helpCommands } from '../features/help.js';
import { ideaCommands } from '../features/ideas/commands.js';
import { languageCommands } from '../features/language.js';
import { registrationCommands } from '../features/registration.js';
import { roleCommands } from '../features/roles.js';
import { sessionCommands } from '../features/sessions/commands.js';
import { startCommands } from '../features/start.js';
import type { CommandSpec } from './spec.js';

/**
 * Every feature's commands, in the order /help and the command menu show them. Each feature
 * declares its own; only the bot (createBot, publishCommands) reads this list, and hands it to
 * /help through the registries, so no feature imports it back.
 */
export const commandSpecs: readonly CommandSpec[] = [
  ...startCommands,
  ...helpCommands,
  ...registrationCommands,
  ...languageCommands,
  ...cancelCommands,
  ...agencyCommands,
  ...roleCommands,
  ...ideaCommands,
  ...sessionCommands,
  ...broadcastCommands,
  ...draftCommands,
  ...collaboratorCommands,
  ...coachingCommands,
  ...competitionCommands,
  ...evidenceCommands,
  ...dashboardCommands,
  ...backupCommands,
];

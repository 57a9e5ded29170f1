import type { id } from '../id/index.js';
import { core } from './core.js';
import { sessions } from './sessions.js';
import { broadcasts } from './broadcasts.js';

export const en: typeof id = { ...core, ...sessions, ...broadcasts };

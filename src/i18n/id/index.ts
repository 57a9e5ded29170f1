import { core } from './core.js';
import { sessions } from './sessions.js';
import { broadcasts } from './broadcasts.js';

/** Feature catalogues are merged here; en/index.ts mirrors this list. */
export const id = { ...core, ...sessions, ...broadcasts };

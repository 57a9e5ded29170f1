import { core } from './core.js';
import { drafts } from './drafts.js';
import { ideas } from './ideas.js';

/** Feature catalogues are merged here; en/index.ts mirrors this list. */
export const id = { ...core, ...ideas, ...drafts };

import { core } from './core.js';
import { drafts } from './drafts.js';

/** Feature catalogues are merged here; en/index.ts mirrors this list. */
export const id = { ...core, ...drafts };

import { core } from './core.js';
import { broadcasts } from './broadcasts.js';
import { drafts } from './drafts.js';
import { ideas } from './ideas.js';
import { sessions } from './sessions.js';
import { texts } from './texts.js';

/** Feature catalogues are merged here; en/index.ts mirrors this list. */
export const id = { ...core, ...ideas, ...sessions, ...broadcasts, ...drafts, ...texts };

import type { id } from '../id/index.js';
import { core } from './core.js';
import { broadcasts } from './broadcasts.js';
import { drafts } from './drafts.js';
import { ideas } from './ideas.js';
import { sessions } from './sessions.js';
import { texts } from './texts.js';

export const en: typeof id = { ...core, ...ideas, ...sessions, ...broadcasts, ...drafts, ...texts };

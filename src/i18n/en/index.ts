import type { id } from '../id/index.js';
import { core } from './core.js';
import { drafts } from './drafts.js';
import { ideas } from './ideas.js';

export const en: typeof id = { ...core, ...ideas, ...drafts };

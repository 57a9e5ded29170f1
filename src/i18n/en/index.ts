import type { id } from '../id/index.js';
import { core } from './core.js';
import { drafts } from './drafts.js';

export const en: typeof id = { ...core, ...drafts };

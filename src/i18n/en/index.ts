import type { id } from '../id/index.js';
import { core } from './core.js';
import { ideas } from './ideas.js';

export const en: typeof id = { ...core, ...ideas };

import type { id } from '../id/index.js';
import { core } from './core.js';

export const en: typeof id = { ...core };

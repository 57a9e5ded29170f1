import { core } from './core.js';
import { backups } from './backups.js';
import { broadcasts } from './broadcasts.js';
import { coaching } from './coaching.js';
import { drafts } from './drafts.js';
import { evidence } from './evidence.js';
import { ideas } from './ideas.js';
import { recap } from './recap.js';
import { sessions } from './sessions.js';
import { competitions } from './competitions.js';
import { dashboard } from './dashboard.js';
import { hardening } from './hardening.js';
import { texts } from './texts.js';

/** Feature catalogues are merged here; en/index.ts mirrors this list. */
export const id = { ...core, ...ideas, ...sessions, ...broadcasts, ...drafts, ...texts, ...hardening, ...recap, ...coaching, ...competitions, ...evidence, ...dashboard, ...backups };

import { Composer } from 'telegraf';
import type { BotContext, BotRegistries } from '../../context.js';
import { assessmentFeature } from './assessment.js';
import { candidatesFeature } from './candidates.js';
import { rankingFeature } from './ranking.js';
import { roundsFeature } from './rounds.js';

/** Competitions as data, candidates, deadlines and assessment (issue #16 B). */
export function competitionsFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(roundsFeature(), candidatesFeature(), rankingFeature(), assessmentFeature(registries));
  return composer;
}

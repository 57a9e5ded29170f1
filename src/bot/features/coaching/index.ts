import { Composer } from 'telegraf';
import type { BotContext, BotRegistries } from '../../context.js';
import { coachesFeature } from './coaches.js';
import { notesFeature } from './notes.js';


/** Coaching (pendampingan): coaches of ideas, coaching notes with the next date. */
export function coachingFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(coachesFeature(), notesFeature(registries));
  return composer;
}

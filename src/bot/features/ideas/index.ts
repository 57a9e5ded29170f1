import { Composer } from 'telegraf';
import type { BotContext, BotRegistries } from '../../context.js';
import { awardsFeature } from './awards.js';
import { cardFeature } from './card.js';
import { commentsFeature } from './comments.js';
import { editFeature } from './edit.js';
import { exportFeature } from './export.js';
import { formFeature } from './form-buttons.js';
import { forumFeature } from './forum.js';
import { listFeature } from './list.js';
import { pitchFeature } from './pitch.js';
import { recapFeature } from './recap.js';
import { searchFeature } from './search.js';
import { stageFeature } from './stage.js';


/** The idea pipeline. Comments in idea topics are caught first, before any other message handling. */
export function ideasFeature(registries: BotRegistries): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(
    commentsFeature(registries),
    pitchFeature(registries),
    formFeature(registries),
    cardFeature(registries),
    listFeature(),
    stageFeature(registries),
    editFeature(registries),
    searchFeature(),
    awardsFeature(),
    recapFeature(),
    exportFeature(),
    forumFeature(),
  );
  return composer;
}

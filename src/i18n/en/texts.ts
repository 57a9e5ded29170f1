import { html } from '../html.js';
import type { texts as source } from '../id/texts.js';

export const texts: typeof source = {
  'bc.header': (p) => `📢 Warkop Indah broadcast — sent by coordinator ${p.name}`,
  'drafts.delivering': (p) =>
    html`Draft v${p.version} of <b>${p.name}</b> is being sent, one message per section. Please wait until it has arrived, then ask again if you need a new version.`,
};

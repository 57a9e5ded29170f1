import type { DbOrTx } from '../../db/client.js';
import { getSetting, setSetting } from '../settings.js';
import { allLayouts, findLayout, type Layout } from './layout.js';

export const LAYOUT_SETTING = 'proposal.layout';

export type ActiveLayoutOrigin = 'setting' | 'config' | 'newest';

/**
 * The layout new drafts use: the coordinators' choice (/format), else PROPOSAL_LAYOUT, else the
 * newest committed one. A choice naming a layout that has since been removed is skipped.
 */
export async function activeLayout(db: DbOrTx, configured: string | undefined): Promise<{ layout: Layout; origin: ActiveLayoutOrigin }> {
  const chosen = findLayout(await getSetting<string>(db, LAYOUT_SETTING));
  if (chosen) return { layout: chosen, origin: 'setting' };
  const fromConfig = findLayout(configured);
  if (fromConfig) return { layout: fromConfig, origin: 'config' };
  return { layout: allLayouts()[0]!, origin: 'newest' };
}

export async function chooseLayout(db: DbOrTx, id: string): Promise<Layout | undefined> {
  const layout = findLayout(id);
  if (layout) await setSetting(db, LAYOUT_SETTING, layout.id);
  return layout;
}

import { stripTags } from '../../i18n/index.js';

/** Longest button label we draw (Telegram shows about this much on a phone). */
export const LABEL_MAX = 60;

/**
 * A button label from catalogue output: labels are plain text, so HTML escapes (`A&amp;B`) and
 * tags are undone first, and only then is it shortened, by whole characters (never half an
 * escape or half an emoji), with an ellipsis.
 */
export function label(text: { toString(): string }, max = LABEL_MAX): string {
  const plain = stripTags(text.toString());
  const chars = Array.from(plain);
  return chars.length <= max ? plain : `${chars.slice(0, max - 1).join('')}…`;
}

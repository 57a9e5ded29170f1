import type { Language } from './languages.js';
import { en } from './en/index.js';
import { Html } from './html.js';
import { id } from './id/index.js';

export type Messages = typeof id;
export type MessageKey = keyof Messages;
type ParamsOf<K extends MessageKey> = Messages[K] extends (p: infer P) => unknown ? [params: P] : [];

/** Looks up a message in the member's language and renders it as safe HTML. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => Html;

export const catalogues: Record<Language, Messages> = { id, en };

export function translator(lang: Language): Translate {
  const catalogue = catalogues[lang];
  return ((key: MessageKey, params?: unknown) => {
    const entry = catalogue[key] as string | ((p: unknown) => Html | string);
    const value = typeof entry === 'function' ? entry(params) : entry;
    return value instanceof Html ? value : new Html(value);
  }) as Translate;
}

export { Html, html, escapeHtml, stripTags, raw, joinHtml } from './html.js';

import type { MessageKey } from '../../i18n/index.js';

/** Who may use a command; help and setMyCommands list by it, guards enforce it. */
export type Audience = 'anyone' | 'member' | 'coordinator' | 'admin';
export type Where = 'private' | 'group' | 'both';

export interface CommandSpec {
  /** Indonesian name (the primary one). */
  id: string;
  /** English alias. */
  en: string;
  audience: Audience;
  where: Where;
  description: MessageKey;
  /** Shown in /help only, not in Telegram's command menu (keeps the menu short). */
  helpOnly?: boolean;
}

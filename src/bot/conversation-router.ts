import type { Conversation } from '../db/schema/index.js';
import type { BotContext } from './context.js';

/**
 * Multi-step dialogs: a feature registers a handler for its conversation kind, and plain text
 * in a chat with an open conversation is handed to it. State is in the database.
 */
export type ConversationHandler = (ctx: BotContext, conversation: Conversation, text: string) => Promise<void>;

export class ConversationRouter {
  private handlers = new Map<string, ConversationHandler>();

  register(kind: string, handler: ConversationHandler): void {
    this.handlers.set(kind, handler);
  }

  handlerFor(kind: string): ConversationHandler | undefined {
    return this.handlers.get(kind);
  }
}

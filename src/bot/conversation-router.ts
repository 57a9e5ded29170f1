import type { Conversation } from '../db/schema/index.js';

/**
 * Multi-step dialogs: a feature registers a handler for its conversation kind, and plain text
 * in a chat with an open conversation is handed to it. State is in the database.
 * Generic over the context (the bot's is BotContext) because BotContext holds the router: the
 * router does not import it back.
 */
export type ConversationHandler<C> = (ctx: C, conversation: Conversation, text: string) => Promise<void>;

export class ConversationRouter<C> {
  private handlers = new Map<string, ConversationHandler<C>>();

  register(kind: string, handler: ConversationHandler<C>): void {
    this.handlers.set(kind, handler);
  }

  handlerFor(kind: string): ConversationHandler<C> | undefined {
    return this.handlers.get(kind);
  }
}

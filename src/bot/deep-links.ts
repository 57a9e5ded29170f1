/**
 * `/start <payload>` routing. Payloads are `<kind>_<arg>` (Telegram allows A-Z a-z 0-9 _ -,
 * up to 64 chars), e.g. `rsvp_45_y` or `ide_12`. Generic over the context (the bot's is
 * BotContext) because BotContext holds these links: this module does not import it back.
 */
export type DeepLinkHandler<C> = (ctx: C, args: string[]) => Promise<void>;

export class DeepLinks<C> {
  private handlers = new Map<string, DeepLinkHandler<C>>();

  register(kind: string, handler: DeepLinkHandler<C>): void {
    if (!/^[a-z]+$/.test(kind)) throw new Error(`deep-link kind must be lowercase letters: ${kind}`);
    this.handlers.set(kind, handler);
  }

  /** Returns false when the payload names no known kind. */
  async dispatch(ctx: C, payload: string): Promise<boolean> {
    const [kind, ...args] = payload.split('_');
    const handler = kind ? this.handlers.get(kind) : undefined;
    if (!handler) return false;
    await handler(ctx, args);
    return true;
  }
}

export function deepLink(botUsername: string, kind: string, ...args: (string | number)[]): string {
  return `https://t.me/${botUsername}?start=${[kind, ...args].join('_')}`;
}

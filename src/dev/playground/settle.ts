import type { BotApiDouble } from '../telegram-double/index.js';

/** The parts of a running App that tell whether it is still working. */
export interface Busy {
  dispatcher: { readonly backlog: number };
  scheduler: { idle(): Promise<void> };
}

/**
 * Waits until every update sent to the double so far has been fetched and fully handled, and the
 * scheduler is idle. Updates leave the double's queue only once the dispatcher holds them (the
 * poller confirms an offset after accepting the batch), so "no pending updates and no backlog"
 * cannot be true while an update is in flight. Shared by the tests' harness and the playground.
 */
export async function settle(api: BotApiDouble, app: Busy, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.waitFor(() => api.pendingUpdates() === 0 && app.dispatcher.backlog === 0, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      description: 'the bot to finish handling updates',
    });
    await app.scheduler.idle();
    // A job never creates updates, but a handler woken meanwhile may still be running.
    if (api.pendingUpdates() === 0 && app.dispatcher.backlog === 0) return;
  }
}

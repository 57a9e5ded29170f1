import { applyPendingRsvps } from '../domain/sessions/pending-rsvps.js';
import type { SessionSettings } from '../domain/sessions/settings.js';
import type { Job } from './scheduler.js';

/** Answers given before registering are recorded once the member has registered (see applyPendingRsvps). */
export function pendingRsvpJob(settings: SessionSettings): Job {
  return {
    name: 'pending-rsvps',
    run: (ctx) => applyPendingRsvps(ctx.database.db, settings, ctx.clock.now()),
  };
}

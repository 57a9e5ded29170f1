import type { Config } from '../../config.js';
import { parseOffsets, type ReminderOffset } from '../reminders/offsets.js';

/** The configuration the session rules read, gathered once. */
export interface SessionSettings {
  timeZone: string;
  defaultOffsets: ReminderOffset[];
  durationMinutes: number;
  /** Least time between two edits of one announcement. */
  editIntervalMs: number;
}

export function sessionSettings(config: Config): SessionSettings {
  const parsed = parseOffsets(config.REMINDER_OFFSETS);
  return {
    timeZone: config.TZ_NAME,
    defaultOffsets: parsed.ok ? parsed.offsets : [],
    durationMinutes: config.SESSION_DURATION_MINUTES,
    editIntervalMs: config.RSVP_EDIT_INTERVAL_SECONDS * 1000,
  };
}

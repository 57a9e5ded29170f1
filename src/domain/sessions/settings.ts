import type { ReminderOffset } from '../reminders/offsets.js';

/** The settings the session rules read: plain values, mapped from the configuration by src/config.ts. */
export interface SessionSettings {
  timeZone: string;
  defaultOffsets: ReminderOffset[];
  durationMinutes: number;
  /** Least time between two edits of one announcement. */
  editIntervalMs: number;
}

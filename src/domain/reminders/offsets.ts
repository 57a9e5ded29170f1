import { addDays, fromLocal, toLocal } from '../dates/zoned.js';

/**
 * Reminder offsets: how long before a session a reminder goes out. Written as a comma list,
 * e.g. `1d@16:00,1h`: "the day before at 16.00" and "one hour before". Units m/h/d (also the
 * Indonesian menit/jam/hari). Planning is pure: offsets + start + now → due times.
 */
export type ReminderOffset =
  /** A fixed time before the start. */
  | { kind: 'before'; minutes: number }
  /** `days` calendar days before the start's date, at a wall-clock time in the forum's zone. */
  | { kind: 'dayAt'; days: number; hour: number; minute: number };

export const MAX_OFFSETS = 5;
/** Nobody needs a reminder more than two weeks ahead; it also bounds how much planning a change does. */
export const MAX_OFFSET_MINUTES = 14 * 24 * 60;

const UNIT_MINUTES: Record<string, number> = {
  m: 1, min: 1, mnt: 1, menit: 1, minute: 1, minutes: 1,
  h: 60, j: 60, jam: 60, hour: 60, hours: 60,
  d: 1440, hari: 1440, day: 1440, days: 1440,
};

export type OffsetsResult = { ok: true; offsets: ReminderOffset[] } | { ok: false; bad: string };

export function parseOffset(text: string): ReminderOffset | undefined {
  const m = /^(\d{1,4})\s*([a-z]+)(?:\s*@\s*(\d{1,2})[:.](\d{2}))?$/.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const amount = Number(m[1]);
  const unit = UNIT_MINUTES[m[2]!];
  if (unit === undefined) return undefined;
  if (m[3] !== undefined) {
    const hour = Number(m[3]);
    const minute = Number(m[4]);
    if (unit !== 1440 || hour > 23 || minute > 59 || amount > 14) return undefined;
    return { kind: 'dayAt', days: amount, hour, minute };
  }
  const minutes = amount * unit;
  if (minutes < 1 || minutes > MAX_OFFSET_MINUTES) return undefined;
  return { kind: 'before', minutes };
}

/** Parses a comma list; duplicates collapse; at most MAX_OFFSETS. */
export function parseOffsets(text: string): OffsetsResult {
  const parts = text.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, bad: text };
  const byKey = new Map<string, ReminderOffset>();
  for (const part of parts) {
    const offset = parseOffset(part);
    if (!offset) return { ok: false, bad: part };
    byKey.set(offsetKey(offset), offset);
  }
  if (byKey.size > MAX_OFFSETS) return { ok: false, bad: parts.slice(MAX_OFFSETS).join(',') };
  return { ok: true, offsets: sortOffsets([...byKey.values()]) };
}

/** Canonical text of one offset (`1d@16:00`, `1h`, `90m`): the stored form and the dedupe key part. */
export function offsetKey(offset: ReminderOffset): string {
  if (offset.kind === 'dayAt') return `${offset.days}d@${String(offset.hour).padStart(2, '0')}:${String(offset.minute).padStart(2, '0')}`;
  const { minutes } = offset;
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export function formatOffsets(offsets: readonly ReminderOffset[]): string {
  return offsets.map(offsetKey).join(',');
}

/** Earliest first (the largest lead time first). */
function sortOffsets(offsets: ReminderOffset[]): ReminderOffset[] {
  const lead = (o: ReminderOffset) => (o.kind === 'before' ? o.minutes : o.days * 1440 + (1440 - (o.hour * 60 + o.minute)));
  return offsets.sort((a, b) => lead(b) - lead(a));
}

export function dueAt(offset: ReminderOffset, startsAt: Date, timeZone: string): Date {
  if (offset.kind === 'before') return new Date(startsAt.getTime() - offset.minutes * 60_000);
  const day = addDays(toLocal(startsAt, timeZone), -offset.days);
  return fromLocal({ ...day, hour: offset.hour, minute: offset.minute }, timeZone);
}

export interface PlannedReminder {
  key: string;
  dueAt: Date;
}

/**
 * The reminders still worth sending for a session starting at `startsAt`: due after `now` and
 * before the start ("the day before at 16.00" for a session created at 17.00 the day before is
 * dropped, not sent late). Two offsets landing on the same minute send once.
 */
export function planReminders(offsets: readonly ReminderOffset[], startsAt: Date, now: Date, timeZone: string): PlannedReminder[] {
  const seen = new Set<number>();
  const planned: PlannedReminder[] = [];
  for (const offset of offsets) {
    const due = dueAt(offset, startsAt, timeZone);
    if (due.getTime() <= now.getTime() || due.getTime() >= startsAt.getTime() || seen.has(due.getTime())) continue;
    seen.add(due.getTime());
    planned.push({ key: offsetKey(offset), dueAt: due });
  }
  return planned.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

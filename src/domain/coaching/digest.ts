import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { addDays, fromLocal, isoDate, toLocal } from '../dates/zoned.js';

export interface DigestSettings {
  timeZone: string;
  staleDays: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
}

/**
 * This week's digest slot: the week (named by its Monday, `2026-11-30`) and the instant the digest
 * is due (its weekday and hour). The week's name is the digest's dedupe key, so two instances or
 * a restart never send one week's digest twice.
 */
export function digestSlot(now: Date, settings: Pick<DigestSettings, 'timeZone' | 'weekday' | 'hour'>): { week: string; dueAt: Date } {
  const local = toLocal(now, settings.timeZone);
  const isoWeekday = local.weekday === 0 ? 7 : local.weekday;
  const monday = addDays(local, 1 - isoWeekday);
  const day = addDays(monday, settings.weekday - 1);
  return { week: isoDate(monday), dueAt: fromLocal({ ...day, hour: settings.hour, minute: 0 }, settings.timeZone) };
}

export interface StaleIdea {
  id: number;
  name: string;
  agency: string;
  /** The last coaching note, or null when the idea has had none since its first coach came. */
  lastNoteAt: Date | null;
  since: Date;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * Coached ideas (at least one coach, not archived or deleted) whose last coaching note — or, with
 * none yet, the first assignment of a coach — is older than `staleDays`; the longest waiting first.
 */
export async function staleIdeas(db: DbOrTx, now: Date, staleDays: number, limit = 30): Promise<{ ideas: StaleIdea[]; total: number }> {
  const cutoff = new Date(now.getTime() - staleDays * 86_400_000).toISOString();
  const result = await db.execute(sql`
    with coached as (
      select i.id, i.name, a.short_name as agency,
        (select max(n.created_at) from coaching_notes n where n.idea_id = i.id) as last_note_at,
        (select min(c.assigned_at) from idea_coaches c where c.idea_id = i.id and c.removed_at is null) as first_assigned_at
      from ideas i
      join agencies a on a.id = i.agency_id
      where i.deleted_at is null and i.stage <> 'archived'
        and exists (select 1 from idea_coaches c where c.idea_id = i.id and c.removed_at is null)
    )
    select id, name, agency, last_note_at, coalesce(last_note_at, first_assigned_at) as since, count(*) over () as total
    from coached
    where coalesce(last_note_at, first_assigned_at) < ${cutoff}::timestamptz
    order by since asc, id asc
    limit ${limit}`);
  const rows = ((result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])) as Record<string, unknown>[];
  return {
    ideas: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      agency: String(r.agency),
      lastNoteAt: toDate(r.last_note_at),
      since: toDate(r.since)!,
    })),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  };
}

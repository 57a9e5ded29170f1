import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { dataVersions } from '../db/schema/index.js';

/** Tables whose writes bump their row of cache.data_versions (the triggers of migration 0013_recap). */
export type VersionedTable = 'ideas' | 'idea_awards' | 'agencies';

/**
 * One value standing for the committed state of the given tables: equal to an earlier reading only
 * if none of them changed since. Read it BEFORE the data it guards (read committed: the data read
 * afterwards is then at least as new as this value, so a memo is never older than its label).
 * A table never written since the migration has no row and reads as 0; its first write takes a
 * sequence value, which is never 0.
 */
export async function readDataVersion(db: DbOrTx, tables: readonly VersionedTable[]): Promise<string> {
  const rows = await db.select().from(dataVersions).where(inArray(dataVersions.name, [...tables]));
  const byName = new Map(rows.map((r) => [r.name, Number(r.version)]));
  return tables.map((t) => `${t}:${byName.get(t) ?? 0}`).join(',');
}

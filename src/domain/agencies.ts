import { readFileSync } from 'node:fs';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { agencies, type Agency } from '../db/schema/index.js';
import { aliasShortNames } from './agency-aliases.js';

const seedFile = new URL('../db/seed/agencies.json', import.meta.url);
const seedSchema = z.array(z.object({ name: z.string().min(3), shortName: z.string().min(2) }));

export function readAgencySeed(): { name: string; shortName: string }[] {
  return seedSchema.parse(JSON.parse(readFileSync(seedFile, 'utf8')));
}

/**
 * Fills an empty table from the committed list. Once coordinators have agencies they rename
 * and deactivate them, so the seed never runs again (it would bring back renamed names).
 */
export async function seedAgencies(db: DbOrTx): Promise<number> {
  const [existing] = await db.select({ id: agencies.id }).from(agencies).limit(1);
  if (existing) return 0;
  const rows = readAgencySeed();
  const inserted = await db
    .insert(agencies)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: agencies.id });
  return inserted.length;
}

export async function listActiveAgencies(db: DbOrTx): Promise<Agency[]> {
  return db.select().from(agencies).where(eq(agencies.active, true)).orderBy(asc(agencies.name));
}

export async function findAgencyById(db: DbOrTx, id: number): Promise<Agency | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

/** Case-insensitive match on the full or short name, best (shortest) first. */
/**
 * Agencies by part of their name or short name; failing that, by a name that looks alike
 * ("keshatan" → Dinas Kesehatan). Aliases (agency-aliases.ts: "puskesmas" → Dinkes) come first.
 */
export async function searchAgencies(db: DbOrTx, text: string, limit = 10): Promise<Agency[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const aliased = aliasShortNames(text);
  const isAlias = aliased.length ? sql`${agencies.shortName} in (${sql.join(aliased.map((s) => sql`${s}`), sql`, `)})` : undefined;
  const likeness = sql`greatest(similarity(${agencies.name}, ${text}), similarity(${agencies.shortName}, ${text}))`;
  const rows = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.active, true), or(ilike(agencies.name, pattern), ilike(agencies.shortName, pattern), isAlias)))
    // (A constant `order by false` is an error in PostgreSQL: the alias key is there only with aliases.)
    .orderBy(...(isAlias ? [sql`(${isAlias}) desc`] : []), sql`${likeness} desc`, asc(agencies.name))
    .limit(limit);
  if (rows.length) return rows;
  // A typo: the list is short (dozens of agencies), so comparing every name is cheap.
  const fuzzy = sql`greatest(word_similarity(${text}, ${agencies.name}), similarity(${text}, ${agencies.shortName}))`;
  return db
    .select()
    .from(agencies)
    .where(and(eq(agencies.active, true), sql`${fuzzy} >= ${FUZZY_MIN}`))
    .orderBy(sql`${fuzzy} desc`, asc(agencies.name))
    .limit(limit);
}

/** How alike a typed name must be to an agency's to be offered (pg_trgm word similarity, 0–1). */
const FUZZY_MIN = 0.45;

export type AddAgencyResult = { ok: true; agency: Agency } | { ok: false; reason: 'duplicate' };

export async function addAgency(db: DbOrTx, name: string, shortName: string): Promise<AddAgencyResult> {
  const [row] = await db.insert(agencies).values({ name, shortName }).onConflictDoNothing().returning();
  return row ? { ok: true, agency: row } : { ok: false, reason: 'duplicate' };
}

export async function renameAgency(db: DbOrTx, id: number, name: string, shortName: string): Promise<Agency | undefined> {
  const [row] = await db
    .update(agencies)
    .set({ name, shortName, updatedAt: sql`now()` })
    .where(eq(agencies.id, id))
    .returning();
  return row;
}

export async function setAgencyActive(db: DbOrTx, id: number, active: boolean): Promise<Agency | undefined> {
  const [row] = await db.update(agencies).set({ active, updatedAt: sql`now()` }).where(eq(agencies.id, id)).returning();
  return row;
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { appSettings } from '../db/schema/index.js';

/** Reads a runtime setting (JSON value) or undefined when it was never set. */
export async function getSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row?.value as T | undefined;
}

export async function setSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db.insert(appSettings).values({ key, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } });
}

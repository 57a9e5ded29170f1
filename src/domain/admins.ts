import { and, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { members } from '../db/schema/index.js';
import { getSetting, setSetting } from './settings.js';

const KEY = 'env_admin_ids';

/**
 * ADMIN_TELEGRAM_IDS is the list of admins by configuration, and it is authoritative both ways:
 * listed accounts are admins (also once they first write), and an id taken off the list loses the
 * admin role it had from the list (it becomes a member; an admin can grant a role again with
 * /peran). Admins made with /peran are not touched. Runs at start-up, in one transaction.
 */
export async function syncEnvAdmins(db: DbOrTx, ids: readonly number[]): Promise<{ demoted: number[] }> {
  return db.transaction(async (tx) => {
    const before = (await getSetting<number[]>(tx, KEY)) ?? [];
    const removed = before.filter((id) => !ids.includes(id));
    const demoted = removed.length
      ? (await tx.update(members).set({ role: 'member' }).where(and(inArray(members.telegramId, removed), inArray(members.role, ['admin']))).returning({ telegramId: members.telegramId })).map((r) => r.telegramId)
      : [];
    if (ids.length) await tx.update(members).set({ role: 'admin' }).where(and(inArray(members.telegramId, [...ids]), ne(members.role, 'admin')));
    await setSetting(tx, KEY, [...ids]);
    return { demoted };
  });
}

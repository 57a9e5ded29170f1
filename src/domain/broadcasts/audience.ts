import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, type BroadcastAudience } from '../../db/schema/index.js';
import { activeLinkedChats } from '../sessions/links.js';

export interface Recipient {
  chatId: number;
  threadId: number | null;
  memberId: number | null;
}

/** Registered members the bot can still write to. */
function activeMembers(agencyIds?: number[]) {
  return and(
    isNotNull(members.registeredAt),
    eq(members.reachable, true),
    agencyIds ? inArray(members.agencyId, agencyIds.length ? agencyIds : [-1]) : undefined,
  );
}

/** Who a broadcast goes to, resolved at the moment it is confirmed. */
export async function audienceRecipients(db: DbOrTx, audience: BroadcastAudience, agencyIds: number[] = []): Promise<Recipient[]> {
  if (audience === 'groups') {
    return (await activeLinkedChats(db)).map((g) => ({ chatId: g.chatId, threadId: g.threadId, memberId: null }));
  }
  const rows = await db
    .select({ id: members.id, telegramId: members.telegramId })
    .from(members)
    .where(activeMembers(audience === 'agencies' ? agencyIds : undefined))
    .orderBy(members.id);
  return rows.map((m) => ({ chatId: m.telegramId, threadId: null, memberId: m.id }));
}

export async function audienceSize(db: DbOrTx, audience: BroadcastAudience, agencyIds: number[] = []): Promise<number> {
  if (audience === 'groups') return (await activeLinkedChats(db)).length;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(activeMembers(audience === 'agencies' ? agencyIds : undefined));
  return Number(row?.n ?? 0);
}

/** Active members per agency, for the agency picker's labels. */
export async function membersPerAgency(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db
    .select({ agencyId: members.agencyId, n: sql<number>`count(*)::int` })
    .from(members)
    .where(activeMembers())
    .groupBy(members.agencyId);
  return new Map(rows.filter((r) => r.agencyId !== null).map((r) => [r.agencyId!, Number(r.n)]));
}

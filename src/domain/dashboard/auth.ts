import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dashboardLinks, dashboardSessions, members, type Member } from '../../db/schema/index.js';
import { isRegistered } from '../permissions.js';

/** A sign-in link works once, for this long. */
export const LINK_TTL_MS = 10 * 60_000;
/** A browser session lasts this long; `/dasbor keluar` ends them all sooner. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: what the link or the cookie carries. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes are stored: a leaked table signs no one in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(token: string | undefined): token is string {
  return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

/** A fresh single-use sign-in token for a member; expired links and sessions of everyone are cleared on the way. */
export async function createSignInLink(db: DbOrTx, memberId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  await db.delete(dashboardLinks).where(or(lt(dashboardLinks.expiresAt, now), lt(dashboardLinks.createdAt, new Date(now.getTime() - 24 * 3600_000))));
  await db.delete(dashboardSessions).where(lt(dashboardSessions.expiresAt, now));
  await db.insert(dashboardLinks).values({ tokenHash: hashToken(token), memberId, expiresAt, createdAt: now });
  return { token, expiresAt };
}

export type RedeemResult = { ok: true; sessionToken: string; memberId: number; expiresAt: Date } | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'not_member' };

/**
 * Trades a sign-in token for a session, once: the update that marks the link used is the one that
 * wins, so two tabs (or two instances) pressing the same link get one session between them.
 */
export async function redeemSignInLink(db: DbOrTx, token: string, now: Date): Promise<RedeemResult> {
  if (!looksLikeToken(token)) return { ok: false, reason: 'invalid' };
  const tokenHash = hashToken(token);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(dashboardLinks)
      .set({ usedAt: now })
      .where(and(eq(dashboardLinks.tokenHash, tokenHash), isNull(dashboardLinks.usedAt), gt(dashboardLinks.expiresAt, now)))
      .returning({ memberId: dashboardLinks.memberId });
    if (!claimed) {
      const [row] = await tx.select().from(dashboardLinks).where(eq(dashboardLinks.tokenHash, tokenHash));
      if (!row) return { ok: false, reason: 'invalid' } as const;
      return { ok: false, reason: row.usedAt ? 'used' : 'expired' } as const;
    }
    const [member] = await tx.select().from(members).where(eq(members.id, claimed.memberId));
    if (!isRegistered(member)) return { ok: false, reason: 'not_member' } as const;
    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await tx.insert(dashboardSessions).values({ tokenHash: hashToken(sessionToken), memberId: member.id, expiresAt, createdAt: now });
    return { ok: true, sessionToken, memberId: member.id, expiresAt } as const;
  });
}

/** The registered member a session cookie belongs to, while it lasts. */
export async function memberForSession(db: DbOrTx, token: string | undefined, now: Date): Promise<Member | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const [row] = await db
    .select({ member: members })
    .from(dashboardSessions)
    .innerJoin(members, eq(members.id, dashboardSessions.memberId))
    .where(and(eq(dashboardSessions.tokenHash, hashToken(token)), gt(dashboardSessions.expiresAt, now)));
  return isRegistered(row?.member) ? row.member : undefined;
}

/** Signs one browser out. */
export async function endSession(db: DbOrTx, token: string): Promise<void> {
  if (!looksLikeToken(token)) return;
  await db.delete(dashboardSessions).where(eq(dashboardSessions.tokenHash, hashToken(token)));
}

/** `/dasbor keluar`: every browser session of the member ends, and unused links stop working. Returns how many sessions ended. */
export async function endAllSessions(db: DbOrTx, memberId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx.delete(dashboardSessions).where(eq(dashboardSessions.memberId, memberId)).returning({ h: dashboardSessions.tokenHash });
    await tx.delete(dashboardLinks).where(eq(dashboardLinks.memberId, memberId));
    return ended.length;
  });
}

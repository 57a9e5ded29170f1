import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { members, type Language, type Member, type Role } from '../db/schema/index.js';

export interface TelegramPerson {
  id: number;
  first_name: string;
  username?: string | undefined;
  language_code?: string | undefined;
}

function byTelegramIdQuery(db: DbOrTx) {
  return db.select().from(members).where(eq(members.telegramId, sql.placeholder('telegramId'))).prepare('member_by_telegram_id');
}
const byTelegramId = new WeakMap<DbOrTx, ReturnType<typeof byTelegramIdQuery>>();

/**
 * Loads the member for a Telegram user, creating or refreshing the row only when something
 * changed, so the common path is one read. Bootstrap admins are promoted here. That read runs for
 * every update, so its SQL is built once per database (building it was a tenth of the bot's CPU).
 * `known` is the row as the caller already read it, current enough to trust (null: there is none),
 * and saves the read; undefined reads it.
 */
export async function touchMember(db: DbOrTx, from: TelegramPerson, bootstrapAdmin: boolean, known?: Member | null): Promise<Member> {
  let existing = known ?? undefined;
  if (known === undefined) {
    let lookup = byTelegramId.get(db);
    if (!lookup) byTelegramId.set(db, (lookup = byTelegramIdQuery(db)));
    [existing] = await lookup.execute({ telegramId: from.id });
  }
  const username = from.username ?? null;
  const telegramLanguage = from.language_code ?? null;
  if (!existing) {
    await releaseUsername(db, username, from.id);
    const [created] = await db
      .insert(members)
      .values({
        telegramId: from.id,
        firstName: from.first_name,
        username,
        telegramLanguage,
        role: bootstrapAdmin ? 'admin' : 'member',
      })
      .onConflictDoUpdate({ target: members.telegramId, set: { firstName: from.first_name, username, telegramLanguage } })
      .returning();
    return created!;
  }
  const promote = bootstrapAdmin && existing.role !== 'admin';
  if (
    existing.firstName === from.first_name &&
    existing.username === username &&
    existing.telegramLanguage === telegramLanguage &&
    existing.reachable &&
    !promote
  ) {
    return existing;
  }
  if (existing.username !== username) await releaseUsername(db, username, from.id);
  const [updated] = await db
    .update(members)
    .set({
      firstName: from.first_name,
      username,
      telegramLanguage,
      // A member who writes to the bot again has unblocked it.
      reachable: true,
      ...(promote ? { role: 'admin' as const } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(members.id, existing.id))
    .returning();
  return updated!;
}

export async function findMemberByTelegramId(db: DbOrTx, telegramId: number): Promise<Member | undefined> {
  const [row] = await db.select().from(members).where(eq(members.telegramId, telegramId));
  return row;
}

export type HandleMatch = { kind: 'found'; member: Member } | { kind: 'none' } | { kind: 'ambiguous' };

/**
 * `@username` (case-insensitive) or a numeric Telegram id. Usernames move between people on
 * Telegram; the bot clears a stale one when someone else shows up with it, and should two rows
 * still carry it (neither has written since), the answer is `ambiguous`, never the first one.
 */
export async function resolveHandle(db: DbOrTx, handle: string): Promise<HandleMatch> {
  const trimmed = handle.trim();
  if (/^\d+$/.test(trimmed)) {
    const member = await findMemberByTelegramId(db, Number(trimmed));
    return member ? { kind: 'found', member } : { kind: 'none' };
  }
  const username = trimmed.replace(/^@/, '');
  if (!/^[A-Za-z0-9_]{3,32}$/.test(username)) return { kind: 'none' };
  const rows = await db.select().from(members).where(sql`lower(${members.username}) = lower(${username})`).limit(2);
  if (rows.length > 1) return { kind: 'ambiguous' };
  return rows[0] ? { kind: 'found', member: rows[0] } : { kind: 'none' };
}

/** Like resolveHandle, but undefined unless exactly one member matches. */
export async function findMemberByHandle(db: DbOrTx, handle: string): Promise<Member | undefined> {
  const match = await resolveHandle(db, handle);
  return match.kind === 'found' ? match.member : undefined;
}

/** A username belongs to one Telegram account at a time: whoever had it before no longer does. */
async function releaseUsername(db: DbOrTx, username: string | null, telegramId: number): Promise<void> {
  if (!username) return;
  await db
    .update(members)
    .set({ username: null, updatedAt: sql`now()` })
    .where(sql`lower(${members.username}) = lower(${username}) and ${members.telegramId} <> ${telegramId}`);
}

export async function completeRegistration(db: DbOrTx, memberId: number, fullName: string, agencyId: number): Promise<Member> {
  const [row] = await db
    .update(members)
    .set({ fullName, agencyId, registeredAt: sql`coalesce(${members.registeredAt}, now())`, updatedAt: sql`now()` })
    .where(eq(members.id, memberId))
    .returning();
  return row!;
}

export async function telegramIdOf(db: DbOrTx, memberId: number): Promise<number | undefined> {
  const [row] = await db.select({ telegramId: members.telegramId }).from(members).where(eq(members.id, memberId));
  return row?.telegramId;
}

/** A registered member's profile edits (/profil): a new name or a new agency. */
export async function updateProfile(db: DbOrTx, memberId: number, change: { fullName: string } | { agencyId: number }): Promise<void> {
  await db.update(members).set({ ...change, updatedAt: sql`now()` }).where(eq(members.id, memberId));
}

export async function setMemberLanguage(db: DbOrTx, memberId: number, language: Language): Promise<void> {
  await db.update(members).set({ language, updatedAt: sql`now()` }).where(eq(members.id, memberId));
}

export async function setMemberRole(db: DbOrTx, memberId: number, role: Role): Promise<Member> {
  const [row] = await db.update(members).set({ role, updatedAt: sql`now()` }).where(eq(members.id, memberId)).returning();
  return row!;
}

export async function markMemberUnreachable(db: DbOrTx, telegramId: number): Promise<void> {
  await db.update(members).set({ reachable: false, updatedAt: sql`now()` }).where(eq(members.telegramId, telegramId));
}

/** The language to talk to a member in: their choice, else Telegram's, else the default. */
export function languageFor(
  member: Pick<Member, 'language' | 'telegramLanguage'> | null | undefined,
  telegramLanguage: string | undefined,
  fallback: Language,
): Language {
  if (member?.language) return member.language;
  const code = (member?.telegramLanguage ?? telegramLanguage ?? '').toLowerCase();
  if (code.startsWith('id') || code.startsWith('in')) return 'id';
  if (code.startsWith('en')) return 'en';
  return fallback;
}

/** Coordinators (and admins) a member can ask, for "coordinators only" answers: registered ones first by name. */
export async function listCoordinators(db: DbOrTx, limit = 5): Promise<{ name: string; username: string | null }[]> {
  const rows = await db
    .select({ fullName: members.fullName, firstName: members.firstName, username: members.username })
    .from(members)
    .where(and(inArray(members.role, ['coordinator', 'admin']), isNotNull(members.registeredAt)))
    .orderBy(asc(members.fullName), asc(members.id))
    .limit(limit);
  return rows.map((r) => ({ name: displayName(r), username: r.username }));
}

export function displayName(member: Pick<Member, 'fullName' | 'firstName'>): string {
  return member.fullName ?? member.firstName;
}

export async function findMember(db: DbOrTx, id: number): Promise<Member | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

/** Registered coordinators and admins the bot may still write to (digests go to them). */
export async function reachableCoordinators(db: DbOrTx): Promise<Member[]> {
  return db
    .select()
    .from(members)
    .where(and(inArray(members.role, ['coordinator', 'admin']), isNotNull(members.registeredAt), eq(members.reachable, true)));
}

import { sql } from 'drizzle-orm';
import { agencies, ideas, members } from '../../src/db/schema/index.js';
import type { Harness, TestUser } from './harness.js';

/** A registered member of an agency, straight in the database (after /start), with a username. */
export async function person(h: Harness, firstName: string, agencyShortName: string, language = 'id'): Promise<TestUser> {
  const user = h.user(firstName, { username: firstName.toLowerCase(), language_code: language });
  await user.send('/start');
  const [agency] = await h.db.select().from(agencies).where(sql`${agencies.shortName} = ${agencyShortName}`);
  await h.db
    .update(members)
    .set({ fullName: `${firstName} ${agencyShortName}`, agencyId: agency!.id, registeredAt: new Date() })
    .where(sql`${members.telegramId} = ${user.id}`);
  return user;
}

/** An idea owned by a member, in the owner's agency. */
export async function ideaOf(h: Harness, owner: TestUser, name: string, implementedOn: string | null = null): Promise<number> {
  const [m] = await h.db.select().from(members).where(sql`${members.telegramId} = ${owner.id}`);
  const [row] = await h.db.insert(ideas).values({ name, agencyId: m!.agencyId!, ownerId: m!.id, implementedOn }).returning();
  return row!.id;
}

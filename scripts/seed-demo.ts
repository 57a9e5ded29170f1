/**
 * `npm run seed:demo`: fills the playground's database (DATA_DIR/playground-db) with believable
 * sample data — people from a dozen perangkat daerah and ideas at every stage, with their history,
 * supports, comments and competition results. Idempotent: a second run changes nothing.
 * The playground must not be running (PGlite serves one process; the data dir lock refuses).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { and, gte, inArray, lt } from 'drizzle-orm';
import { ConfigError, loadConfig, readDotEnv } from '../src/config.js';
import { DatabaseLockedError, openDatabase, type Tx } from '../src/db/client.js';
import { agencies, ideaAwards, ideaComments, ideaStageEvents, ideaSupports, ideas, members } from '../src/db/schema/index.js';
import { localDate } from '../src/domain/dates/zoned.js';
import { seedAgencies } from '../src/domain/agencies.js';
import { displayPath, playgroundDatabaseDir } from '../src/dev/playground/boot.js';
import { DEMO_ID_BASE, demoIdeas, demoMembers } from './seed-demo-data.js';

const DAY = 86_400_000;

/** The playground's clock may have been moved ahead: the sample history ends at its "now". */
function playgroundNow(dataDir: string): Date {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, 'playground.json'), 'utf8')) as { clockOffsetMs?: unknown };
    if (typeof saved.clockOffsetMs === 'number') return new Date(Date.now() + saved.clockOffsetMs);
  } catch {
    // no playground yet
  }
  return new Date();
}

/** Writes the demo data in one transaction (also used by tests that need a filled database). */
export async function seed(tx: Tx, now: Date, timeZone: string): Promise<{ members: number; ideas: number }> {
  const agencyRows = await tx.select({ id: agencies.id, shortName: agencies.shortName }).from(agencies);
  const agencyId = (short: string) => {
    const row = agencyRows.find((a) => a.shortName === short);
    if (!row) throw new Error(`agency ${short} is missing from the agencies table`);
    return row.id;
  };
  const ago = (days: number, hour = 9) => new Date(now.getTime() - days * DAY - (now.getTime() % DAY) + (hour - 8) * 3_600_000);

  const memberIds = new Map<string, number>();
  for (const [i, m] of demoMembers.entries()) {
    const [row] = await tx
      .insert(members)
      .values({
        telegramId: DEMO_ID_BASE + i + 1,
        firstName: m.firstName,
        username: m.username,
        fullName: m.fullName,
        agencyId: agencyId(m.agency),
        role: m.role ?? 'member',
        language: m.language ?? null,
        telegramLanguage: m.language ?? 'id',
        registeredAt: ago(1400 - i * 17),
        createdAt: ago(1400 - i * 17),
        updatedAt: ago(1400 - i * 17),
      })
      .returning({ id: members.id });
    memberIds.set(m.key, row!.id);
  }
  const member = (key: string) => {
    const id = memberIds.get(key);
    if (id === undefined) throw new Error(`demo member ${key} is not defined`);
    return id;
  };

  for (const idea of demoIdeas) {
    const first = idea.history[0]!;
    const last = idea.history.at(-1)!;
    const trial = idea.history.find((h) => h.stage === 'trial');
    const implemented = idea.history.find((h) => h.stage === 'implemented');
    const ownerKey = demoMembers.find((m) => m.key === idea.owner)!;
    const [row] = await tx
      .insert(ideas)
      .values({
        name: idea.name,
        expansion: idea.expansion,
        problem: idea.problem,
        solution: idea.solution,
        beneficiaries: idea.beneficiaries,
        form: idea.form,
        digital: idea.digital,
        agencyId: agencyId(ownerKey.agency),
        ownerId: member(idea.owner),
        stage: last.stage,
        trialStartedOn: trial ? localDate(ago(trial.daysAgo), timeZone) : null,
        implementedOn: implemented ? localDate(ago(implemented.daysAgo), timeZone) : null,
        archivedReason: last.stage === 'archived' ? (last.note ?? null) : null,
        supportCount: idea.supporters.length,
        commentCount: idea.comments.length,
        createdAt: ago(first.daysAgo),
        updatedAt: ago(last.daysAgo),
      })
      .returning({ id: ideas.id });
    const ideaId = row!.id;
    let from: (typeof idea.history)[number]['stage'] | null = null;
    for (const step of idea.history) {
      await tx.insert(ideaStageEvents).values({ ideaId, fromStage: from, toStage: step.stage, actorId: member(step.by), note: step.note ?? null, createdAt: ago(step.daysAgo, 10) });
      from = step.stage;
    }
    for (const [i, key] of idea.supporters.entries()) {
      await tx.insert(ideaSupports).values({ ideaId, memberId: member(key), createdAt: ago(Math.max(1, first.daysAgo - 3 - i * 5), 11) });
    }
    for (const c of idea.comments) {
      await tx.insert(ideaComments).values({ ideaId, authorId: member(c.by), text: c.text, createdAt: ago(c.daysAgo, 14) });
    }
    for (const a of idea.awards ?? []) {
      await tx.insert(ideaAwards).values({ ideaId, ...a, recordedBy: member('rahmat'), createdAt: ago(Math.max(1, last.daysAgo - 30), 15) });
    }
  }
  return { members: demoMembers.length, ideas: demoIdeas.length };
}

async function main(): Promise<number> {
  readDotEnv();
  let config;
  try {
    config = loadConfig({ ...process.env, TELEGRAM_BOT_TOKEN: undefined });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const dataDir = resolve(config.DATA_DIR);
  const shown = displayPath(dataDir);
  let database;
  try {
    database = await openDatabase({ dataDir: playgroundDatabaseDir(dataDir) });
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      process.stderr.write(`The playground is running on ${shown} (its database is locked). Leave it with :quit, then run npm run seed:demo again.\n`);
      return 2;
    }
    throw err;
  }
  try {
    await seedAgencies(database.db);
    const existing = await database.db
      .select({ id: members.id })
      .from(members)
      .where(and(gte(members.telegramId, DEMO_ID_BASE), lt(members.telegramId, DEMO_ID_BASE + 1000)))
      .limit(1);
    // Decided by the demo data itself (its people, with their reserved Telegram ids): an idea
    // someone pitched by hand, even one named like a demo idea (the guided tour pitches Getar
    // Dilan), is not the demo data.
    if (existing.length > 0) {
      process.stdout.write(`The playground database in ${shown} already has the demo data; nothing to do.\n`);
      return 0;
    }
    const counts = await database.db.transaction((tx) => seed(tx, playgroundNow(dataDir), config.TZ_NAME));
    const agencyCount = new Set(demoMembers.map((m) => m.agency)).size;
    process.stdout.write(
      `Seeded the playground database in ${shown}: ${counts.members} people from ${agencyCount} perangkat daerah and ${counts.ideas} ideas at every stage ` +
        `(including Getar Dilan, Rompi KPK, Peta Baper and ANC Hipnoterapi) with their history, supports, comments and results.\n` +
        `Start the playground with npm start; act as one of them with :user NAME, e.g. :user Rahmat (a coordinator) or :user Andi.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

// Run as a script (not when a test imports seed()).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exit(await main());

/**
 * Start-up pieces of the playground that do not need the engine: aligning the fake Telegram's
 * memory with the bot's database, and the environment the real bot runs with.
 */
import { isAbsolute, join, relative } from 'node:path';
import type { Database } from '../../db/client.js';
import { knownToTheBot } from '../../db/known-to-the-bot.js';
import type { ChatSnapshot, DoubleSnapshot } from '../telegram-double/index.js';

export const PLAYGROUND_TOKEN = '5000000001:local-playground-not-a-real-token';
export const BOT_USERNAME = 'warkop_indah_bot';
export const BOT_NAME = 'Warkop Indah';

/** `./data` for a folder below the working directory, the absolute path otherwise. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : `./${rel}`;
}

/** The playground's own PGlite, apart from a real bot's DATA_DIR/pglite: fake people never mix with real ones. */
export function playgroundDatabaseDir(dataDir: string): string {
  return join(dataDir, 'playground-db');
}

/** Supergroup ids the double hands out: -(1001000000000 + seq). */
const SUPERGROUP_BASE = 1_001_000_000_000;

/**
 * The database may know more than the snapshot: members written by `npm run seed:demo`, or
 * everything when playground.json was lost. Update ids continue after whatever the bot has stored
 * (its journal would silently drop a reused one), and stored people and groups are re-created so
 * the bot's messages to them arrive somewhere and new ones get fresh ids.
 */
export async function reconcileSnapshot(database: Database, snap: DoubleSnapshot): Promise<{ imported: number }> {
  const known = await knownToTheBot(database);
  const storedUpdate = known.maxUpdateId;
  if (storedUpdate >= snap.nextUpdateId) snap.nextUpdateId = storedUpdate + 1;

  const knownUsers = new Set(snap.users.map((u) => u.id));
  const people = known.people;
  let imported = 0;
  // (New people skip taken ids on their own: every member becomes a known user below.)
  for (const p of people) {
    if (knownUsers.has(p.id)) continue;
    const user: DoubleSnapshot['users'][number] = { id: p.id, is_bot: false, first_name: p.firstName };
    if (p.username) user.username = p.username;
    if (p.language) user.language_code = p.language;
    snap.users.push(user);
    // They met the bot before (that is why the database knows them), so it may write to them.
    snap.chats.push(emptyChat({ id: p.id, type: 'private', first_name: p.firstName }, { started: true, blocked: !p.reachable, botStatus: 'member' }));
    imported++;
  }

  const knownChats = new Set(snap.chats.map((c) => c.chat.id));
  const groups = known.chats;
  for (const g of groups) {
    if (g.type === 'private' || g.type === 'channel') continue;
    const seq = -g.id - SUPERGROUP_BASE;
    if (g.type === 'supergroup' && seq >= snap.nextGroupSeq) snap.nextGroupSeq = seq + 1;
    if (knownChats.has(g.id)) continue;
    const chat: ChatSnapshot['chat'] = { id: g.id, type: g.type, title: g.title ?? 'Group' };
    if (g.isForum) chat.is_forum = true;
    snap.chats.push(emptyChat(chat, { started: false, blocked: false, botStatus: g.active ? 'administrator' : 'left' }));
  }
  return { imported };
}

function emptyChat(chat: ChatSnapshot['chat'], extra: Pick<ChatSnapshot, 'started' | 'blocked' | 'botStatus'>): ChatSnapshot {
  return { chat, nextMessageId: 1, members: [], topics: [], messages: [], ...extra };
}

/** Telegram's pace limits make a local demo crawl (20 messages a minute per group); the sender tests cover them. */
const FAST_SENDING: Record<string, string> = {
  SEND_GLOBAL_PER_SEC: '1000',
  SEND_PRIVATE_PER_SEC: '1000',
  SEND_GROUP_PER_MIN: '60000',
  EDIT_GROUP_PER_MIN: '60000',
  // A replayed script types faster than any member: no command throttle here.
  COMMAND_BURST: '1000000',
};

/** The real bot's environment in the playground: the double's token and address, the playground's own database. */
export function playgroundEnv(
  env: Record<string, string | undefined>,
  p: { token: string; apiRoot: string; databaseDir: string; adminId: number },
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  // Never the real database, webhook or Telegram: the playground is local and disposable.
  delete out.DATABASE_URL;
  delete out.WEBHOOK_URL;
  delete out.WEBHOOK_SECRET;
  out.TELEGRAM_BOT_TOKEN = p.token;
  out.TELEGRAM_API_ROOT = p.apiRoot;
  out.DATA_DIR = p.databaseDir;
  // The local dashboard: only this computer reaches it; its links name the address it listens on.
  delete out.DASHBOARD_URL;
  if (!env.HOST?.trim()) out.HOST = '127.0.0.1';
  out.ADMIN_TELEGRAM_IDS = [env.ADMIN_TELEGRAM_IDS?.trim(), String(p.adminId)].filter(Boolean).join(',');
  for (const [key, value] of Object.entries(FAST_SENDING)) if (!env[key]?.trim()) out[key] = value;
  return out;
}

import { BotApiDouble, type FakeChat, type FakeUser, type StoredMessage, type Update } from '../../src/dev/telegram-double/index.js';
import { spawnScript, type BenchDatabase, type BotProcess } from './lib.js';
import { memberTelegramId } from './seed.js';

/** The fake Telegram side of a scenario: people, groups and messages the bot already sent. */

export async function startApi(): Promise<BotApiDouble> {
  // Long polls held at most 1 s, so a stopping bot is not kept waiting.
  return BotApiDouble.start({ maxLongPollMs: 1_000 });
}

/** Users matching the seeded members 1..count (same names, so the bot finds nothing to update). */
export function createUsers(api: BotApiDouble, count: number, from = 1): FakeUser[] {
  const users: FakeUser[] = [];
  for (let n = from; n < from + count; n++) users.push(api.createUser({ id: memberTelegramId(n), first_name: `Pengguna${n}`, username: `pengguna${n}` }));
  return users;
}

export function createGroups(api: BotApiDouble, count: number, admin: FakeUser): FakeChat[] {
  const groups: FakeChat[] = [];
  for (let i = 1; i <= count; i++) {
    const group = api.createGroup({ title: `Forum Uji ${i}`, type: 'supergroup' });
    api.addBotToGroup(group, admin);
    groups.push(group);
  }
  return groups;
}

async function call<T>(api: BotApiDouble, method: string, payload: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.apiRoot}/bot${api.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; result: T; description?: string };
  if (!body.ok) throw new Error(`${method}: ${body.description}`);
  return body.result;
}

/** Has users "start" the bot (so it may write to them) without leaving updates for it to handle. */
export async function startPrivateChats(api: BotApiDouble, users: FakeUser[]): Promise<void> {
  for (const user of users) api.sendText(user, api.privateChat(user), 'hai');
  await drainUpdates(api);
}

/** Confirms every pending update, as if an earlier bot had handled them. */
export async function drainUpdates(api: BotApiDouble): Promise<void> {
  let offset = 0;
  for (;;) {
    const updates = await call<{ update_id: number }[]>(api, 'getUpdates', { offset, limit: 100, timeout: 0 });
    if (updates.length === 0) break;
    offset = updates.at(-1)!.update_id + 1;
  }
}

/** A message "the bot sent earlier" (a card, a list, an announcement) that users can press buttons on. */
export async function botMessage(api: BotApiDouble, chatId: number, text: string, buttons: string[] = []): Promise<StoredMessage> {
  const reply_markup = buttons.length ? { inline_keyboard: [buttons.map((data) => ({ text: data, callback_data: data }))] } : undefined;
  const sent = await call<{ message_id: number }>(api, 'sendMessage', { chat_id: chatId, text, ...(reply_markup ? { reply_markup } : {}) });
  return api.message(chatId, sent.message_id)!;
}

/**
 * A press of `data` on `message`, as the member's client would send it once the bot's message shows
 * that button. The bot refuses presses whose data is not on the pressed message's keyboard (a forged
 * or stale press), so the feed's messages must show what is pressed: the button is added to the
 * stored message's keyboard when missing (in process, before the update is offered, so it is not timed).
 */
export function pressShown(api: BotApiDouble, user: FakeUser, message: StoredMessage, data: string): Update {
  const stored = api.message(message.chat_id, message.message_id) ?? message;
  const rows = stored.reply_markup?.inline_keyboard ?? [];
  if (!rows.some((row) => row.some((b) => b.callback_data === data))) {
    stored.reply_markup = { inline_keyboard: [...rows, [{ text: data, callback_data: data }]] };
  }
  return api.pressButton(user, stored, data);
}

/** Environment of a bot process on this fake API and database. */
export function botEnv(api: BotApiDouble, db: BenchDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    LOG_LEVEL: 'warn',
    ADMIN_TELEGRAM_IDS: String(memberTelegramId(1)),
    // The scenarios measure handling at volume, not the flood guards (test/faults/flood.test.ts does).
    COMMAND_BURST: '1000000',
    INTAKE_MAX_QUEUED_PER_CHAT: '1000000',
    ...db.env,
    ...extra,
  };
}

/** Sending limits out of the way: scenarios 1, 2, 5 and 6 measure handling, not Telegram's pacing. */
export const UNLIMITED_SENDS = {
  SEND_GLOBAL_PER_SEC: '100000',
  SEND_PRIVATE_PER_SEC: '10000',
  SEND_GROUP_PER_MIN: '1000000',
};

export interface RunningBot extends BotProcess {
  /** Milliseconds from spawn to its first getUpdates. */
  readyMs: number;
}

/** Starts the bot (`node --import tsx src/main.ts`) and waits until it polls the fake API. */
export async function startBot(api: BotApiDouble, env: Record<string, string>, script = 'src/main.ts', options: { tsx?: boolean; timeoutMs?: number } = {}): Promise<RunningBot> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const from = api.calls.length;
  const proc = spawnScript(script, env, { tsx: options.tsx ?? true });
  const started = proc.startedAt;
  const deadline = started + timeoutMs;
  for (;;) {
    const poll = api.calls.slice(from).find((c) => c.method === 'getUpdates');
    if (poll) return Object.assign(proc, { readyMs: poll.at - started });
    if (proc.child.exitCode !== null || performance.now() > deadline) {
      await proc.stop();
      throw new Error(`${script} did not start polling:\n${proc.output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

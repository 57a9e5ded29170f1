/**
 * DATA_DIR/playground.json: what the fake Telegram knew (people, groups, topics, recent messages,
 * update and message id counters), where you were, the clock's offset and the transcript numbers.
 * The bot's own state is in the database; this file keeps the Telegram side consistent with it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { DoubleSnapshot } from '../telegram-double/index.js';

export interface View {
  userId: number;
  chatId: number;
  threadId?: number;
}

export interface SavedPlayground {
  version: 1;
  double: DoubleSnapshot;
  /** Playground time minus real time, in ms. */
  clockOffsetMs: number;
  /** The first person, made admin through ADMIN_TELEGRAM_IDS. */
  adminId: number;
  view: View;
  numbers: { next: number; messages: Array<[number, number, number]> };
}

const id = z.number().int();
const schema = z.object({
  version: z.literal(1),
  double: z.object({
    version: z.literal(1),
    nextUpdateId: id,
    nextUserId: id,
    nextGroupSeq: id,
    users: z.array(z.object({ id, first_name: z.string() }).loose()),
    chats: z.array(
      z
        .object({
          chat: z.object({ id, type: z.enum(['private', 'group', 'supergroup']) }).loose(),
          nextMessageId: id,
          members: z.array(z.tuple([id, z.string()])),
          topics: z.array(z.object({ message_thread_id: id, name: z.string() }).loose()),
          messages: z.array(z.object({ message_id: id, chat_id: id }).loose()),
        })
        .loose(),
    ),
  }).loose(),
  clockOffsetMs: z.number(),
  adminId: id,
  view: z.object({ userId: id, chatId: id, threadId: id.optional() }),
  numbers: z.object({ next: id, messages: z.array(z.tuple([id, id, id])) }),
});

export class PlaygroundStateError extends Error {
  override name = 'PlaygroundStateError';
}

export function statePath(dataDir: string): string {
  return join(dataDir, 'playground.json');
}

export function loadState(dataDir: string): SavedPlayground | undefined {
  const file = statePath(dataDir);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PlaygroundStateError(`${file} is not valid JSON (${(err as Error).message}). Move it away to start the playground's Telegram side afresh.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new PlaygroundStateError(`${file} is damaged (at "${where}"). Move it away to start the playground's Telegram side afresh.`);
  }
  return parsed.data as unknown as SavedPlayground;
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveState(dataDir: string, state: SavedPlayground): void {
  const file = statePath(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

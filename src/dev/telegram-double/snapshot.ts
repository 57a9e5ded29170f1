/**
 * Snapshots of the double's "Telegram side" (people, chats, topics, recent messages, id counters),
 * so a long-lived double (the playground) can be stopped and started again without reusing update
 * or message ids the bot has already stored, and without forgetting the messages the bot may
 * still edit or whose buttons may still be pressed.
 *
 * File contents are not kept (documents come back empty): snapshots are meant to be small JSON.
 */
import type { DoubleState } from './state.js';
import type { UpdateQueue } from './updates.js';
import type { ChatSnapshot, DoubleSnapshot, FakeChat, FakeUser, SnapshotMessage, StoredMessage } from './types.js';

export const DEFAULT_SNAPSHOT_MESSAGES = 500;

export function emptySnapshot(): DoubleSnapshot {
  return { version: 1, nextUpdateId: 700_000_001, nextUserId: 100_000_001, nextGroupSeq: 1, users: [], chats: [] };
}

function toSnapshotMessage(m: StoredMessage): SnapshotMessage {
  const { document, photo, from, ...rest } = m;
  const out: SnapshotMessage = { ...rest };
  if (photo) {
    const { content: _content, ...meta } = photo;
    out.photo = meta;
  }
  if (from) out.from_id = from.id;
  if (document) {
    const { content, ...meta } = document;
    out.document = { ...meta, file_size: meta.file_size ?? content.length };
  }
  return out;
}

export function takeSnapshot(state: DoubleState, queue: UpdateQueue, maxMessagesPerChat = DEFAULT_SNAPSHOT_MESSAGES): DoubleSnapshot {
  const chats: ChatSnapshot[] = [];
  for (const rec of state.chats.values()) {
    chats.push({
      chat: { ...rec.chat },
      nextMessageId: rec.nextMessageId,
      started: rec.started,
      blocked: rec.blocked,
      botStatus: rec.botStatus,
      members: [...rec.members],
      topics: [...rec.topics.values()].map((t) => ({ ...t })),
      messages: rec.messages.slice(-maxMessagesPerChat).map(toSnapshotMessage),
    });
  }
  return {
    version: 1,
    nextUpdateId: queue.nextId,
    ...state.counters(),
    users: [...state.users.values()].map((u) => ({ ...u })),
    chats,
  };
}

/** Loads a snapshot into an empty double. */
export function restoreSnapshot(state: DoubleState, queue: UpdateQueue, snap: DoubleSnapshot): void {
  if (snap.version !== 1) throw new Error(`BotApiDouble: unsupported snapshot version ${String(snap.version)}`);
  if (state.users.size > 0 || state.chats.size > 0) throw new Error('BotApiDouble: restore needs an empty double');
  for (const u of snap.users) state.createUser(u);
  state.setCounters({ nextUserId: snap.nextUserId, nextGroupSeq: snap.nextGroupSeq });
  queue.resumeAt(snap.nextUpdateId);
  for (const c of snap.chats) {
    const rec = c.chat.type === 'private' ? state.privateRecord(state.users.get(c.chat.id) ?? missingUser(c.chat)) : state.restoreChat({ ...c.chat });
    rec.nextMessageId = c.nextMessageId;
    rec.started = c.started;
    rec.blocked = c.blocked;
    rec.botStatus = c.botStatus;
    for (const [id, status] of c.members) rec.members.set(id, status);
    for (const t of c.topics) rec.topics.set(t.message_thread_id, { ...t });
    for (const m of c.messages) {
      const { from_id, document, photo, ...rest } = m;
      const msg: StoredMessage = { ...rest };
      const from = from_id === undefined ? undefined : state.users.get(from_id);
      if (from) msg.from = from;
      if (document) msg.document = { ...document, content: Buffer.alloc(0) };
      if (photo) msg.photo = { ...photo, content: Buffer.alloc(0) };
      state.addMessage(rec, msg);
    }
  }
}

function missingUser(chat: FakeChat): never {
  throw new Error(`BotApiDouble: snapshot has a private chat ${chat.id} without its user`);
}

/**
 * The bot's membership as people change it: added to or removed from a group, blocked or
 * unblocked in a private chat. Each change is stored and enqueued as a my_chat_member update.
 */
import type { ChatRecord, DoubleState } from './state.js';
import type { FakeChat, FakeUser, MemberStatus, Update } from './types.js';

/** What the people side of the double works on: the state, and the queue of updates for the bot. */
export interface TelegramSide {
  state: DoubleState;
  /** Enqueues an update (the double assigns update_id) and wakes whoever waits for one. */
  enqueue(partial: Record<string, unknown>): Update;
}

export function recordOf(state: DoubleState, chat: FakeChat | number): ChatRecord {
  const id = typeof chat === 'number' ? chat : chat.id;
  const rec = state.resolve(id);
  if (!rec) throw new Error(`BotApiDouble: unknown chat ${id}`);
  return rec;
}

export function groupRecordOf(state: DoubleState, chat: FakeChat, what: string): ChatRecord {
  const rec = recordOf(state, chat);
  if (rec.chat.type === 'private') throw new Error(`BotApiDouble.${what}: ${chat.id} is a private chat`);
  return rec;
}

export function botMemberObject(state: DoubleState, status: MemberStatus): Record<string, unknown> {
  const user = state.botUserObject();
  if (status === 'administrator') {
    return {
      user, status, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
      can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true,
      can_invite_users: true, can_pin_messages: true, can_manage_topics: true,
    };
  }
  if (status === 'kicked') return { user, status, until_date: 0 };
  return { user, status };
}

export function botStatusAsMember(rec: ChatRecord): MemberStatus {
  if (rec.botStatus === 'administrator' || rec.botStatus === 'member' || rec.botStatus === 'kicked') return rec.botStatus;
  return 'left';
}

/** Adds the bot to a group (as administrator unless told otherwise) and enqueues my_chat_member. */
export function addBotToGroup(side: TelegramSide, chat: FakeChat, by: FakeUser, opts?: { status?: 'member' | 'administrator' }): Update {
  const rec = groupRecordOf(side.state, chat, 'addBotToGroup');
  const status = opts?.status ?? 'administrator';
  const old = botStatusAsMember(rec);
  rec.botStatus = status;
  if (!rec.members.has(by.id)) rec.members.set(by.id, 'member');
  return side.enqueue({
    my_chat_member: {
      chat: side.state.chatObject(rec.chat),
      from: side.state.userObject(by),
      date: side.state.now(),
      old_chat_member: botMemberObject(side.state, old),
      new_chat_member: botMemberObject(side.state, status),
    },
  });
}

/** Kicks the bot from a group; afterwards sends there answer 403 "bot was kicked from the group chat". */
export function removeBotFromGroup(side: TelegramSide, chat: FakeChat, by: FakeUser): Update {
  const rec = groupRecordOf(side.state, chat, 'removeBotFromGroup');
  const old = botStatusAsMember(rec);
  rec.botStatus = 'kicked';
  return side.enqueue({
    my_chat_member: {
      chat: side.state.chatObject(rec.chat),
      from: side.state.userObject(by),
      date: side.state.now(),
      old_chat_member: botMemberObject(side.state, old),
      new_chat_member: botMemberObject(side.state, 'kicked'),
    },
  });
}

/** The user blocks the bot: further sends to the private chat answer 403; enqueues my_chat_member (kicked). */
export function blockBot(side: TelegramSide, user: FakeUser): void {
  const rec = side.state.privateRecord(user);
  if (rec.blocked) return;
  rec.blocked = true;
  side.enqueue({
    my_chat_member: {
      chat: side.state.chatObject(rec.chat),
      from: side.state.userObject(user),
      date: side.state.now(),
      old_chat_member: botMemberObject(side.state, 'member'),
      new_chat_member: botMemberObject(side.state, 'kicked'),
    },
  });
}

/** The user unblocks (restarts) the bot; enqueues my_chat_member (member). */
export function unblockBot(side: TelegramSide, user: FakeUser): void {
  const rec = side.state.privateRecord(user);
  if (!rec.blocked) return;
  rec.blocked = false;
  rec.started = true;
  side.enqueue({
    my_chat_member: {
      chat: side.state.chatObject(rec.chat),
      from: side.state.userObject(user),
      date: side.state.now(),
      old_chat_member: botMemberObject(side.state, 'kicked'),
      new_chat_member: botMemberObject(side.state, 'member'),
    },
  });
}

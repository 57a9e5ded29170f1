/** Chats, members and administrators, forum topics, leaving a group. */
import { badRequest, forbidden } from '../errors.js';
import { type ChatRecord, TOPIC_COLORS } from '../state.js';
import type { MemberStatus, Topic } from '../types.js';
import { assertCanWrite, chatOf, groupWord } from './checks.js';
import type { Handler, MethodContext, Payload } from './context.js';
import { num, reqNum, str } from './payload.js';

export const getChat: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  const o = ctx.state.chatObject(rec.chat);
  o.accent_color_id = 0;
  o.max_reaction_count = 11;
  if (rec.chat.type !== 'private') {
    o.permissions = { can_send_messages: true, can_send_other_messages: true, can_add_web_page_previews: true };
  }
  return o;
};

function memberObject(ctx: MethodContext, rec: ChatRecord, status: MemberStatus, user: Payload): Payload {
  switch (status) {
    case 'creator':
      return { user, status, is_anonymous: false };
    case 'administrator':
      return {
        user, status, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
        can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true,
        can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
        can_pin_messages: true, can_manage_topics: rec.chat.is_forum === true,
      };
    case 'restricted':
      return { user, status, is_member: true, can_send_messages: false, until_date: 0 };
    case 'kicked':
      return { user, status, until_date: 0 };
    default:
      void ctx;
      return { user, status };
  }
}

function botStatusOf(rec: ChatRecord): MemberStatus {
  if (rec.chat.type === 'private') return rec.blocked ? 'kicked' : 'member';
  switch (rec.botStatus) {
    case 'administrator': return 'administrator';
    case 'member': return 'member';
    case 'kicked': return 'kicked';
    default: return 'left';
  }
}

export const getChatMember: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  const uid = reqNum(p, 'user_id');
  if (uid === ctx.state.bot.id) return memberObject(ctx, rec, botStatusOf(rec), ctx.state.botUserObject());
  const user = ctx.state.users.get(uid);
  if (!user) throw badRequest('PARTICIPANT_ID_INVALID');
  if (rec.chat.type === 'private') {
    if (rec.chat.id !== uid) throw badRequest('user not found');
    return memberObject(ctx, rec, 'member', ctx.state.userObject(user));
  }
  return memberObject(ctx, rec, rec.members.get(uid) ?? 'member', ctx.state.userObject(user));
};

export const getChatAdministrators: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  const out: Payload[] = [];
  for (const [uid, status] of rec.members) {
    if (status !== 'creator' && status !== 'administrator') continue;
    const user = ctx.state.users.get(uid);
    if (user) out.push(memberObject(ctx, rec, status, ctx.state.userObject(user)));
  }
  if (rec.botStatus === 'administrator') out.push(memberObject(ctx, rec, 'administrator', ctx.state.botUserObject()));
  return out;
};

export const getChatMemberCount: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') return 2;
  let n = rec.botStatus === 'member' || rec.botStatus === 'administrator' ? 1 : 0;
  for (const s of rec.members.values()) if (s !== 'left' && s !== 'kicked') n++;
  return n;
};

function forumOf(ctx: MethodContext, p: Payload): ChatRecord {
  const rec = chatOf(ctx, p);
  assertCanWrite(rec);
  if (!rec.chat.is_forum) throw badRequest('the chat is not a forum');
  return rec;
}

function topicOf(rec: ChatRecord, p: Payload): Topic {
  const t = num(p, 'message_thread_id');
  const topic = t === undefined ? undefined : rec.topics.get(t);
  if (!topic) throw badRequest('TOPIC_ID_INVALID');
  return topic;
}

export const createForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const name = str(p, 'name') ?? '';
  if (name.length === 0) throw badRequest('TOPIC_TITLE_EMPTY');
  if (name.length > 128) throw badRequest('TOPIC_TITLE_TOO_LONG');
  const color = num(p, 'icon_color');
  if (color !== undefined && !(TOPIC_COLORS as readonly number[]).includes(color)) throw badRequest('TOPIC_ICON_COLOR_INVALID');
  const topic = ctx.state.createTopic(rec, name, color, str(p, 'icon_custom_emoji_id'));
  const out: Payload = { message_thread_id: topic.message_thread_id, name: topic.name, icon_color: topic.icon_color };
  if (topic.icon_custom_emoji_id !== undefined) out.icon_custom_emoji_id = topic.icon_custom_emoji_id;
  return out;
};

export const editForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const topic = topicOf(rec, p);
  const name = str(p, 'name');
  const emoji = str(p, 'icon_custom_emoji_id');
  if (name !== undefined && (name.length === 0 || name.length > 128)) throw badRequest('TOPIC_TITLE_EMPTY');
  const changed = (name !== undefined && name !== topic.name) || (emoji !== undefined && emoji !== topic.icon_custom_emoji_id);
  if (!changed) throw badRequest('TOPIC_NOT_MODIFIED');
  if (name !== undefined) topic.name = name;
  if (emoji !== undefined) topic.icon_custom_emoji_id = emoji;
  return true;
};

export const closeForumTopic: Handler = (ctx, p) => {
  const topic = topicOf(forumOf(ctx, p), p);
  if (topic.closed) throw badRequest('TOPIC_NOT_MODIFIED');
  topic.closed = true;
  return true;
};

export const reopenForumTopic: Handler = (ctx, p) => {
  const topic = topicOf(forumOf(ctx, p), p);
  if (!topic.closed) throw badRequest('TOPIC_NOT_MODIFIED');
  topic.closed = false;
  return true;
};

export const deleteForumTopic: Handler = (ctx, p) => {
  const rec = forumOf(ctx, p);
  const topic = topicOf(rec, p);
  rec.topics.delete(topic.message_thread_id);
  for (const m of rec.byThread.get(topic.message_thread_id) ?? []) m.deleted = true;
  return true;
};

export const leaveChat: Handler = (ctx, p) => {
  const rec = chatOf(ctx, p);
  if (rec.chat.type === 'private') throw badRequest('chat member status change is not possible in private chats');
  if (rec.botStatus !== 'member' && rec.botStatus !== 'administrator') throw forbidden(`bot is not a member of the ${groupWord(rec)} chat`);
  rec.botStatus = 'left';
  return true;
};

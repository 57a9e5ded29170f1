/**
 * Names and places in the fake Telegram: how chats are labelled in the transcript, whether a saved
 * position still exists, links in messages.
 */
import { BOT_USERNAME } from './boot.js';
import type { BotApiDouble, FakeUser, StoredMessage } from '../telegram-double/index.js';
import type { View } from './store.js';

export function labelOf(api: BotApiDouble, chatId: number, threadId: number | undefined): string {
  const person = api.users().find((u) => u.id === chatId);
  if (person) return person.first_name;
  const chat = api.chats().find((c) => c.id === chatId);
  if (!chat) return String(chatId);
  const title = chat.title ?? String(chatId);
  if (threadId === undefined) return title;
  const topic = api.topics(chatId).find((t) => t.message_thread_id === threadId);
  return `${title} / ${topic?.name ?? `topic ${threadId}`}`;
}

export function isValidView(api: BotApiDouble, view: View): boolean {
  if (!api.users().some((u) => u.id === view.userId)) return false;
  if (view.chatId === view.userId) return view.threadId === undefined;
  const chat = api.chats().find((c) => c.id === view.chatId);
  if (!chat || (chat.type === 'private' && chat.id !== view.userId)) return false;
  return view.threadId === undefined || api.topics(chat.id).some((t) => t.message_thread_id === view.threadId);
}

/** Addresses of the links in a message's text or caption, in reading order. */
export function linksOf(m: StoredMessage): string[] {
  const text = m.text ?? m.document?.caption ?? m.photo?.caption ?? m.caption ?? '';
  return (m.entities ?? [])
    .filter((e) => e.type === 'text_link' || e.type === 'url')
    .sort((a, b) => a.offset - b.offset)
    .map((e) => (e.type === 'text_link' ? (e.url ?? '') : text.slice(e.offset, e.offset + e.length)))
    .filter((u) => u.length > 0);
}

/** `start` payload of a t.me / tg:// link to this bot; '' for a plain link to it; undefined otherwise. */
export function deepLinkPayload(url: string): string | undefined {
  try {
    const u = new URL(url);
    const isBot =
      (/^(https?:)$/.test(u.protocol) && /^(www\.)?(t|telegram)\.me$/i.test(u.hostname) && u.pathname.replace(/^\//, '').toLowerCase() === BOT_USERNAME) ||
      (u.protocol === 'tg:' && u.hostname === 'resolve' && u.searchParams.get('domain')?.toLowerCase() === BOT_USERNAME);
    if (!isBot) return undefined;
    return u.searchParams.get('start') ?? '';
  } catch {
    return undefined;
  }
}

export function elapsed(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** A person by first name, full name or @username, ignoring case. */
export function findPerson(api: BotApiDouble, name: string): FakeUser | undefined {
  const wanted = name.toLowerCase();
  const users = api.users();
  return (
    users.find((u) => u.first_name.toLowerCase() === wanted) ??
    users.find((u) => [u.first_name, u.last_name].filter(Boolean).join(' ').toLowerCase() === wanted) ??
    users.find((u) => u.username?.toLowerCase() === wanted.replace(/^@/, ''))
  );
}

/** A username for a new person (so /peran @name works), unused so far: `budi`, `budi2`, … */
export function freeUsername(api: BotApiDouble, name: string): string {
  const base = (name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'orang').slice(0, 24);
  const stem = base.length >= 3 ? base : `${base}_pg`;
  const taken = new Set(api.users().map((u) => u.username?.toLowerCase()));
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

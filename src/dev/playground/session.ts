/**
 * The playground engine: the fake Telegram (api double), the real bot pointed at it, a movable
 * clock, and the people, groups and topics you act as. One input line in, the transcript of what
 * the bot did out — only once the bot has finished with it, so transcripts are deterministic.
 * Used by the terminal (cli.ts) and by the tests alike.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { startApp, type App } from '../../app.js';
import { ManualClock } from '../../clock.js';
import { loadConfig, type Config } from '../../config.js';
import { openDatabase, type Database } from '../../db/client.js';
import { formatDateTime } from '../../i18n/format.js';
import type { Logger } from '../../logger.js';
import { BotApiDouble, emptySnapshot, mimeFromName, type FakeChat, type FakeUser, type InlineButton, type StoredMessage } from '../telegram-double/index.js';
import { BOT_NAME, BOT_USERNAME, PLAYGROUND_TOKEN, playgroundDatabaseDir, playgroundEnv, reconcileSnapshot } from './boot.js';
import { HELP_LINES, parseLine, type Command, type TimeMove } from './commands.js';
import { bold, buttonsOf, dim, type Style } from './render.js';
import { settle } from './settle.js';
import { loadState, saveState, type View } from './store.js';
import { deepLinkPayload, elapsed, findPerson, freeUsername, isValidView, labelOf, linksOf } from './places.js';
import { targetOf } from './time.js';
import { Transcript } from './transcript.js';

export const DEFAULT_PERSON = 'Ana';
const DEFAULT_USERNAME = 'ana';

export interface PlaygroundOptions {
  /** DATA_DIR: the playground keeps playground.json, playground-db/, playground-files/ there. */
  dataDir: string;
  /** The environment (after .env); the bot's settings come from it, minus token, database and webhook. */
  env: Record<string, string | undefined>;
  logger: Logger;
  style: Style;
  /** Where the clock starts in a brand-new playground (default: now). */
  firstStart?: Date;
  /** How long one step may take before the playground gives up waiting (default 60 s). */
  settleTimeoutMs?: number;
}

export interface StepResult {
  lines: string[];
  /** Set when the line could not be carried out: unknown command, no such button, … */
  error?: string;
  quit?: boolean;
}

class StepError extends Error {}

export class Playground {
  /** Lines to show before the first prompt (who you are, anything the bot did while starting). */
  readonly startup: string[] = [];
  private lock: Promise<unknown> = Promise.resolve();
  private busy = false;
  private background: ((lines: string[]) => void) | undefined;
  private backgroundTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly opts: PlaygroundOptions,
    readonly api: BotApiDouble,
    readonly app: App,
    readonly clock: ManualClock,
    readonly config: Config,
    private readonly database: Database,
    private readonly transcript: Transcript,
    readonly adminId: number,
    private view: View,
  ) {}

  static async open(opts: PlaygroundOptions): Promise<Playground> {
    const saved = loadState(opts.dataDir);
    const databaseDir = playgroundDatabaseDir(opts.dataDir);
    const database = await openDatabase({ dataDir: databaseDir });
    let api: BotApiDouble | undefined;
    let app: App | undefined;
    try {
      const snapshot = saved?.double ?? emptySnapshot();
      await reconcileSnapshot(database, snapshot);
      const offset = saved?.clockOffsetMs ?? (opts.firstStart ? opts.firstStart.getTime() - Date.now() : 0);
      const clock = new ManualClock(new Date(Date.now() + offset));
      api = await BotApiDouble.start({
        token: PLAYGROUND_TOKEN,
        botUsername: BOT_USERNAME,
        botFirstName: BOT_NAME,
        host: '127.0.0.1',
        port: 0,
        clock: () => clock.now().getTime(),
        restore: snapshot,
      });
      const double = api;
      let adminId = saved?.adminId;
      if (adminId === undefined || !double.users().some((u) => u.id === adminId)) {
        // Without playground.json the database may still know Ana: she stays herself.
        const known = double.users().find((u) => u.username === DEFAULT_USERNAME);
        adminId = known?.id ?? double.createUser({ first_name: DEFAULT_PERSON, username: DEFAULT_USERNAME, language_code: 'id' }).id;
      }
      const config = loadConfig(playgroundEnv(opts.env, { token: double.token, apiRoot: double.apiRoot, databaseDir, adminId }));
      // The dashboard listens on 127.0.0.1:PORT (or any free port when it is taken).
      app = await startApp(config, { logger: opts.logger, clock, database, pollTimeoutSec: 10, dashboardLocal: true });
      const transcript = new Transcript(double, {
        filesDir: join(opts.dataDir, 'playground-files'),
        style: opts.style,
        label: (chatId, threadId) => labelOf(double, chatId, threadId),
        ...(saved ? { saved: saved.numbers } : {}),
      });
      const view = saved && isValidView(double, saved.view) ? saved.view : { userId: adminId, chatId: adminId };
      const playground = new Playground(opts, double, app, clock, config, database, transcript, adminId, view);
      double.onEvent((event) => playground.onEvent(event));
      const runningApp = app;
      clock.onChange(() => runningApp.scheduler.wake());
      await playground.exclusive(async () => {
        await playground.settle();
        playground.startup.push(...playground.greeting(saved === undefined), ...transcript.flush(view));
        playground.save();
      });
      return playground;
    } catch (err) {
      await app?.stop('start failed').catch(() => {});
      await api?.close().catch(() => {});
      await database.close().catch(() => {});
      throw err;
    }
  }

  /** Shows what the bot does on its own (a scheduled reminder) between inputs. */
  onBackground(listener: (lines: string[]) => void): void {
    this.background = listener;
  }

  get currentUser(): FakeUser {
    return this.user(this.view.userId);
  }

  /** Where the local dashboard is served (http://127.0.0.1:<port>). */
  get dashboardUrl(): string | undefined {
    const address = this.app.server?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : undefined;
  }

  /** Back to the first person, in their private chat (scripts start there). */
  resetView(): void {
    this.view = { userId: this.adminId, chatId: this.adminId };
  }

  /** `Ana › `, `Ana @ Forum Warkop › `, `Ana @ Forum Warkop / Umum › ` */
  prompt(): string {
    const { style } = this.opts;
    const where = this.view.chatId === this.view.userId ? '' : ` @ ${labelOf(this.api, this.view.chatId, this.view.threadId)}`;
    return `${bold(this.currentUser.first_name, style)}${where} › `;
  }

  /** Carries out one line; resolves once the bot has finished with it. */
  run(line: string): Promise<StepResult> {
    return this.exclusive(async () => {
      this.busy = true;
      const echo: string[] = [];
      try {
        const parsed = parseLine(line);
        if (!parsed.ok) return { lines: this.transcript.flush(this.view), error: parsed.error };
        const quit = await this.carryOut(parsed.command, echo);
        return { lines: [...echo, ...this.transcript.flush(this.view)], quit };
      } catch (err) {
        const message = err instanceof StepError ? err.message : `The playground could not do that: ${(err as Error).message}`;
        return { lines: [...echo, ...this.transcript.flush(this.view)], error: message };
      } finally {
        this.busy = false;
        this.save();
      }
    });
  }

  /** Stops the bot gracefully (as SIGTERM would), saves, closes. Idempotent. */
  close(reason = 'quit'): Promise<void> {
    this.closing ??= (async () => {
      if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
      this.background = undefined;
      await this.lock.catch(() => {});
      await this.app.stop(reason);
      this.save();
      await this.api.close();
      await this.database.close();
    })();
    return this.closing;
  }

  // ------------------------------------------------------------------ steps

  private async carryOut(command: Command, echo: string[]): Promise<boolean> {
    switch (command.kind) {
      case 'text':
        if (command.text.trim().length === 0) throw new StepError('Telegram does not send empty messages.');
        this.api.sendText(this.currentUser, this.chat(this.view.chatId), command.text, this.threadOption());
        await this.settle();
        return false;
      case 'press':
        await this.press(command.button, command.message, echo);
        return false;
      case 'open':
        await this.open(command.message, command.link ?? 1, echo);
        return false;
      case 'user':
        this.switchUser(command.name, echo);
        return false;
      case 'group':
        await this.switchGroup(command.name, command.forum, echo);
        return false;
      case 'topic':
        this.switchTopic(command.name, echo);
        return false;
      case 'private':
        this.view = { userId: this.view.userId, chatId: this.view.userId };
        echo.push(this.note(`in your private chat with @${BOT_USERNAME}`));
        return false;
      case 'time':
        await this.moveTime(command.move, echo);
        return false;
      case 'send':
        await this.sendFile(command.path, command.caption, command.photo, echo);
        return false;
      case 'who':
        echo.push(...this.who());
        return false;
      case 'help':
        echo.push(...HELP_LINES.map((l) => `  ${l}`));
        return false;
      case 'quit':
        return true;
    }
  }

  /** `:send` / `:photo`: a file from disk, as the current person, in the current chat. */
  private async sendFile(path: string, caption: string | undefined, photo: boolean, echo: string[]): Promise<void> {
    let content: Buffer;
    try {
      content = readFileSync(resolve(path));
    } catch (err) {
      throw new StepError(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
    }
    if (content.length === 0) throw new StepError(`${path} is empty; Telegram does not send empty files.`);
    const name = basename(path);
    const chat = this.chat(this.view.chatId);
    echo.push(this.note(`sent ${photo ? 'the photo' : 'the file'} ${name} (${content.length} bytes)${caption ? ` with the caption “${caption}”` : ''}`));
    if (photo) this.api.sendPhoto(this.currentUser, chat, { content, ...(caption ? { caption } : {}) }, this.threadOption());
    else this.api.sendDocument(this.currentUser, chat, { file_name: name, content, mime_type: mimeFromName(name), ...(caption ? { caption } : {}) }, this.threadOption());
    await this.settle();
  }

  private async press(buttonNo: number, messageNo: number | undefined, echo: string[]): Promise<void> {
    const target = messageNo === undefined ? this.lastKeyboard() : this.transcript.lookup(messageNo);
    if (!target) {
      throw new StepError(
        messageNo === undefined
          ? 'There is no message with buttons in this chat. (:press N M presses button M of message #N.)'
          : `There is no message #${messageNo}${messageNo >= 1 ? ' (numbers are the #N in front of the bot\'s messages)' : ''}.`,
      );
    }
    const n = this.transcript.numberOf(target);
    if (target.deleted) throw new StepError(`Message #${n} was deleted.`);
    if (target.chat_id > 0 && target.chat_id !== this.view.userId) {
      throw new StepError(`Message #${n} is in ${this.user(target.chat_id).first_name}'s private chat: switch with :user ${this.user(target.chat_id).first_name} first.`);
    }
    const buttons = buttonsOf(target.reply_markup?.inline_keyboard);
    if (buttons.length === 0) throw new StepError(`Message #${n} has no buttons.`);
    const button = buttons[buttonNo - 1];
    if (!button) {
      throw new StepError(`Message #${n} has no button ${buttonNo}: it has ${buttons.length} (${buttons.map((b, i) => `[${i + 1}] ${b.text}`).join('  ')}).`);
    }
    if (button.callback_data !== undefined) {
      echo.push(this.note(`pressed [${buttonNo}] ${button.text} on #${n}`));
      this.api.pressButton(this.currentUser, target, button.callback_data);
      await this.settle();
      return;
    }
    if (typeof button.url === 'string') return this.openUrl(button, buttonNo, n, echo);
    throw new StepError(`Button [${buttonNo}] ${button.text} is of a kind the playground cannot press.`);
  }

  private async openUrl(button: InlineButton, buttonNo: number, n: number, echo: string[]): Promise<void> {
    await this.follow(String(button.url), `[${buttonNo}] ${button.text} on #${n}`, echo);
  }

  private async open(messageNo: number | undefined, linkNo: number, echo: string[]): Promise<void> {
    const target = messageNo === undefined ? this.lastMessageWith((m) => linksOf(m).length > 0) : this.transcript.lookup(messageNo);
    if (!target) {
      throw new StepError(messageNo === undefined ? 'There is no message with a link in this chat.' : `There is no message #${messageNo}.`);
    }
    const n = this.transcript.numberOf(target);
    const links = linksOf(target);
    if (links.length === 0) throw new StepError(`Message #${n} has no links.${buttonsOf(target.reply_markup?.inline_keyboard).length ? ' Its buttons are pressed with :press.' : ''}`);
    const url = links[linkNo - 1];
    if (!url) throw new StepError(`Message #${n} has no link ${linkNo}: it has ${links.length} (${links.join(', ')}).`);
    await this.follow(url, `the link ${url} in #${n}`, echo);
  }

  /** A t.me link to this bot opens the private chat and sends /start <payload>, as Telegram does. */
  private async follow(url: string, what: string, echo: string[]): Promise<void> {
    const start = deepLinkPayload(url);
    if (start === undefined) {
      echo.push(this.note(`${what} opens ${url} in a browser; nothing more happens here`));
      return;
    }
    this.view = { userId: this.view.userId, chatId: this.view.userId };
    const text = start ? `/start ${start}` : '/start';
    echo.push(this.note(`${what} opens your private chat with @${BOT_USERNAME} and sends ${text}`));
    this.api.sendText(this.currentUser, this.chat(this.view.chatId), text);
    await this.settle();
  }

  private switchUser(name: string, echo: string[]): void {
    let user = findPerson(this.api, name);
    const created = !user;
    if (!user) user = this.api.createUser({ first_name: name, username: freeUsername(this.api, name), language_code: 'id' });
    const inPrivate = this.view.chatId === this.view.userId;
    this.view = inPrivate ? { userId: user.id, chatId: user.id } : { ...this.view, userId: user.id };
    const where = inPrivate ? `in your private chat with @${BOT_USERNAME}` : `in ${labelOf(this.api, this.view.chatId, this.view.threadId)}`;
    if (created) {
      echo.push(this.note(`you are now ${user.first_name} (new person, @${user.username}), ${where}${inPrivate ? ' — like anyone new, they start with /start' : ''}`));
    } else {
      echo.push(this.note(`you are now ${user.first_name}, ${where}`));
    }
  }

  private async switchGroup(name: string, forum: boolean, echo: string[]): Promise<void> {
    const existing = this.api.chats().find((c) => c.type !== 'private' && c.title?.toLowerCase() === name.toLowerCase());
    if (existing) {
      if (forum && !existing.is_forum) {
        this.api.setForum(existing);
        echo.push(this.note(`${existing.title} now has topics (it is a forum)`));
      }
      this.view = { userId: this.view.userId, chatId: existing.id };
      echo.push(this.note(`in the group ${existing.title}`));
      return;
    }
    const group = this.api.createGroup({ title: name, type: 'supergroup', isForum: forum });
    this.api.setMemberStatus(group, this.currentUser, 'creator');
    this.view = { userId: this.view.userId, chatId: group.id };
    echo.push(this.note(`${this.currentUser.first_name} created the ${forum ? 'forum group' : 'group'} ${name} and added @${BOT_USERNAME} as an admin`));
    this.api.addBotToGroup(group, this.currentUser);
    await this.settle();
  }

  private switchTopic(name: string | undefined, echo: string[]): void {
    const chat = this.chat(this.view.chatId);
    if (chat.type === 'private') throw new StepError('Topics live in forum groups: go to a group first (:group NAME --forum).');
    if (name === undefined) {
      this.view = { userId: this.view.userId, chatId: chat.id };
      echo.push(this.note(`in ${chat.title}${chat.is_forum ? ' (General)' : ''}`));
      return;
    }
    if (!chat.is_forum) {
      this.api.setForum(chat);
      echo.push(this.note(`${chat.title} now has topics (it is a forum)`));
    }
    let topic = this.api.topics(chat.id).find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!topic) {
      const created = this.api.createTopic(chat, name);
      topic = { ...created, closed: false };
      echo.push(this.note(`${this.currentUser.first_name} opened the topic ${name} in ${chat.title}`));
    }
    this.view = { userId: this.view.userId, chatId: chat.id, threadId: topic.message_thread_id };
    echo.push(this.note(`in ${chat.title} / ${topic.name}`));
  }

  private async moveTime(move: TimeMove | undefined, echo: string[]): Promise<void> {
    const tz = this.config.TZ_NAME;
    const now = this.clock.now();
    if (!move) {
      echo.push(this.note(`playground time: ${formatDateTime(now, 'id', tz)}`));
      return;
    }
    const target = targetOf(move, now, tz);
    if (target.getTime() <= now.getTime()) {
      throw new StepError(`${formatDateTime(target, 'id', tz)} is not later than the playground clock (${formatDateTime(now, 'id', tz)}); it only moves forward.`);
    }
    this.clock.set(target); // wakes the scheduler: due reminders fire now, through the production code path
    echo.push(this.note(`playground time is now ${formatDateTime(target, 'id', tz)} (${elapsed(target.getTime() - now.getTime())} later)`));
    await this.settle();
  }

  private who(): string[] {
    const tz = this.config.TZ_NAME;
    const me = this.currentUser;
    const role = me.id === this.adminId ? ', admin through ADMIN_TELEGRAM_IDS' : '';
    const where = this.view.chatId === me.id ? `your private chat with @${BOT_USERNAME}` : labelOf(this.api, this.view.chatId, this.view.threadId);
    const people = this.api
      .users()
      .sort((a, b) => a.id - b.id)
      .map((u) => (u.id === me.id ? `${u.first_name} (you)` : u.first_name));
    const groups = this.api
      .chats()
      .filter((c) => c.type !== 'private')
      .map((c) => {
        const topics = this.api.topics(c.id).map((t) => t.name);
        return c.is_forum ? `${c.title} (topics: ${topics.length ? topics.join(', ') : 'none yet'})` : (c.title ?? String(c.id));
      });
    return [
      `  You: ${me.first_name} (Telegram id ${me.id}${me.username ? `, @${me.username}` : ''}${role})`,
      `  In: ${where}`,
      `  Time: ${formatDateTime(this.clock.now(), 'id', tz)}`,
      `  People: ${people.join(', ')}`,
      `  Groups: ${groups.length ? groups.join(', ') : 'none yet (:group NAME)'}`,
    ];
  }

  // ------------------------------------------------------------------ helpers

  private greeting(firstRun: boolean): string[] {
    const me = this.currentUser;
    const where = this.view.chatId === me.id ? `your private chat with @${BOT_USERNAME}` : labelOf(this.api, this.view.chatId, this.view.threadId);
    if (firstRun) {
      return [`You are ${me.first_name} (the forum's admin here), in ${where}. Say /start, as a newcomer in Telegram would.`];
    }
    return [`Welcome back: you are ${me.first_name}, in ${where}. Playground time: ${formatDateTime(this.clock.now(), 'id', this.config.TZ_NAME)}.`];
  }

  private note(text: string): string {
    return `  ${dim(`↳ ${text}`, this.opts.style)}`;
  }

  private onEvent(event: Parameters<Transcript['record']>[0]): void {
    this.transcript.record(event);
    if (this.busy || !this.background || this.backgroundTimer) return;
    // Something happened between inputs (a scheduler tick): show it once the bot is done.
    this.backgroundTimer = setTimeout(() => {
      this.backgroundTimer = undefined;
      void this.exclusive(async () => {
        if (!this.background || !this.transcript.hasPending) return;
        await this.settle().catch(() => {});
        const lines = this.transcript.flush(this.view);
        this.save();
        if (lines.length > 0) this.background?.(lines);
      });
    }, 50);
  }

  private async settle(): Promise<void> {
    const timeoutMs = this.opts.settleTimeoutMs ?? 60_000;
    try {
      await settle(this.api, this.app, timeoutMs);
    } catch {
      throw new StepError(`The bot did not finish within ${Math.round(timeoutMs / 1000)} s; see ${join(this.opts.dataDir, 'playground.log')} (or set LOG_LEVEL=debug).`);
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  private save(): void {
    try {
      saveState(this.opts.dataDir, {
        version: 1,
        double: this.api.snapshot(),
        clockOffsetMs: this.clock.now().getTime() - Date.now(),
        adminId: this.adminId,
        view: this.view,
        numbers: this.transcript.toJSON(),
      });
    } catch (err) {
      this.opts.logger.warn({ err: { message: (err as Error).message } }, 'could not save playground.json');
    }
  }

  private threadOption(): { threadId: number } | undefined {
    return this.view.threadId === undefined ? undefined : { threadId: this.view.threadId };
  }

  private lastKeyboard(): StoredMessage | undefined {
    return this.lastMessageWith((m) => buttonsOf(m.reply_markup?.inline_keyboard).length > 0);
  }

  /** The newest bot message in the current chat (and topic; General in a forum) that passes `test`. */
  private lastMessageWith(test: (m: StoredMessage) => boolean): StoredMessage | undefined {
    const list = this.api.botMessages(this.view.chatId, this.view.threadId);
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i]!;
      if (this.view.threadId === undefined && m.message_thread_id !== undefined) continue;
      if (test(m)) return m;
    }
    return undefined;
  }

  private user(id: number): FakeUser {
    const user = this.api.users().find((u) => u.id === id);
    if (!user) throw new Error(`unknown person ${id}`);
    return user;
  }

  private chat(id: number): FakeChat {
    const person = this.api.users().find((u) => u.id === id);
    if (person) return this.api.privateChat(person);
    const chat = this.api.chats().find((c) => c.id === id);
    if (!chat) throw new Error(`unknown chat ${id}`);
    return chat;
  }

}

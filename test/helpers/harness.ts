import { Writable } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, secretsOf, type Config } from '../../src/config.js';
import type { Engine } from '../../src/db/client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { settle } from '../../src/dev/playground/settle.js';
import type { Departure } from '../../src/telegram/sender/sender.js';
import { BotApiDouble, type BotApiDoubleOptions, type FakeChat, type FakeUser, type StoredMessage } from '../../src/dev/telegram-double/index.js';
import { useTestDatabase, type TestDatabase } from './databases.js';

export const TEST_START = new Date('2026-11-30T01:00:00Z'); // Senin, 30 November 2026 · 09.00 WITA

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Telegram ids that are admins from the start (ADMIN_TELEGRAM_IDS). */
  adminIds?: number[];
  /** Options of the fake Bot API (e.g. a snapshot to start from). */
  api?: BotApiDoubleOptions;
  /** The intake's limit on prefetched member rows (StartOptions.prefetchMaxAgeMs). */
  prefetchMaxAgeMs?: number;
}

/** Log lines the bot wrote during a test, for assertions (e.g. no token in any line). */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    callback();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** A person in the conversation-style tests. */
export class TestUser {
  constructor(
    readonly h: Harness,
    readonly user: FakeUser,
  ) {}

  get id(): number {
    return this.user.id;
  }

  get privateChat(): FakeChat {
    return this.h.api.privateChat(this.user);
  }

  /** Sends text (default: in the private chat), waits until the bot has finished, returns its new messages there. */
  async send(text: string, where?: { chat: FakeChat; threadId?: number }): Promise<StoredMessage[]> {
    const chat = where?.chat ?? this.privateChat;
    const before = this.h.api.botMessages(chat.id, where?.threadId).length;
    this.h.api.sendText(this.user, chat, text, where?.threadId !== undefined ? { threadId: where.threadId } : undefined);
    await this.h.settle();
    return this.h.api.botMessages(chat.id, where?.threadId).slice(before);
  }

  /** Sends a document (default: in the private chat), waits until the bot has finished, returns its new messages there. */
  async sendDocument(content: Buffer, opts: { fileName: string; mimeType?: string; caption?: string; chat?: FakeChat }): Promise<StoredMessage[]> {
    const chat = opts.chat ?? this.privateChat;
    const before = this.h.api.botMessages(chat.id).length;
    this.h.api.sendDocument(this.user, chat, {
      file_name: opts.fileName,
      content,
      ...(opts.mimeType !== undefined ? { mime_type: opts.mimeType } : {}),
      ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
    });
    await this.h.settle();
    return this.h.api.botMessages(chat.id).slice(before);
  }

  /** Sends a photo (Telegram's compressed kind), waits until the bot has finished, returns its new messages there. */
  async sendPhoto(content: Buffer, opts: { caption?: string; chat?: FakeChat } = {}): Promise<StoredMessage[]> {
    const chat = opts.chat ?? this.privateChat;
    const before = this.h.api.botMessages(chat.id).length;
    this.h.api.sendPhoto(this.user, chat, { content, ...(opts.caption !== undefined ? { caption: opts.caption } : {}) });
    await this.h.settle();
    return this.h.api.botMessages(chat.id).slice(before);
  }

  /** Like send, but returns the last new message and fails when the bot said nothing. */
  async ask(text: string, where?: { chat: FakeChat; threadId?: number }): Promise<StoredMessage> {
    const replies = await this.send(text, where);
    const last = replies.at(-1);
    if (!last) throw new Error(`the bot did not answer ${JSON.stringify(text)}`);
    return last;
  }

  /** Presses the button whose label matches, on `message` (default: the last bot message with a keyboard here). */
  async press(label: string | RegExp, message?: StoredMessage, chat?: FakeChat): Promise<{ answer?: string; message: StoredMessage | undefined; replies: StoredMessage[] }> {
    const chatId = message?.chat_id ?? (chat ?? this.privateChat).id;
    const target = message ?? [...this.h.api.botMessages(chatId)].reverse().find((m) => m.reply_markup?.inline_keyboard.length);
    if (!target) throw new Error('no message with buttons');
    const button = target.reply_markup?.inline_keyboard.flat().find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button?.callback_data) {
      const labels = target.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
      throw new Error(`no button ${String(label)} among ${JSON.stringify(labels)}`);
    }
    const answersBefore = this.h.api.callbackAnswers.length;
    const before = this.h.api.botMessages(chatId).length;
    this.h.api.pressButton(this.user, target, button.callback_data);
    await this.h.settle();
    return {
      answer: this.h.api.callbackAnswers.slice(answersBefore).at(-1)?.text,
      message: this.h.api.message(chatId, target.message_id),
      replies: this.h.api.botMessages(chatId).slice(before),
    };
  }

  /** Presses raw callback data (forged presses in permission tests). */
  async pressData(message: StoredMessage, data: string): Promise<string | undefined> {
    const answersBefore = this.h.api.callbackAnswers.length;
    this.h.api.pressButton(this.user, message, data);
    await this.h.settle();
    return this.h.api.callbackAnswers.slice(answersBefore).at(-1)?.text;
  }

  /** /start, then /daftar with a name and the first agency matching `agency`. */
  async register(fullName: string, agency = 'Dinas Kesehatan'): Promise<void> {
    await this.send('/start');
    await this.send('/daftar');
    await this.send(fullName);
    const [match] = await this.send(agency);
    if (!match) throw new Error(`no agency list for ${agency}`);
    const exact = match.reply_markup?.inline_keyboard.flat().find((b) => b.text.length > 0);
    if (!exact) throw new Error(`no agency button for ${agency}: ${match.text}`);
    await this.press(exact.text, match);
  }
}

export class Harness {
  api!: BotApiDouble;
  app!: App;
  config!: Config;
  clock = new ManualClock(TEST_START);
  logs = new LogCapture();
  logger!: Logger;
  private users = new Map<string, TestUser>();
  private instances: App[] = [];
  private departures: Departure[] | undefined;

  constructor(
    readonly engine: Engine,
    readonly database: TestDatabase,
    private readonly options: HarnessOptions = {},
  ) {}

  get db() {
    return this.database.db;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.api = await BotApiDouble.start(this.options.api);
    this.clock = new ManualClock(TEST_START);
    this.logs = new LogCapture();
    this.users.clear();
    this.config = loadConfig({
      TELEGRAM_BOT_TOKEN: this.api.token,
      TELEGRAM_API_ROOT: this.api.apiRoot,
      ADMIN_TELEGRAM_IDS: (this.options.adminIds ?? []).join(','),
      LOG_LEVEL: 'debug',
      // Tests exercise behaviour, not Telegram's pace; the sender tests cover the limits.
      SEND_GLOBAL_PER_SEC: '10000',
      SEND_PRIVATE_PER_SEC: '10000',
      SEND_GROUP_PER_MIN: '600000',
      EDIT_GROUP_PER_MIN: '600000',
      // Likewise the flood guards (test/faults/flood.test.ts runs with the real defaults).
      COMMAND_BURST: '1000000',
      INTAKE_MAX_QUEUED_PER_CHAT: '1000000',
      SHUTDOWN_GRACE_MS: '2000',
      ...this.options.env,
      ...extraEnv,
    });
    this.logger = createLogger({ level: 'debug', secrets: secretsOf(this.config), destination: this.logs, pretty: false });
    await this.startBot();
  }

  /** Starts the bot process (again) on the same fake API and database. */
  async startBot(): Promise<void> {
    this.app = await startApp(this.config, {
      logger: this.logger,
      clock: this.clock,
      database: this.database,
      botInfo: { ...this.api.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never,
      pollTimeoutSec: 1,
      tickMs: 60_000,
      skipCommandMenu: true,
      prefetchMaxAgeMs: this.options.prefetchMaxAgeMs,
    });
    const out = this.departures;
    if (out) this.app.sender.onDeparture((d) => out.push(d));
  }

  /**
   * Every request the bot's sender lets go from now on (across restarts), stamped when it left:
   * where the rate limits apply. The fake API's own stamps are arrivals, which bunch when this
   * busy process's event loop stalls, although the requests left evenly spaced.
   */
  recordDepartures(): Departure[] {
    const out: Departure[] = [];
    this.departures = out;
    this.app.sender.onDeparture((d) => out.push(d));
    return out;
  }

  /**
   * Another bot process on the same PostgreSQL database and fake API, with its own connection pool
   * (multi-instance tests). Stopped with the harness.
   */
  async startInstance(): Promise<App> {
    if (!this.database.url) throw new Error('a second instance needs PostgreSQL (TEST_DATABASE_URL)');
    const app = await startApp(
      { ...this.config, DATABASE_URL: this.database.url },
      {
        logger: this.logger.child({ instance: this.instances.length + 2 }),
        clock: this.clock,
        botInfo: { ...this.api.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never,
        pollTimeoutSec: 1,
        tickMs: 60_000,
        skipCommandMenu: true,
      },
    );
    this.instances.push(app);
    return app;
  }

  /** Stops the bot as a signal would and starts a fresh one: what a deploy or a crash-restart does. */
  async restart(): Promise<void> {
    await this.app.stop('restart');
    await this.startBot();
  }

  /** Restarts the bot with some settings changed, as a redeploy with an edited .env would. */
  async restartWith(changes: Partial<Config>): Promise<void> {
    this.config = { ...this.config, ...changes };
    await this.restart();
  }

  async stop(): Promise<void> {
    for (const app of this.instances.splice(0)) await app.stop('test');
    await this.app?.stop('test');
    await this.api?.close();
  }

  /** Creates (once) a person with this first name. */
  user(firstName: string, extra: { username?: string; language_code?: string; id?: number } = {}): TestUser {
    let user = this.users.get(firstName);
    if (!user) {
      user = new TestUser(this, this.api.createUser({ first_name: firstName, language_code: 'id', ...extra }));
      this.users.set(firstName, user);
    }
    return user;
  }

  /**
   * Waits until every update sent so far has been fetched and fully handled, and jobs are idle.
   * The default is a cap for a loaded machine (a test sharing two cores with others), not a wait.
   */
  async settle(timeoutMs = 120_000): Promise<void> {
    await settle(this.api, this.app, timeoutMs);
  }

  /** Runs the scheduler's jobs now (after moving the clock, say) and waits for them. */
  async runJobs(): Promise<void> {
    this.app.scheduler.wake();
    await this.app.scheduler.idle();
  }
}

/**
 * Per file: one database per engine; per test: a fresh fake Bot API and a fresh bot process
 * on an emptied database. Use inside `describe.each(engines)`.
 */
export function useHarness(engine: Engine, options: HarnessOptions = {}): Harness {
  const holder = {} as { h: Harness };
  const database = useTestDatabase(engine);
  beforeEach(async () => {
    holder.h = new Harness(engine, database, options);
    await holder.h.start();
  });
  afterEach(async () => {
    await holder.h?.stop();
    // Every conversation test doubles as a check that no secret reached the logs.
    const token = holder.h?.config.TELEGRAM_BOT_TOKEN;
    if (token && holder.h.logs.text.includes(token)) throw new Error('the bot token appeared in a log line');
  });
  return new Proxy({} as Harness, {
    get(_target, prop) {
      const value = (holder.h as unknown as Record<string | symbol, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(holder.h) : value;
    },
    // e.g. `h.config = { ...h.config, … }` before `h.restart()` must reach the current harness.
    set(_target, prop, value) {
      (holder.h as unknown as Record<string | symbol, unknown>)[prop] = value;
      return true;
    },
  });
}

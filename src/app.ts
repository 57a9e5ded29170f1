import type { Server } from 'node:http';
import { Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { createBot, type Bot } from './bot/index.js';
import type { Jobs } from './bot/context.js';
import { publishCommands } from './bot/publish-commands.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { InstanceLock } from './db/instance-lock.js';
import { seedAgencies } from './domain/agencies.js';
import { markChatInactive } from './domain/chats.js';
import { markMemberUnreachable } from './domain/members.js';
import type { Logger } from './logger.js';
import { UpdateDispatcher } from './telegram/intake/dispatcher.js';
import { UpdateJournal } from './telegram/intake/journal.js';
import { ALLOWED_UPDATES, Poller } from './telegram/intake/polling.js';
import { closeServer, startHttpServer } from './telegram/intake/webhook.js';
import { Sender } from './telegram/sender/sender.js';
import { floodNotice } from './telegram/intake/flood.js';
import { PgSharedLimiter } from './telegram/sender/shared-limits.js';
import { Scheduler } from './jobs/scheduler.js';
import { createDraftsJob } from './jobs/drafts.js';
import { workerId } from './jobs/worker.js';
import type { MinutesSource } from './domain/drafts/sources.js';
import { minutesForIdea } from './domain/sessions/minutes.js';
import { llmSettings } from './llm/settings.js';
import { probeModelServer } from './llm/probe.js';
import { ideasOutboxJob } from './jobs/idea-notices.js';
import { retentionJob } from './jobs/retention.js';
import { syncEnvAdmins } from './domain/admins.js';
import { sessionJobs } from './jobs/sessions.js';
import { createDashboard, DASHBOARD_PATH } from './web/dashboard.js';
import { backupAndLog, nightlyBackupJob } from './jobs/backups.js';
import { closeControlSocket, startControlSocket } from './db/transfer/control.js';
import { backupHome } from './db/transfer/backups.js';

export interface App {
  bot: Bot;
  database: Database;
  sender: Sender;
  dispatcher: UpdateDispatcher;
  scheduler: Scheduler;
  botInfo: UserFromGetMe;
  /** The HTTP server (webhook mode, or the dashboard in polling mode). */
  server: Server | undefined;
  /** Stops taking updates, lets handlers finish (bounded), closes the database. Idempotent. */
  stop(reason?: string): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clock?: Clock;
  /** Use an already open database (tests share one per file). The app will not close it. */
  database?: Database;
  botInfo?: UserFromGetMe;
  /** Long-poll timeout; tests use short ones so shutdown is quick. */
  pollTimeoutSec?: number;
  /** Scheduler tick in ms (default from config). */
  tickMs?: number;
  /** Do not publish the command menu (tests that count calls). */
  skipCommandMenu?: boolean;
  /**
   * Oldest member row read with the journal insert that an update may still use (default 50 ms);
   * tests lift it so that what they check does not depend on how busy the machine is.
   */
  prefetchMaxAgeMs?: number;
  /** Session minutes mentioning an idea, for proposal drafts (the sessions feature provides it). */
  minutesSource?: MinutesSource;
  /**
   * Serve the dashboard locally even in polling mode without DASHBOARD_URL (the playground): on
   * HOST:PORT, or any free port when PORT is taken, at http://HOST:<port>.
   */
  dashboardLocal?: boolean;
}

/** The dashboard's public base: DASHBOARD_URL, else the webhook's origin. */
export function dashboardBase(config: Config): string | undefined {
  const url = config.DASHBOARD_URL ?? (config.mode.kind === 'webhook' ? new URL(config.mode.url).origin : undefined);
  return url?.replace(/\/+$/, '');
}

export async function startApp(config: Config, options: StartOptions): Promise<App> {
  const { logger } = options;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('startApp needs TELEGRAM_BOT_TOKEN');
  const clock = options.clock ?? systemClock;
  const ownsDatabase = !options.database;
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, dataDir: config.DATA_DIR, pgliteThread: config.PGLITE_THREAD, logger: logger.child({ component: 'db' }) }));
  let instance: InstanceLock | undefined;
  try {
    // Who this instance is, while it lives: the owner of the updates it takes (see journal.ts).
    instance = await InstanceLock.acquire(database, logger.child({ component: 'intake' }));
    await seedAgencies(database.db);
    const { demoted } = await syncEnvAdmins(database.db, config.ADMIN_TELEGRAM_IDS);
    if (demoted.length) logger.info({ demoted: demoted.length }, 'admins taken off ADMIN_TELEGRAM_IDS are members again');

    const limits = {
      globalPerSec: config.SEND_GLOBAL_PER_SEC,
      privatePerSec: config.SEND_PRIVATE_PER_SEC,
      groupPerMin: config.SEND_GROUP_PER_MIN,
      groupEditsPerMin: config.EDIT_GROUP_PER_MIN,
      maxRetries: config.SEND_MAX_RETRIES,
    };
    const shared = config.SEND_LIMITS_SHARED ? new PgSharedLimiter(database, limits) : undefined;
    const sender = new Sender({
      telegram: new Telegram(token, { apiRoot: config.TELEGRAM_API_ROOT }),
      logger: logger.child({ component: 'sender' }),
      limits,
      ...(shared ? { shared } : {}),
      hooks: {
        // Blocked or removed: stop sending there, keep the member's data.
        onChatUnreachable: async (chatId) => {
          const id = Number(chatId);
          if (!Number.isSafeInteger(id)) return;
          await (id > 0 ? markMemberUnreachable(database.db, id) : markChatInactive(database.db, id)).catch(() => {});
        },
      },
    });

    const scheduler = new Scheduler({ database, sender, clock, logger: logger.child({ component: 'jobs' }), config, tickMs: options.tickMs ?? config.SCHEDULER_TICK_SECONDS * 1000 });
    if (shared) scheduler.register({ name: 'prune-rate-limits', run: async () => (await shared.prune(), 0) });
    scheduler.register(createDraftsJob(config, logger.child({ component: 'drafts' }), { minutes: options.minutesSource ?? minutesForIdea }));
    scheduler.register(ideasOutboxJob(workerId()));
    for (const job of sessionJobs(config)) scheduler.register(job);
    // Backups are the business of whoever opened the database (the playground and tests open their own).
    if (ownsDatabase) scheduler.register(nightlyBackupJob());
    scheduler.register(retentionJob(config));
    const jobs: Jobs = { wake: () => scheduler.wake() };
    let dashboardUrl = dashboardBase(config);
    const dashboard = { url: () => dashboardUrl };
    const web = createDashboard({ config, database, clock, logger: logger.child({ component: 'dashboard' }), publicUrl: dashboard.url });
    const routes = { prefix: DASHBOARD_PATH, listener: web.listener };
    const bot = createBot({ config, logger, database, clock, sender, jobs, dashboard }, { botInfo: options.botInfo });
    const botInfo = options.botInfo ?? (await bot.telegram.getMe());
    bot.botInfo = botInfo;
    scheduler.ready();

    const journal = new UpdateJournal(database.db, { owner: instance.id });
    const dispatcher = new UpdateDispatcher({
      handle: (update) => bot.handleUpdate(update),
      journal,
      concurrency: config.INTAKE_CONCURRENCY,
      logger: logger.child({ component: 'intake' }),
      orderWaitMs: config.HANDLER_TIMEOUT_MS + 10_000,
      maxQueuedPerChat: config.INTAKE_MAX_QUEUED_PER_CHAT,
      onOverflow: floodNotice(sender, config, clock),
      prefetchMaxAgeMs: options.prefetchMaxAgeMs,
    });
    const recovered = await dispatcher.recover();
    if (recovered > 0) logger.info({ recovered }, 're-running updates left unfinished by the previous run');
    const lock = instance;
    scheduler.register({
      name: 'intake-takeover',
      run: async () => {
        await lock.keepAlive();
        const taken = await dispatcher.recover();
        if (taken > 0) logger.info({ taken }, 'took over updates left unfinished by an instance that stopped');
        return 0;
      },
    });

    if (!options.skipCommandMenu) void publishCommands(bot.telegram, logger, config.DEFAULT_LANGUAGE);
    const llm = llmSettings(config);
    if (llm) void probeModelServer(llm, logger.child({ component: 'llm' }));

    let poller: Poller | undefined;
    let server: Server | undefined;
    if (config.mode.kind === 'webhook') {
      const url = new URL(config.mode.url);
      server = await startHttpServer({
        host: config.HOST,
        port: config.PORT,
        logger,
        checkHealth: async () => void (await database.query('select 1')),
        webhook: { path: url.pathname, secret: config.mode.secret, dispatcher, maxBacklog: config.INTAKE_MAX_BACKLOG },
        routes,
      });
      await bot.telegram.setWebhook(config.mode.url, { secret_token: config.mode.secret, allowed_updates: [...ALLOWED_UPDATES] });
      logger.info({ mode: 'webhook', port: (server.address() as { port: number }).port, instance: lock.id }, 'bot started');
    } else {
      if (config.DASHBOARD_URL || options.dashboardLocal) {
        const listen = (port: number) =>
          startHttpServer({ host: config.HOST, port, logger, checkHealth: async () => void (await database.query('select 1')), routes });
        server = await listen(config.PORT).catch((err: NodeJS.ErrnoException) => {
          if (options.dashboardLocal && err.code === 'EADDRINUSE') return listen(0);
          throw err;
        });
        const port = (server.address() as { port: number }).port;
        if (!config.DASHBOARD_URL) dashboardUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
        logger.info({ port, dashboard: `${dashboardUrl}${DASHBOARD_PATH}` }, 'dashboard listening');
      }
      poller = new Poller({ token, apiRoot: config.TELEGRAM_API_ROOT, dispatcher, logger, timeoutSec: options.pollTimeoutSec, maxBacklog: config.INTAKE_MAX_BACKLOG });
      await poller.start();
      logger.info({ mode: 'polling', bot: botInfo.username, instance: lock.id }, 'bot started');
    }
    // Telegram opens a Mini App only over HTTPS: the menu button is set only then.
    if (!options.skipCommandMenu && dashboardUrl?.startsWith('https:')) {
      void bot.telegram
        .setChatMenuButton({ menuButton: { type: 'web_app', text: 'Dasbor', web_app: { url: `${dashboardUrl}${DASHBOARD_PATH}` } } })
        .catch((err: unknown) => logger.warn({ err: { type: (err as Error).name } }, 'could not set the dashboard menu button'));
    }
    scheduler.start();
    // `npm run backup` while the bot runs asks it over DATA_DIR/bot.sock (src/db/transfer/control.ts).
    const home = ownsDatabase ? backupHome(database) : undefined;
    const control =
      home !== undefined
        ? await startControlSocket(home, () => backupAndLog(database, config, logger.child({ component: 'backup' }), 'npm run backup', clock.now())).catch((err: unknown) => {
            logger.warn({ err: { type: (err as Error).name, code: (err as { code?: unknown }).code } }, 'backup socket not available: npm run backup works only while the bot is stopped');
            return undefined;
          })
        : undefined;

    let stopping: Promise<void> | undefined;
    const stop = (reason = 'stop') =>
      (stopping ??= (async () => {
        logger.info({ reason }, 'shutting down');
        dispatcher.stopAccepting();
        await poller?.stop();
        if (server) await closeServer(server);
        if (control) await closeControlSocket(control, home!);
        await scheduler.stop();
        const finished = await dispatcher.drain(config.SHUTDOWN_GRACE_MS);
        if (!finished) logger.warn('some updates were still running at shutdown; another instance or the next start will re-run them');
        await lock.release();
        if (ownsDatabase) await database.close();
        logger.info('stopped');
      })());

    return { bot, database, sender, dispatcher, scheduler, botInfo, server, stop };
  } catch (err) {
    await instance?.release().catch(() => {});
    if (ownsDatabase) await database.close().catch(() => {});
    throw err;
  }
}

import { startApp, type App } from './app.js';
import { ConfigError, loadConfig, readDotEnv, secretsOf, type Config } from './config.js';
import { describeError } from './bot/errors.js';
import { DatabaseLockedError } from './db/client.js';
import { isWriteAfterClose } from './db/postgres-client.js';
import { createLogger } from './logger.js';

/**
 * Wiring only: config → logger → app (database, bot, intake, jobs) → one shutdown path.
 * Without TELEGRAM_BOT_TOKEN (or with arguments such as --script) it runs the local playground instead.
 * Exit codes: 0 after a clean stop, 2 for configuration problems, 1 for a crash.
 */
async function main(): Promise<void> {
  readDotEnv();
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  // No token (a fresh clone), or a script to replay: the local playground, with a fake Telegram.
  const args = process.argv.slice(2);
  if (!config.TELEGRAM_BOT_TOKEN || args.length > 0) {
    const { runPlayground } = await import('./dev/playground/cli.js');
    process.exit(await runPlayground(args));
  }

  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  process.on('unhandledRejection', (reason) => {
    // Only what describes the error: a rejection can carry a whole request (message texts, query parameters).
    logger.error({ err: describeError(reason) }, 'unhandled rejection');
  });
  // Signals are handled from here on: one arriving while the app starts stops it as soon as it
  // is up (a deploy may send SIGTERM to an instance that is still starting).
  let app: App | undefined;
  let requested: NodeJS.Signals | undefined;
  let signals = 0;
  const stop = (signal: NodeJS.Signals) =>
    void app!.stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: { type: (err as Error).name } }, 'shutdown failed');
        process.exit(1);
      },
    );
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    if (app) stop(signal);
    else requested = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  process.on('uncaughtException', (err) => {
    // postgres.js 3.4.9 throws this from a timer when a transaction's connection dies (see
    // db/postgres-client.ts): nothing of ours is left half-done, so renew the pool and carry on.
    if (isWriteAfterClose(err)) {
      logger.warn('a database connection closed under a pending write; the connection pool is renewed');
      app?.database.renew?.('write after close');
      return;
    }
    // Anything else is a bug: as Node would, stop (the process manager restarts the bot).
    logger.fatal({ err: describeError(err) }, 'uncaught exception');
    process.exit(1);
  });
  try {
    app = await startApp(config, { logger });
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    logger.fatal({ err: { type: (err as Error).name, code: (err as { code?: unknown }).code, description: (err as { description?: unknown }).description } }, 'could not start');
    process.exit(1);
  }
  if (requested) stop(requested);
}

await main();

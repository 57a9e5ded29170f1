import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import type pinoPretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Strings that must never reach a log line (bot token, webhook secret, API keys). */
  secrets: string[];
  /** Where lines go; default stdout (pretty when it is a terminal). */
  destination?: NodeJS.WritableStream;
  pretty?: boolean;
}

/**
 * Secrets are removed from the serialised line, not from known fields: error messages from HTTP
 * clients embed request URLs (…/bot<token>/sendMessage) in places no redact path can name.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && out.includes(secret)) out = out.split(secret).join('<redacted>');
  }
  // A bot token looks like digits:35 chars; catch ones we were not told about (e.g. in a URL).
  return out
    .replace(/\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, '<redacted-token>')
    // user:password@ in any URL (a connection string in a driver's error, say).
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"]+:[^\s/@"]+@/gi, '$1<redacted>@');
}

/**
 * pino-pretty is for a terminal only: a bot under a process manager writes JSON lines and never
 * loads it (a few MB of start-up memory). CommonJS, so `require` loads it synchronously.
 */
function pretty(options: pinoPretty.PrettyOptions): NodeJS.WritableStream {
  const load = createRequire(import.meta.url)('pino-pretty') as typeof pinoPretty;
  return load(options);
}

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stdout;
  const usePretty = options.pretty ?? (target === process.stdout && process.stdout.isTTY === true);
  const sink: NodeJS.WritableStream = usePretty
    ? pretty({ destination: target, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
    : target;
  const secrets = options.secrets.filter((s) => s.length >= 6);
  const redacting = new Writable({
    write(chunk: Buffer | string, _enc, callback) {
      sink.write(redactSecrets(chunk.toString(), secrets));
      callback();
    },
  });
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey', 'headers.authorization'], censor: '<redacted>' },
      serializers: { err: pino.stdSerializers.err },
    },
    redacting,
  );
}

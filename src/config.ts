import { z } from 'zod';
import type { CoachingReminderSettings } from './domain/coaching/reminders.js';
import { parseOffsets } from './domain/reminders/offsets.js';
import type { SessionSettings } from './domain/sessions/settings.js';

/**
 * The environment schema: the only place that reads process.env.
 * A bad value must stop start-up with one line naming the variable, never a stack trace.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const int = (def: number, min = 0) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(def));
const positive = (def: number) => z.preprocess(emptyToUndefined, z.coerce.number().positive().default(def));

const telegramIdList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : (v ?? [])),
  z.array(z.coerce.number().int().positive({ message: 'every id must be a positive number' })),
);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a known IANA time zone (e.g. Asia/Makassar)' },
);

const base = z.object({
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\d+:[A-Za-z0-9_-]{10,}$/, 'must look like 123456789:AA… (from @BotFather)').optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url().default('https://api.telegram.org')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  ),
  /**
   * Connections the bot keeps to PostgreSQL. postgres.js pipelines statements on a busy connection and
   * sends what one connection has queued in one write, so fewer connections mean fewer system calls and
   * fewer server processes woken per update; transactions hold one each while they run.
   */
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(100).default(10)),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  /**
   * Embedded PGlite (no DATABASE_URL) in a worker thread of its own, so SQL runs on a second core
   * beside the bot's JavaScript (src/db/pglite-thread/). Off by default until measured; ignored with DATABASE_URL.
   */
  PGLITE_THREAD: z.preprocess(emptyToUndefined, z.stringbool().default(false)),
  ADMIN_TELEGRAM_IDS: telegramIdList,
  TZ_NAME: z.preprocess(emptyToUndefined, timeZone.default('Asia/Makassar')),
  DEFAULT_LANGUAGE: z.preprocess(emptyToUndefined, z.enum(['id', 'en']).default('id')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .min(12, 'must be at least 12 characters')
      .regex(/^[A-Za-z0-9_-]+$/, 'may contain only A-Z, a-z, 0-9, _ and - (Telegram rule)')
      .optional(),
  ),
  /**
   * Public address of the web dashboard (e.g. https://warkop.example.go.id): links from /dasbor and
   * the Mini App button point there. Defaults to the webhook's origin; in polling mode, setting it
   * makes the bot listen on HOST:PORT for the dashboard too.
   */
  DASHBOARD_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  PORT: int(8080, 0).pipe(z.number().max(65535)),
  HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
  INTAKE_CONCURRENCY: int(16, 1),
  /** Updates one chat may have waiting; more are skipped (the chat is told once). Bounds a flood's memory. */
  INTAKE_MAX_QUEUED_PER_CHAT: int(50, 5),
  /** Updates waiting in all: polling pauses fetching, the webhook answers 503 (Telegram delivers again). */
  INTAKE_MAX_BACKLOG: int(2000, 100),
  /** Commands per member: a burst, then this many per minute; past it one polite answer, then silence. */
  COMMAND_BURST: int(10, 1),
  COMMAND_RATE_PER_MIN: int(20, 1),
  HANDLER_TIMEOUT_MS: int(60_000, 1000),
  SHUTDOWN_GRACE_MS: int(10_000, 0),
  SEND_GLOBAL_PER_SEC: positive(30),
  SEND_PRIVATE_PER_SEC: positive(1),
  SEND_GROUP_PER_MIN: positive(20),
  EDIT_GROUP_PER_MIN: positive(20),
  SEND_MAX_RETRIES: int(5, 0),
  /** Count the send limits in PostgreSQL, across every instance (needed with several instances). */
  SEND_LIMITS_SHARED: z.preprocess(emptyToUndefined, z.stringbool().default(false)),
  SCHEDULER_TICK_SECONDS: int(5, 1).pipe(z.number().max(59)),
  // Proposal drafts: the layout file id, and the optional OpenAI-compatible language model.
  /** An extra folder of layout files (e.g. the district's own round form), next to the committed ones. */
  PROPOSAL_LAYOUTS_DIR: optionalString,
  PROPOSAL_LAYOUT: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/, 'must be a layout id such as kipp-umum-2023').optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().trim().min(1).default('gpt-4o-mini')),
  OPENAI_TIMEOUT_MS: int(60_000, 1000),
  OPENAI_MAX_RETRIES: int(2, 0).pipe(z.number().max(10)),
  DRAFT_QUOTA_PER_HOUR: int(5, 1),
  DRAFT_CONCURRENCY: int(2, 1).pipe(z.number().max(50)),
  REMINDER_OFFSETS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('1d@16:00,1h')
      .refine((v) => parseOffsets(v).ok, { message: 'must be a comma list such as 1d@16:00,1h (units m, h, d; @HH:MM only with d)' }),
  ),
  SESSION_DURATION_MINUTES: int(120, 15),
  RSVP_EDIT_INTERVAL_SECONDS: int(10, 1),
  BROADCAST_PROGRESS_SECONDS: int(5, 1),
  OUTBOX_LEASE_SECONDS: int(120, 10),
  /** Coaching: ideas whose last coaching is older than this many days go in the weekly digest. */
  COACHING_STALE_DAYS: int(30, 1).pipe(z.number().max(365)),
  /** The weekly coaching digest: ISO weekday (1 = Senin … 7 = Minggu) and hour, in TZ_NAME. */
  COACHING_DIGEST_DAY: int(1, 1).pipe(z.number().max(7)),
  COACHING_DIGEST_HOUR: int(8, 0).pipe(z.number().max(23)),
  // Nightly backups of the embedded database (PGlite only) into DATA_DIR/backups/: wall-clock time in TZ_NAME, or `off`.
  BACKUP_TIME: z.preprocess(emptyToUndefined, z.string().trim().default('02:00').refine((v) => v === 'off' || /^([01]\d|2[0-3])[:.][0-5]\d$/.test(v), { message: 'must be a time such as 02:00, or off' })),
  BACKUP_KEEP: int(14, 1),
  // Retention: finished rows are pruned in small batches by a scheduled job; pending ones never.
  RETENTION_OUTBOX_DAYS: int(90, 1),
  RETENTION_DRAFT_REQUEST_DAYS: int(30, 1),
  RETENTION_BROADCAST_DELIVERY_DAYS: int(365, 1),
  /** Telegram redelivers for up to 24 h: the journal keeps handled updates longer than that. */
  RETENTION_UPDATE_JOURNAL_HOURS: int(48, 25),
  RETENTION_BATCH: int(500, 10),
});

export type RawConfig = z.infer<typeof base>;

export type Config = Omit<RawConfig, 'WEBHOOK_URL' | 'WEBHOOK_SECRET'> & {
  mode: { kind: 'polling' } | { kind: 'webhook'; url: string; secret: string };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const schema = base.transform((raw, ctx): Config => {
  const { WEBHOOK_URL, WEBHOOK_SECRET, ...rest } = raw;
  if (rest.SEND_LIMITS_SHARED && !rest.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['SEND_LIMITS_SHARED'], message: 'needs DATABASE_URL (limits are shared through PostgreSQL)' });
    return z.NEVER;
  }
  if (WEBHOOK_URL && !WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set' });
    return z.NEVER;
  }
  return {
    ...rest,
    mode: WEBHOOK_URL ? { kind: 'webhook', url: WEBHOOK_URL, secret: WEBHOOK_SECRET! } : { kind: 'polling' },
  };
});

/** Parses an environment. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    // Never echo values: a mistyped token is still a secret.
    const message = issue.code === 'invalid_type' || issue.code === 'invalid_format' ? describe(issue) : issue.message;
    return `${name}: ${message}`;
  });
  throw new ConfigError(lines.join('; '));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_format' && (issue as { format?: string }).format === 'url') return 'must be a valid URL';
  return issue.message;
}

/** Reads `.env` (if present) into process.env without overriding what is already set. */
export function readDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Secrets that must never appear in a log line. */
/** The credentials inside a URL (user, password, query values such as ?key=…), each a secret. */
function urlSecrets(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const url = new URL(value);
    const parts = [decodeURIComponent(url.password), url.password, ...[...url.searchParams.values()]];
    return url.password || url.search ? [value, ...parts] : [];
  } catch {
    return [];
  }
}

export function secretsOf(config: Config): string[] {
  const secrets = [
    config.TELEGRAM_BOT_TOKEN,
    config.mode.kind === 'webhook' ? config.mode.secret : undefined,
    config.OPENAI_API_KEY,
    ...urlSecrets(config.DATABASE_URL),
    ...urlSecrets(config.OPENAI_BASE_URL),
  ];
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
}

/*
 * The domain takes plain settings of its own, never Config: these map the configuration to them.
 */

/** What the session rules read (time zone, default reminders, duration, edit pacing). */
export function sessionSettings(config: Pick<Config, 'TZ_NAME' | 'REMINDER_OFFSETS' | 'SESSION_DURATION_MINUTES' | 'RSVP_EDIT_INTERVAL_SECONDS'>): SessionSettings {
  const parsed = parseOffsets(config.REMINDER_OFFSETS);
  return {
    timeZone: config.TZ_NAME,
    defaultOffsets: parsed.ok ? parsed.offsets : [],
    durationMinutes: config.SESSION_DURATION_MINUTES,
    editIntervalMs: config.RSVP_EDIT_INTERVAL_SECONDS * 1000,
  };
}

/** What coaching reminders read: the same offsets as session reminders. */
export function coachingReminderSettings(config: Pick<Config, 'TZ_NAME' | 'REMINDER_OFFSETS'>): CoachingReminderSettings {
  const parsed = parseOffsets(config.REMINDER_OFFSETS);
  return { timeZone: config.TZ_NAME, offsets: parsed.ok ? parsed.offsets : [] };
}

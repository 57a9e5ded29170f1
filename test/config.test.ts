import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../src/config.js';

const token = '123456789:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKKlll';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.TZ_NAME).toBe('Asia/Makassar');
    expect(config.DEFAULT_LANGUAGE).toBe('id');
    expect(config.DATA_DIR).toBe('./data');
    expect(config.PGLITE_THREAD).toBe(false);
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config.mode).toEqual({ kind: 'polling' });
    expect(config.SEND_PRIVATE_PER_SEC).toBe(1);
    expect(config.SEND_GROUP_PER_MIN).toBe(20);
    expect(config.SEND_GLOBAL_PER_SEC).toBe(30);
  });

  it('parses admin ids and webhook mode', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      ADMIN_TELEGRAM_IDS: ' 111, 222 ,',
      WEBHOOK_URL: 'https://bot.example.org/telegram',
      WEBHOOK_SECRET: 'a-long-enough-secret',
      PORT: '9000',
    });
    expect(config.ADMIN_TELEGRAM_IDS).toEqual([111, 222]);
    expect(config.mode).toEqual({ kind: 'webhook', url: 'https://bot.example.org/telegram', secret: 'a-long-enough-secret' });
    expect(config.PORT).toBe(9000);
    expect(secretsOf(config)).toEqual([token, 'a-long-enough-secret']);
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'nonsense' }, /^TELEGRAM_BOT_TOKEN: /],
    [{ WEBHOOK_URL: 'https://x.org/hook' }, /^WEBHOOK_SECRET: is required when WEBHOOK_URL is set$/],
    [{ WEBHOOK_URL: 'https://x.org/hook', WEBHOOK_SECRET: 'short' }, /^WEBHOOK_SECRET: must be at least 12 characters/],
    [{ TZ_NAME: 'Mars/Olympus' }, /^TZ_NAME: not a known IANA time zone/],
    [{ DEFAULT_LANGUAGE: 'fr' }, /^DEFAULT_LANGUAGE: /],
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ ADMIN_TELEGRAM_IDS: '12,abc' }, /^ADMIN_TELEGRAM_IDS: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a postgres:\/\/ URL$/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
  ])('rejects %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads the proposal drafts and language model settings', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ OPENAI_MODEL: 'gpt-4o-mini', OPENAI_TIMEOUT_MS: 60_000, OPENAI_MAX_RETRIES: 2, DRAFT_QUOTA_PER_HOUR: 5, DRAFT_CONCURRENCY: 2 });
    expect(defaults.OPENAI_API_KEY).toBeUndefined();
    expect(defaults.PROPOSAL_LAYOUT).toBeUndefined();
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token, OPENAI_API_KEY: 'sk-abcdefghijkl', OPENAI_BASE_URL: 'http://localhost:11434/v1', PROPOSAL_LAYOUT: 'kipp-umum-2023' });
    expect(secretsOf(config)).toEqual([token, 'sk-abcdefghijkl']);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'localhost:11434' })).toThrow(/^OPENAI_BASE_URL: must be a valid URL$/);
    expect(() => loadConfig({ PROPOSAL_LAYOUT: '../etc/passwd' })).toThrow(/^PROPOSAL_LAYOUT: must be a layout id/);
    expect(() => loadConfig({ DRAFT_CONCURRENCY: '0' })).toThrow(/^DRAFT_CONCURRENCY: /);
  });

  it('shares the send limits through PostgreSQL only when there is one', () => {
    expect(loadConfig({}).SEND_LIMITS_SHARED).toBe(false);
    expect(loadConfig({ SEND_LIMITS_SHARED: 'true', DATABASE_URL: 'postgres://bot@db:5432/warkop' }).SEND_LIMITS_SHARED).toBe(true);
    expect(loadConfig({ SEND_LIMITS_SHARED: 'false' }).SEND_LIMITS_SHARED).toBe(false);
    expect(() => loadConfig({ SEND_LIMITS_SHARED: 'true' })).toThrow(/^SEND_LIMITS_SHARED: needs DATABASE_URL \(limits are shared through PostgreSQL\)$/);
    expect(() => loadConfig({ SEND_LIMITS_SHARED: 'maybe', DATABASE_URL: 'postgres://bot@db:5432/warkop' })).toThrow(/^SEND_LIMITS_SHARED: /);
  });

  it('puts PGlite in a thread of its own only when asked', () => {
    expect(loadConfig({ PGLITE_THREAD: 'true' }).PGLITE_THREAD).toBe(true);
    expect(loadConfig({ PGLITE_THREAD: '1' }).PGLITE_THREAD).toBe(true);
    expect(() => loadConfig({ PGLITE_THREAD: 'maybe' })).toThrow(/^PGLITE_THREAD: /);
  });

  it('never echoes the bad value of a secret', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret-looking-thing' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-looking-thing') }),
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Telegram } from 'telegraf';
import { Writable } from 'node:stream';
import { publishCommands } from '../../src/bot/publish-commands.js';
import { createLogger } from '../../src/logger.js';
import { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import { injectFault } from '../helpers/faults.js';

describe('command menu', () => {
  let api: BotApiDouble;
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [],
    pretty: false,
    destination: new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }),
  });
  beforeEach(async () => {
    api = await BotApiDouble.start();
    lines.length = 0;
  });
  afterEach(() => api.close());

  it('publishes per language and per scope, with each language’s command names', async () => {
    await publishCommands(new Telegram(api.token, { apiRoot: api.apiRoot }), logger, 'id');
    const keys = [...api.commands.keys()].sort();
    expect(keys).toEqual(
      ['all_group_chats:', 'all_group_chats:en', 'all_group_chats:id', 'all_private_chats:', 'all_private_chats:en', 'all_private_chats:id', 'default:', 'default:en', 'default:id'].sort(),
    );
    const names = (key: string) => ((api.commands.get(key) as { command: string }[] | { commands: { command: string }[] }));
    const list = (key: string) => {
      const value = names(key);
      return (Array.isArray(value) ? value : value.commands).map((c) => c.command);
    };
    expect(list('all_private_chats:id')).toContain('daftar');
    expect(list('all_private_chats:en')).toContain('register');
    expect(list('all_group_chats:id')).not.toContain('daftar');
    expect(list('all_private_chats:id')).not.toContain('peran');
  });

  it('logs a failure and carries on', async () => {
    injectFault(api, { method: 'setMyCommands', fault: { kind: '5xx', status: 500 } });
    await expect(publishCommands(new Telegram(api.token, { apiRoot: api.apiRoot }), logger, 'id')).resolves.toBeUndefined();
    expect(lines.join('')).toContain('could not publish the command menu');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Telegram } from 'telegraf';
import { BotApiDouble } from '../../src/dev/telegram-double/index.js';
import { ProgressMessage } from '../../src/jobs/drafts-progress.js';
import { createLogger } from '../../src/logger.js';
import { Sender } from '../../src/telegram/sender/sender.js';
import { injectFault } from '../helpers/faults.js';

const logger = createLogger({ level: 'silent', secrets: [] });
const FAST = { globalPerSec: 1000, privatePerSec: 1000, groupPerMin: 60_000, groupEditsPerMin: 60_000, maxRetries: 0 };

describe('the draft progress message', () => {
  let api: BotApiDouble;
  beforeEach(async () => {
    api = await BotApiDouble.start();
  });
  afterEach(async () => {
    await api.close();
  });

  /** A member who started the bot, its "menyusun…" message, and that message's progress (edits at least 300 ms apart). */
  async function startProgress() {
    const user = api.createUser({ first_name: 'Ana' });
    const chat = api.privateChat(user);
    api.sendText(user, chat, '/start');
    const sender = new Sender({ telegram: new Telegram(api.token, { apiRoot: api.apiRoot }), logger, limits: FAST });
    const first = await sender.call('sendMessage', { chat_id: chat.id, text: 'menyusun…' });
    const progress = new ProgressMessage({ sender, chatId: chat.id, messageId: first.message_id, minIntervalMs: 300, logger });
    const edits = () => api.calls.filter((c) => c.method === 'editMessageText');
    return { progress, edits };
  }

  it('counts the edit interval from the answer of an edit that was slow, also for an update that came meanwhile', async () => {
    const { progress, edits } = await startProgress();

    // The fake API answers the first edit a second after it arrives; the next update comes while it waits.
    injectFault(api, { method: 'editMessageText', times: 1, fault: { kind: 'slow', delayMs: 1000 } });
    progress.update('1/9');
    await vi.waitFor(() => expect(edits()).toHaveLength(1), { timeout: 60_000, interval: 5 });
    progress.update('2/9');
    await vi.waitFor(() => expect(edits()).toHaveLength(2), { timeout: 60_000, interval: 5 });
    await progress.finish('✅ selesai');

    expect(edits().map((c) => c.payload.text)).toEqual(['1/9', '2/9', '✅ selesai']);
    const [a, b, c] = edits().map((e) => e.at) as [number, number, number];
    // Answered ≥ 1,000 ms after it arrived, then 300 ms more: an edit sent at the answer would be ~1,000 ms.
    expect(b - a).toBeGreaterThanOrEqual(1300);
    expect(c - b).toBeGreaterThanOrEqual(300);
  });

  it('waits the edit interval before the final text also when the edit before it failed', async () => {
    const { progress, edits } = await startProgress();

    // Telegram answers the first edit 500 (it may well have counted it); the draft is done right after.
    injectFault(api, { method: 'editMessageText', times: 1, fault: { kind: '5xx', status: 500 } });
    progress.update('1/9');
    await vi.waitFor(() => expect(edits()).toHaveLength(1), { timeout: 60_000, interval: 5 });
    await progress.finish('✅ selesai');

    expect(edits().map((c) => [c.payload.text, c.status])).toEqual([
      ['1/9', 500],
      ['✅ selesai', 200],
    ]);
    const [failed, final] = edits().map((e) => e.at) as [number, number];
    // The interval counts from the failed edit's answer, which came after it arrived.
    expect(final - failed).toBeGreaterThanOrEqual(300);
  });
});

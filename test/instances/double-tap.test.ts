import { describe, expect, it } from 'vitest';
import { broadcasts, sessions } from '../../src/db/schema/index.js';
import type { StoredMessage, Update } from '../../src/dev/telegram-double/index.js';
import { engines } from '../helpers/databases.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { setupForum } from '../helpers/sessions.js';
import { injectFault } from '../helpers/faults.js';

/**
 * Within one instance a chat's updates run one after another; across instances the journal keeps
 * them in order too (test/instances/two-processes.test.ts). Should two presses of a confirmation
 * button still run at the same time (the order wait gave up, say), only the press that closes the
 * dialog acts. Here the two presses go straight to the bot, side by side, while Telegram is slow
 * to take the callback answers.
 */
describe.each(engines)('a double tap on a confirmation (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  async function tapTwice(h: Harness, message: StoredMessage, data: string): Promise<void> {
    // Intake stops: the presses below reach the bot only through the direct calls.
    await h.app.stop('test');
    injectFault(h.api, { method: 'answerCallbackQuery', times: 2, fault: { kind: 'slow', delayMs: 300 } });
    injectFault(h.api, { method: 'editMessageText', times: 2, fault: { kind: 'slow', delayMs: 300 } });
    const user = h.api.users().find((u) => u.id === 900001)!;
    const taps: Update[] = [h.api.pressButton(user, message, data), h.api.pressButton(user, message, data)];
    await Promise.all(taps.map((u) => h.app.bot.handleUpdate(u as never)));
  }

  it('sends a broadcast once', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/siaran');
    const [audience] = await ana.send('Rapat koordinasi Jumat pagi.');
    const { replies } = await ana.press(/Grup terhubung/, audience);
    await tapTwice(h, replies.at(-1)!, 'b:send');
    expect(await h.db.select().from(broadcasts)).toHaveLength(1);
  });

  it('creates a session once', async () => {
    const { ana } = await setupForum(h);
    await ana.send('/sesi_baru');
    await ana.send('Bedah proposal KIPP');
    await ana.send('besok 10.00');
    await ana.send('Aula');
    await ana.send('-');
    const recurrence = await ana.press('♾️ Tanpa batas');
    const summary = await ana.press('Tidak berulang', recurrence.replies.at(-1));
    await tapTwice(h, summary.replies.at(-1)!, 's:nw:ok');
    expect(await h.db.select().from(sessions)).toHaveLength(1);
  });
});

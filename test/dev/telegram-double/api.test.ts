import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Markup, Telegraf, Telegram, TelegramError } from 'telegraf';
import { BotApiDouble, parseHtml, parseMarkdownV2, type FakeUser } from '../../../src/dev/telegram-double/index.js';
import { injectFault } from '../../helpers/faults.js';

let double: BotApiDouble;
let tg: Telegram;
const cleanups: Array<() => unknown> = [];

beforeEach(async () => {
  double = await BotApiDouble.start({ maxLongPollMs: 2000 });
  tg = new Telegram(double.token, { apiRoot: double.apiRoot });
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  await double.close();
});

/** Runs `fn` and returns the TelegramError it throws (fails when it does not throw one). */
async function telegramError(fn: () => Promise<unknown>): Promise<TelegramError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof TelegramError) return e;
    throw e;
  }
  throw new Error('expected a TelegramError');
}

/** A user who has /start-ed the bot in their private chat. */
function startedUser(name = 'Ana'): FakeUser {
  const user = double.createUser({ first_name: name, username: name.toLowerCase(), language_code: 'id' });
  double.sendText(user, double.privateChat(user), '/start');
  return user;
}

function launch(bot: Telegraf): void {
  let error: unknown;
  const running = bot.launch().catch((e: unknown) => {
    error = e;
  });
  cleanups.push(async () => {
    try {
      bot.stop('test');
    } catch {
      // not running
    }
    await running;
    if (error) throw error;
  });
}

describe('HTTP surface', () => {
  it('answers getMe with the bot, 401 for a wrong token and 404 for unknown methods', async () => {
    const me = await tg.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: 'test_bot', first_name: 'Test Bot' });
    expect(double.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const wrong = new Telegram('999:nope', { apiRoot: double.apiRoot });
    const e401 = await telegramError(() => wrong.getMe());
    expect(e401.code).toBe(401);
    expect(e401.description).toBe('Unauthorized');

    const res = await fetch(`${double.apiRoot}/bot${double.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });

    // urlencoded bodies and case-insensitive method names work like on Telegram
    const form = await fetch(`${double.apiRoot}/bot${double.token}/getme`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(((await form.json()) as { result: { id: number } }).result.id).toBe(123456);
    expect(double.calls.map((c) => c.method)).toEqual(['getMe', 'getMe', 'sendTelepathy', 'getMe']);
    expect(double.calls.map((c) => c.status)).toEqual([200, 401, 404, 200]);
  });

  it('derives the bot id from a custom token', async () => {
    const other = await BotApiDouble.start({ token: '777:abc', botUsername: 'warkop_bot' });
    cleanups.push(() => other.close());
    const me = await new Telegram(other.token, { apiRoot: other.apiRoot }).getMe();
    expect(me.id).toBe(777);
    expect(me.username).toBe('warkop_bot');
  });
});

describe('a real Telegraf bot over long polling', () => {
  it('delivers /start to the handler and stores the reply in history', async () => {
    const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
    const seen: string[] = [];
    bot.start(async (ctx) => {
      seen.push(`${ctx.from.first_name}:${ctx.payload}`);
      await ctx.reply(`Halo <b>${ctx.from.first_name}</b> &amp; selamat datang`, { parse_mode: 'HTML' });
    });
    launch(bot);

    const ana = double.createUser({ first_name: 'Ana' });
    const chat = double.privateChat(ana);
    expect(chat.id).toBe(ana.id);
    const update = double.sendText(ana, chat, '/start daftar');
    const msg = update.message as { entities: unknown[]; chat: { type: string }; from: { is_bot: boolean } };
    expect(msg.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(msg.chat.type).toBe('private');
    expect(msg.from.is_bot).toBe(false);

    const reply = await double.waitForBotMessage(chat.id, { match: /Halo/ });
    expect(seen).toEqual(['Ana:daftar']);
    expect(reply.text).toBe('Halo Ana & selamat datang');
    expect(reply.html).toBe('Halo <b>Ana</b> &amp; selamat datang');
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.entities).toEqual([{ type: 'bold', offset: 5, length: 3 }]);
    expect(double.history(chat.id).map((m) => [m.from_bot, m.text])).toEqual([
      [false, '/start daftar'],
      [true, 'Halo Ana & selamat datang'],
    ]);
    expect(reply.message_id).toBe(2);
    await double.waitFor(() => double.pendingUpdates() === 0);
  });

  it('recognises /cmd@botname and ignores commands for other bots', async () => {
    const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
    bot.command('ping', (ctx) => ctx.reply('pong'));
    launch(bot);
    const ana = double.createUser({ first_name: 'Ana' });
    const group = double.createGroup({ title: 'Warkop' });
    expect(group.id).toBeLessThan(0);
    double.addBotToGroup(group, ana);
    double.sendText(ana, group, '/ping@other_bot');
    double.sendText(ana, group, '/ping@test_bot');
    const reply = await double.waitForBotMessage(group.id);
    expect(reply.text).toBe('pong');
    await double.waitFor(() => double.pendingUpdates() === 0);
    expect(double.botMessages(group.id)).toHaveLength(1);
  });

  it('round-trips inline buttons: press, answer, edit', async () => {
    const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
    bot.command('menu', (ctx) =>
      ctx.reply('Pilih:', Markup.inlineKeyboard([[Markup.button.callback('Ya', 'yes'), Markup.button.callback('Tidak', 'no')]])),
    );
    bot.action(/^(yes|no)$/, async (ctx) => {
      await ctx.answerCbQuery(`kamu pilih ${ctx.match[1]}`);
      await ctx.editMessageText(`Dipilih: ${ctx.match[1]}`);
    });
    launch(bot);

    const ana = double.createUser({ first_name: 'Ana' });
    const chat = double.privateChat(ana);
    double.sendText(ana, chat, '/menu');
    const menu = await double.waitForBotMessage(chat.id);
    expect(menu.reply_markup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual(['yes', 'no']);

    const upd = double.pressButton(ana, menu, 'yes');
    const cq = upd.callback_query as { id: string; data: string; chat_instance: string; message: { message_id: number; chat: { id: number } } };
    expect(cq.data).toBe('yes');
    expect(cq.message.message_id).toBe(menu.message_id);
    expect(cq.message.chat.id).toBe(chat.id);
    expect(typeof cq.chat_instance).toBe('string');

    await double.waitFor(() => double.message(chat.id, menu.message_id)?.edits === 1);
    const edited = double.message(chat.id, menu.message_id)!;
    expect(edited.text).toBe('Dipilih: yes');
    // like Telegram, editing text without reply_markup removes the keyboard
    expect(edited.reply_markup).toBeUndefined();
    expect(double.callbackAnswers).toEqual([{ callback_query_id: cq.id, text: 'kamu pilih yes' }]);
    expect(double.unansweredCallbackQueries()).toEqual([]);
  });
});

describe('validation like Telegram', () => {
  it('rejects empty and too long text, counting UTF-16 units after parsing entities', async () => {
    const ana = startedUser();
    const empty = await telegramError(() => tg.sendMessage(ana.id, ''));
    expect(empty.code).toBe(400);
    expect(empty.description).toBe('Bad Request: message text is empty');
    expect((await telegramError(() => tg.sendMessage(ana.id, '<b> </b>', { parse_mode: 'HTML' }))).description).toBe(
      'Bad Request: message text is empty',
    );

    const long = await telegramError(() => tg.sendMessage(ana.id, 'a'.repeat(4097)));
    expect(long.code).toBe(400);
    expect(long.description).toBe('Bad Request: message is too long');

    // 4096 visible characters wrapped in tags are fine: the limit applies after parsing
    const ok = await tg.sendMessage(ana.id, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    expect(ok.text).toHaveLength(4096);
    // an astral emoji counts as 2 UTF-16 code units
    const emoji = await telegramError(() => tg.sendMessage(ana.id, `${'a'.repeat(4095)}😀`));
    expect(emoji.description).toBe('Bad Request: message is too long');
    expect((await tg.sendMessage(ana.id, `${'a'.repeat(4094)}😀`)).text).toHaveLength(4096);
  });

  it('validates HTML tags and entities', async () => {
    const ana = startedUser();
    const send = (html: string) => telegramError(() => tg.sendMessage(ana.id, html, { parse_mode: 'HTML' }));
    expect((await send('<div>x</div>')).description).toBe(`Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 0`);
    expect((await send('a <b>bold')).description).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    );
    expect((await send('<b>x</i>')).description).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`,
    );
    expect((await send('x</b>')).description).toMatch(/^Bad Request: can't parse entities: Unexpected end tag/);
    expect((await send('1 < 2')).description).toBe(`Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`);
    expect((await send('Q&A')).description).toMatch(/^Bad Request: can't parse entities: .*"&"/);
    expect((await send('<span>x</span>')).description).toMatch(/Tag "span" must have class "tg-spoiler"/);

    const ok = await tg.sendMessage(
      ana.id,
      '<b>B</b> <i>I</i> <a href="https://example.org/?a=1&amp;b=2">L</a> <tg-spoiler>S</tg-spoiler> ' +
        '<pre><code class="language-ts">x</code></pre> &lt;&gt;&amp;&quot;&#65;&#x42; <blockquote expandable>Q</blockquote>',
      { parse_mode: 'HTML' },
    );
    expect(ok.text).toBe('B I L S x <>&"AB Q');
    const stored = double.lastBotMessage(ana.id)!;
    expect(stored.text).toBe('B I L S x <>&"AB Q');
    expect(stored.entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'text_link', offset: 4, length: 1, url: 'https://example.org/?a=1&b=2' },
      { type: 'spoiler', offset: 6, length: 1 },
      { type: 'pre', offset: 8, length: 1, language: 'ts' },
      { type: 'expandable_blockquote', offset: 17, length: 1 },
    ]);
  });

  it('supports MarkdownV2 with its escaping rules', async () => {
    const ana = startedUser();
    const bad = await telegramError(() => tg.sendMessage(ana.id, 'Rp 1.000', { parse_mode: 'MarkdownV2' }));
    expect(bad.description).toBe(`Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`);
    const ok = await tg.sendMessage(ana.id, '*Rp* 1\\.000 _ok_', { parse_mode: 'MarkdownV2' });
    expect(ok.text).toBe('Rp 1.000 ok');
    expect(parseMarkdownV2('[x](https://a.b/c)').entities).toEqual([{ type: 'text_link', offset: 0, length: 1, url: 'https://a.b/c' }]);
  });

  it('parses HTML offsets in UTF-16 and reports byte offsets', () => {
    expect(parseHtml('😀<b>x</b>')).toEqual({ text: '😀x', entities: [{ type: 'bold', offset: 2, length: 1 }] });
    expect(() => parseHtml('é<x>')).toThrow('Unsupported start tag "x" at byte offset 2');
  });

  it('checks callback_data size, chats, and edits', async () => {
    const ana = startedUser();
    const big = await telegramError(() =>
      tg.sendMessage(ana.id, 'x', Markup.inlineKeyboard([Markup.button.callback('b', 'é'.repeat(33))])),
    );
    expect(big.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    // exactly 64 bytes is allowed
    await tg.sendMessage(ana.id, 'x', Markup.inlineKeyboard([Markup.button.callback('b', 'é'.repeat(32))]));

    expect((await telegramError(() => tg.sendMessage(-42, 'x'))).description).toBe('Bad Request: chat not found');

    const m = await tg.sendMessage(ana.id, 'teks', Markup.inlineKeyboard([Markup.button.callback('b', 'd')]));
    const same = await telegramError(() =>
      tg.editMessageText(ana.id, m.message_id, undefined, 'teks', Markup.inlineKeyboard([Markup.button.callback('b', 'd')])),
    );
    expect(same.description).toMatch(/^Bad Request: message is not modified: /);
    expect((await telegramError(() => tg.editMessageText(ana.id, 999, undefined, 'y'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    expect((await telegramError(() => tg.deleteMessage(ana.id, 999))).description).toBe('Bad Request: message to delete not found');

    await tg.editMessageReplyMarkup(ana.id, m.message_id, undefined, undefined);
    expect(double.message(ana.id, m.message_id)?.reply_markup).toBeUndefined();
    expect(await tg.deleteMessage(ana.id, m.message_id)).toBe(true);
    expect(double.message(ana.id, m.message_id)?.deleted).toBe(true);
    expect(double.botMessages(ana.id).map((x) => x.message_id)).not.toContain(m.message_id);
  });
});

describe('403s', () => {
  it("refuses to message users who never started the bot, and users who blocked it", async () => {
    const budi = double.createUser({ first_name: 'Budi' });
    const never = await telegramError(() => tg.sendMessage(budi.id, 'halo'));
    expect(never.code).toBe(403);
    expect(never.description).toBe("Forbidden: bot can't initiate conversation with a user");

    double.sendText(budi, double.privateChat(budi), '/start');
    await tg.sendMessage(budi.id, 'halo');
    double.blockBot(budi);
    const blocked = await telegramError(() => tg.sendMessage(budi.id, 'halo lagi'));
    expect(blocked.code).toBe(403);
    expect(blocked.description).toBe('Forbidden: bot was blocked by the user');
    expect(double.botMessages(budi.id).map((m) => m.text)).toEqual(['halo']);
    // writing to the bot again unblocks it
    double.sendText(budi, double.privateChat(budi), '/start');
    await tg.sendMessage(budi.id, 'selamat datang kembali');
  });

  it('answers 403 in groups the bot is not in or was kicked from', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const group = double.createGroup({ title: 'Grup', type: 'supergroup' });
    expect(String(group.id)).toMatch(/^-100\d+$/);
    expect((await telegramError(() => tg.sendMessage(group.id, 'x'))).description).toBe(
      'Forbidden: bot is not a member of the supergroup chat',
    );
    const added = double.addBotToGroup(group, ana);
    expect(added.my_chat_member).toMatchObject({ old_chat_member: { status: 'left' }, new_chat_member: { status: 'administrator' } });
    await tg.sendMessage(group.id, 'x');
    expect((await tg.getChatMember(group.id, double.bot.id)).status).toBe('administrator');
    expect((await tg.getChatMember(group.id, ana.id)).status).toBe('member');
    double.removeBotFromGroup(group, ana);
    const kicked = await telegramError(() => tg.sendMessage(group.id, 'y'));
    expect(kicked.code).toBe(403);
    expect(kicked.description).toBe('Forbidden: bot was kicked from the supergroup chat');
  });
});

describe('faults and limits', () => {
  it('injects 429 with retry_after, counting down `times`', async () => {
    const ana = startedUser();
    const remove = injectFault(double, { method: 'sendMessage', times: 2, fault: { kind: '429', retryAfter: 7 } });
    for (let i = 0; i < 2; i++) {
      const e = await telegramError(() => tg.sendMessage(ana.id, 'x'));
      expect(e.code).toBe(429);
      expect(e.parameters?.retry_after).toBe(7);
      expect(e.description).toBe('Too Many Requests: retry after 7');
    }
    await tg.sendMessage(ana.id, 'x');
    remove();
    expect(double.botMessages(ana.id)).toHaveLength(1);
  });

  it('injects 5xx, 403, slow and network faults, filtered by chat', async () => {
    const ana = startedUser('Ana');
    const budi = startedUser('Budi');
    const remove = injectFault(double, { chatId: budi.id, fault: { kind: '5xx' } });
    const e5 = await telegramError(() => tg.sendMessage(budi.id, 'x'));
    expect(e5.code).toBe(502);
    await tg.sendMessage(ana.id, 'x');
    remove();
    await tg.sendMessage(budi.id, 'x');

    injectFault(double, { method: /^send/, times: 1, fault: { kind: '403' } });
    expect((await telegramError(() => tg.sendMessage(ana.id, 'x'))).description).toBe('Forbidden: bot was blocked by the user');

    injectFault(double, { method: 'getMe', times: 1, fault: { kind: 'slow', delayMs: 150 } });
    const t0 = performance.now();
    await tg.getMe();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

    injectFault(double, { method: 'getMe', times: 1, fault: { kind: 'network' } });
    await expect(tg.getMe()).rejects.toThrow();
    await tg.getMe();
  });

  it('enforces flood limits with 429 and retry_after', async () => {
    // The limiter's windows run on performance.now: a clock the test moves, so that a busy
    // machine (a second between two sends) cannot empty a window behind the test's back.
    let now = performance.now();
    cleanups.push(() => vi.restoreAllMocks());
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const ana = startedUser();
    const group = double.createGroup({ title: 'G' });
    double.addBotToGroup(group, ana);
    double.enforceLimits({ perChatPerSec: 2, perGroupPerMin: 3 });
    await tg.sendMessage(ana.id, '1');
    await tg.sendMessage(ana.id, '2');
    const e = await telegramError(() => tg.sendMessage(ana.id, '3'));
    expect(e.code).toBe(429);
    expect(e.parameters?.retry_after).toBe(1);

    // group: 3 per minute (the per-chat limit of 2/s is also in force, so pace them)
    await tg.sendMessage(group.id, 'a');
    await tg.sendMessage(group.id, 'b');
    now += 1010;
    await tg.sendMessage(group.id, 'c');
    const g = await telegramError(() => tg.sendMessage(group.id, 'd'));
    expect(g.parameters?.retry_after).toBe(59);
    expect(double.limitViolations).toBe(2);
    // other methods are not limited
    await tg.sendChatAction(group.id, 'typing');
    double.enforceLimits(null);
    await tg.sendMessage(group.id, 'd');
  });

  it('can limit edits per group per minute', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const group = double.createGroup({ title: 'G' });
    double.addBotToGroup(group, ana);
    const m = await tg.sendMessage(group.id, 'v0');
    double.enforceLimits({ editsPerGroupPerMin: 2 });
    await tg.editMessageText(group.id, m.message_id, undefined, 'v1');
    await tg.editMessageText(group.id, m.message_id, undefined, 'v2');
    const e = await telegramError(() => tg.editMessageText(group.id, m.message_id, undefined, 'v3'));
    expect(e.code).toBe(429);
    expect(double.message(group.id, m.message_id)).toMatchObject({ text: 'v2', edits: 2 });
  });
});

describe('files', () => {
  it('stores sendPhoto uploads with their size and refuses what Telegram refuses', async () => {
    const ana = startedUser();
    const png = (width: number, height: number) => {
      const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 0, 0, 0]);
      head.writeUInt32BE(width, 16);
      head.writeUInt32BE(height, 20);
      return head;
    };
    const sent = await tg.sendPhoto(ana.id, { source: png(1080, 1826), filename: 'rekap-2026.png' }, { caption: '<b>Rekap</b> 2026', parse_mode: 'HTML' });
    expect(sent.caption).toBe('Rekap 2026');
    // Several sizes, the largest last, as Telegram answers.
    expect(sent.photo.at(-1)).toMatchObject({ width: 1080, height: 1826 });
    expect(sent.photo[0]).toMatchObject({ width: Math.round((1080 * 90) / 1826), height: 90 });
    const stored = double.lastBotMessage(ana.id)!;
    expect(stored).toMatchObject({ kind: 'photo', photo: { file_name: 'rekap-2026.png', width: 1080, height: 1826, caption: 'Rekap 2026' } });
    expect(double.calls.at(-1)?.method).toBe('sendPhoto');

    const tooTall = await telegramError(() => tg.sendPhoto(ana.id, { source: png(1000, 9500), filename: 'a.png' }));
    expect(tooTall.description).toContain('PHOTO_INVALID_DIMENSIONS');
    const tooNarrow = await telegramError(() => tg.sendPhoto(ana.id, { source: png(100, 2100), filename: 'b.png' }));
    expect(tooNarrow.description).toContain('PHOTO_INVALID_DIMENSIONS');
    const notImage = await telegramError(() => tg.sendPhoto(ana.id, { source: Buffer.from('not an image'), filename: 'c.png' }));
    expect(notImage.description).toContain('IMAGE_PROCESS_FAILED');
    expect(double.botMessages(ana.id)).toHaveLength(1);
  });

  it('stores multipart sendDocument uploads and serves them back', async () => {
    const ana = startedUser();
    const content = Buffer.from('nama,instansi\nAna,Dinkes\n');
    const sent = await tg.sendDocument(
      ana.id,
      { source: content, filename: 'rekap.csv' },
      { caption: '<b>Rekap</b> 2026', parse_mode: 'HTML', ...Markup.inlineKeyboard([Markup.button.callback('ok', 'ok')]) },
    );
    expect(sent.document).toMatchObject({ file_name: 'rekap.csv', mime_type: 'text/csv', file_size: content.length });
    expect(sent.caption).toBe('Rekap 2026');
    const stored = double.lastBotMessage(ana.id)!;
    expect(stored.document?.content.equals(content)).toBe(true);
    expect(stored.document?.caption).toBe('Rekap 2026');
    expect(stored.reply_markup?.inline_keyboard[0]?.[0]?.callback_data).toBe('ok');
    expect(double.calls.at(-1)?.method).toBe('sendDocument');

    // re-send by file_id, and download through getFileLink
    await tg.sendDocument(ana.id, sent.document.file_id);
    expect(double.botMessages(ana.id)).toHaveLength(2);
    const link = await tg.getFileLink(sent.document.file_id);
    const body = Buffer.from(await (await fetch(link)).arrayBuffer());
    expect(body.toString()).toBe(content.toString());
  });
});

describe('getUpdates and webhooks', () => {
  it('holds long polls until an update arrives and confirms by offset', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const t0 = performance.now();
    const poll = tg.callApi('getUpdates', { timeout: 10, offset: 0 });
    setTimeout(() => double.sendText(ana, double.privateChat(ana), 'halo'), 100);
    const updates = await poll;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    expect(updates).toHaveLength(1);
    expect(double.pendingUpdates()).toBe(1);
    const again = await tg.callApi('getUpdates', { offset: updates[0]!.update_id + 1 });
    expect(again).toEqual([]);
    expect(double.pendingUpdates()).toBe(0);
    // an empty long poll ends after the timeout (capped by maxLongPollMs)
    const t1 = performance.now();
    expect(await tg.callApi('getUpdates', { timeout: 1 })).toEqual([]);
    expect(performance.now() - t1).toBeGreaterThanOrEqual(900);
  });

  it('POSTs updates to the webhook with the secret header and runs webhook replies', async () => {
    const received: Array<{ secret: string | undefined; body: { update_id: number; message?: { text: string } } }> = [];
    let failFirst = true;
    const target = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { update_id: number; message?: { text: string; chat: { id: number } } };
        received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body });
        // answer like telegraf's webhookReply does
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendChatAction', chat_id: body.message?.chat.id, action: 'typing' }));
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => target.close(() => r())));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;

    const ana = double.createUser({ first_name: 'Ana' });
    double.sendText(ana, double.privateChat(ana), 'sebelum');
    expect(await tg.setWebhook(url, { secret_token: 'rahasia_123' })).toBe(true);
    double.sendText(ana, double.privateChat(ana), 'sesudah');

    await double.waitFor(() => received.length === 2 && double.pendingUpdates() === 0);
    expect(received.map((r) => r.secret)).toEqual(['rahasia_123', 'rahasia_123']);
    expect(received.map((r) => r.body.message?.text)).toEqual(['sebelum', 'sesudah']);
    await double.waitFor(() => double.calls.filter((c) => c.method === 'sendChatAction' && c.status === 200).length === 2);

    const conflict = await telegramError(() => tg.callApi('getUpdates', {}));
    expect(conflict.code).toBe(409);
    expect(conflict.description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);
    expect((await tg.getWebhookInfo()).url).toBe(url);

    double.sendText(ana, double.privateChat(ana), 'dibuang');
    await tg.deleteWebhook({ drop_pending_updates: true });
    expect(double.pendingUpdates()).toBe(0);
    expect(await tg.callApi('getUpdates', {})).toEqual([]);
  });
});

describe('a real Telegraf bot behind a webhook', () => {
  it('receives updates via webhookCallback and answers callbacks through the webhook reply', async () => {
    const bot = new Telegraf(double.token, { telegram: { apiRoot: double.apiRoot } });
    bot.start((ctx) => ctx.reply('Menu', Markup.inlineKeyboard([Markup.button.callback('A', 'a')])));
    bot.action('a', (ctx) => ctx.answerCbQuery('oke')); // telegraf sends this as the webhook reply body
    const handler = bot.webhookCallback('/hook', { secretToken: 'sekret' });
    const server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;

    await bot.telegram.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 'sekret' });
    const ana = double.createUser({ first_name: 'Ana' });
    double.sendText(ana, double.privateChat(ana), '/start');
    const menu = await double.waitForBotMessage(ana.id, { match: 'Menu' });
    double.pressButton(ana, menu, 'a');
    await double.waitFor(() => double.callbackAnswers.length === 1);
    expect(double.callbackAnswers[0]?.text).toBe('oke');
    expect(double.pendingUpdates()).toBe(0);

    // a wrong secret is rejected by telegraf, so the double keeps retrying and finally gives up
    await bot.telegram.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 'salah' });
    double.sendText(ana, double.privateChat(ana), '/start');
    await double.waitFor(() => double.pendingUpdates() === 0, { timeoutMs: 5000 });
    expect(double.botMessages(ana.id)).toHaveLength(1);
    expect((await tg.getWebhookInfo()).last_error_message).toMatch(/Wrong response from the webhook: 403/);
  });
});

describe('forums, commands, members', () => {
  it('creates topics only in forums and threads messages', async () => {
    const ana = double.createUser({ first_name: 'Ana' });
    const plain = double.createGroup({ title: 'Biasa', type: 'supergroup' });
    double.addBotToGroup(plain, ana);
    expect((await telegramError(() => tg.createForumTopic(plain.id, 'X'))).description).toBe('Bad Request: the chat is not a forum');

    const forum = double.createGroup({ title: 'Forum', isForum: true });
    expect(forum).toMatchObject({ type: 'supergroup', is_forum: true });
    double.addBotToGroup(forum, ana);
    const topic = await tg.createForumTopic(forum.id, 'Sesi 1');
    expect(topic).toEqual({ message_thread_id: expect.any(Number), name: 'Sesi 1', icon_color: 7322096 });
    const t2 = double.createTopic(forum, 'Sesi 2');

    const upd = double.sendText(ana, forum, 'di topik', { threadId: t2.message_thread_id });
    expect(upd.message).toMatchObject({ message_thread_id: t2.message_thread_id, is_topic_message: true });
    const sent = await tg.sendMessage(forum.id, 'balasan', { message_thread_id: topic.message_thread_id });
    expect(sent.message_thread_id).toBe(topic.message_thread_id);
    expect(double.botMessages(forum.id, topic.message_thread_id).map((m) => m.text)).toEqual(['balasan']);
    expect(double.history(forum.id, t2.message_thread_id).map((m) => m.text)).toEqual(['di topik']);
    expect((await telegramError(() => tg.sendMessage(forum.id, 'x', { message_thread_id: 9999 }))).description).toBe(
      'Bad Request: message thread not found',
    );
    expect(await tg.editForumTopic(forum.id, topic.message_thread_id, { name: 'Sesi 1 (baru)' })).toBe(true);
    expect(await tg.closeForumTopic(forum.id, topic.message_thread_id)).toBe(true);
    expect(double.topic(forum.id, topic.message_thread_id)).toMatchObject({ name: 'Sesi 1 (baru)', closed: true });
  });

  it('keys setMyCommands by scope and language', async () => {
    await tg.setMyCommands([{ command: 'start', description: 'Mulai' }]);
    await tg.setMyCommands([{ command: 'start', description: 'Start' }], { language_code: 'en', scope: { type: 'all_private_chats' } });
    expect([...double.commands.keys()].sort()).toEqual(['all_private_chats:en', 'default:']);
    expect(double.commands.get('default:')).toMatchObject({ commands: [{ command: 'start', description: 'Mulai' }] });
    const bad = await telegramError(() => tg.setMyCommands([{ command: 'Mulai', description: 'x' }]));
    expect(bad.description).toBe('Bad Request: BOT_COMMAND_INVALID');
    await tg.deleteMyCommands({ language_code: 'en', scope: { type: 'all_private_chats' } });
    expect([...double.commands.keys()]).toEqual(['default:']);
  });
});

describe('waiting', () => {
  it('waitFor reports the last calls when it times out', async () => {
    const ana = startedUser();
    await tg.sendMessage(ana.id, 'pesan terakhir');
    const err = await double.waitFor(() => false, { timeoutMs: 60 }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('timed out after 60 ms');
    expect((err as Error).message).toContain(`sendMessage chat_id=${ana.id} text="pesan terakhir"`);
  });

  it('waitForBotMessage honours `after` and `match`', async () => {
    const ana = startedUser();
    await tg.sendMessage(ana.id, 'satu');
    const before = double.botMessages(ana.id).length;
    const waiting = double.waitForBotMessage(ana.id, { after: before, match: 'tiga' });
    await tg.sendMessage(ana.id, 'dua');
    await tg.sendMessage(ana.id, 'tiga');
    expect((await waiting).text).toBe('tiga');
    expect((await double.waitForBotMessage(ana.id, { after: before })).text).toBe('dua');
    await expect(double.waitForBotMessage(ana.id, { after: 3, timeoutMs: 50 })).rejects.toThrow(/Last bot messages/);

    // a bot that deletes its old message and sends a new one is still found
    const count = double.botMessages(ana.id).length;
    const next = double.waitForBotMessage(ana.id, { after: count });
    await tg.deleteMessage(ana.id, double.lastBotMessage(ana.id)!.message_id);
    await tg.sendMessage(ana.id, 'empat');
    expect((await next).text).toBe('empat');
  });

  it('handles thousands of requests in a row, keeping every message', async () => {
    const ana = startedUser();
    const n = 2000;
    const batch = 50;
    for (let i = 0; i < n; i += batch) {
      await Promise.all(Array.from({ length: batch }, (_, j) => tg.sendMessage(ana.id, `m${i + j}`)));
    }
    expect(double.botMessages(ana.id)).toHaveLength(n);
    expect(double.history(ana.id).at(-1)?.message_id).toBe(n + 1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Markup, Telegram } from 'telegraf';
import { BotApiDouble, type DoubleEvent } from '../../../src/dev/telegram-double/index.js';

const doubles: BotApiDouble[] = [];
afterEach(async () => {
  while (doubles.length > 0) await doubles.pop()!.close();
});

async function start(opts: Parameters<typeof BotApiDouble.start>[0] = {}) {
  const double = await BotApiDouble.start({ maxLongPollMs: 500, ...opts });
  doubles.push(double);
  return { double, tg: new Telegram(double.token, { apiRoot: double.apiRoot }) };
}

describe('api double events', () => {
  it('reports sends, edits, deletes and callback answers in execution order', async () => {
    const { double, tg } = await start();
    const events: string[] = [];
    double.onEvent((e: DoubleEvent) => {
      events.push(e.type === 'callback_answer' ? `answer:${e.answer.text ?? ''}` : `${e.type}:${e.message.chat_id}/${e.message.message_id}`);
    });
    const ana = double.createUser({ first_name: 'Ana' });
    double.sendText(ana, double.privateChat(ana), '/start'); // message 1
    const sent = await tg.sendMessage(ana.id, 'Halo', Markup.inlineKeyboard([Markup.button.callback('OK', 'ok')]));
    const press = double.pressButton(ana, double.message(ana.id, sent.message_id)!, 'ok');
    await tg.answerCbQuery((press.callback_query as { id: string }).id, 'Siap');
    await tg.editMessageText(ana.id, sent.message_id, undefined, 'Halo lagi');
    const doc = await tg.sendDocument(ana.id, { source: Buffer.from('BEGIN:VCALENDAR'), filename: 'sesi.ics' });
    await tg.deleteMessage(ana.id, doc.message_id);
    await tg.sendMessage(ana.id, '<b>x</b>', { parse_mode: 'HTML' }).catch(() => {});
    expect(events).toEqual([`sent:${ana.id}/2`, 'answer:Siap', `edited:${ana.id}/2`, `sent:${ana.id}/3`, `deleted:${ana.id}/3`, `sent:${ana.id}/4`]);
  });

  it('reports nothing for failed calls', async () => {
    const { double, tg } = await start();
    const events: DoubleEvent[] = [];
    double.onEvent((e) => events.push(e));
    const budi = double.createUser({ first_name: 'Budi' });
    await expect(tg.sendMessage(budi.id, 'Halo')).rejects.toThrow(/can't initiate conversation/);
    expect(events).toEqual([]);
  });
});

describe('api double snapshots', () => {
  it('restores people, chats, topics, messages and the id counters', async () => {
    const first = await start();
    const ana = first.double.createUser({ first_name: 'Ana', username: 'ana' });
    first.double.sendText(ana, first.double.privateChat(ana), '/start');
    const forum = first.double.createGroup({ title: 'Forum Warkop', type: 'supergroup' });
    first.double.addBotToGroup(forum, ana);
    first.double.setForum(forum);
    const topic = first.double.createTopic(forum, 'Umum');
    const card = await first.tg.sendMessage(ana.id, 'Kartu', Markup.inlineKeyboard([Markup.button.callback('Dukung', 'sup')]));
    await first.tg.sendMessage(forum.id, 'Di topik', { message_thread_id: topic.message_thread_id });
    await first.tg.sendDocument(ana.id, { source: Buffer.from('data'), filename: 'x.csv' });
    const updates = await first.tg.getUpdates(0, 100, 0, undefined);
    const lastUpdateId = updates.at(-1)!.update_id;
    await first.tg.getUpdates(0, 100, lastUpdateId + 1, undefined);

    const snap = JSON.parse(JSON.stringify(first.double.snapshot())) as ReturnType<BotApiDouble['snapshot']>;
    const second = await start({ restore: snap });

    expect(second.double.users()).toEqual([{ id: ana.id, is_bot: false, first_name: 'Ana', username: 'ana' }]);
    expect(second.double.hasStarted(ana)).toBe(true);
    expect(second.double.chats().find((c) => c.id === forum.id)).toMatchObject({ title: 'Forum Warkop', type: 'supergroup', is_forum: true });
    expect(second.double.topics(forum.id)).toEqual([{ message_thread_id: topic.message_thread_id, name: 'Umum', closed: false }]);
    // the bot can still edit and press what it sent before the restart
    await second.tg.editMessageText(ana.id, card.message_id, undefined, 'Kartu (diubah)');
    expect(second.double.message(ana.id, card.message_id)?.text).toBe('Kartu (diubah)');
    expect(second.double.botMessages(forum.id, topic.message_thread_id).map((m) => m.text)).toEqual(['Di topik']);
    expect(second.double.lastBotMessage(ana.id)?.document).toMatchObject({ file_name: 'x.csv', file_size: 4 });
    // ids continue: no update id or message id is handed out twice
    const next = second.double.sendText(ana, second.double.privateChat(ana), 'lagi');
    expect(next.update_id).toBe(lastUpdateId + 1);
    expect((next.message as { message_id: number }).message_id).toBe(4);
    const budi = second.double.createUser({ first_name: 'Budi' });
    expect(budi.id).toBe(ana.id + 1);
    const group = second.double.createGroup({ title: 'Kedua', type: 'supergroup' });
    expect(group.id).toBe(forum.id - 1);
  });

  it('keeps only the most recent messages of a chat', async () => {
    const { double, tg } = await start();
    const ana = double.createUser({ first_name: 'Ana' });
    double.sendText(ana, double.privateChat(ana), '/start');
    for (let i = 1; i <= 5; i++) await tg.sendMessage(ana.id, `pesan ${i}`);
    const snap = double.snapshot({ maxMessagesPerChat: 2 });
    expect(snap.chats[0]!.messages.map((m) => m.text)).toEqual(['pesan 4', 'pesan 5']);
    expect(snap.chats[0]!.nextMessageId).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats } from '../../../src/db/schema/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness } from '../../helpers/harness.js';
import { injectFault } from '../../helpers/faults.js';

describe.each(engines)('groups, topics, errors and ordering (%s)', (engine) => {
  const h = useHarness(engine);

  it('records a group when the bot is added, and marks it inactive when removed', async () => {
    const ana = h.user('Ana');
    const group = h.api.createGroup({ title: 'Warkop Indah Luwu Utara', type: 'supergroup' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    const [row] = await h.db.select().from(chats).where(eq(chats.id, group.id));
    expect(row).toMatchObject({ title: 'Warkop Indah Luwu Utara', type: 'supergroup', active: true });
    expect(h.api.lastBotMessage(group.id)?.text).toContain('Terima kasih telah menambahkan bot Warkop Indah');

    h.api.removeBotFromGroup(group, ana.user);
    await h.settle();
    const [after] = await h.db.select().from(chats).where(eq(chats.id, group.id));
    expect(after?.active).toBe(false);
  });

  it('answers inside the forum topic the command came from', async () => {
    const ana = h.user('Ana');
    const forum = h.api.createGroup({ title: 'Forum Inovasi', type: 'supergroup', isForum: true });
    h.api.addBotToGroup(forum, ana.user);
    const topic = h.api.createTopic(forum, 'Tanya jawab');
    await h.settle();
    const replies = await ana.send('/bantuan', { chat: forum, threadId: topic.message_thread_id });
    expect(replies).toHaveLength(1);
    expect(replies[0]?.message_thread_id).toBe(topic.message_thread_id);
    expect(replies[0]?.text).toContain('Perintah Warkop Indah');
  });

  it('ignores commands addressed to another bot, in groups and in private', async () => {
    const ana = h.user('Ana');
    const group = h.api.createGroup({ title: 'Grup', type: 'group' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    expect(await ana.send('/bantuan@SomeOtherBot', { chat: group })).toHaveLength(0);
    expect(await ana.send(`/bantuan@${h.api.bot.username}`, { chat: group })).toHaveLength(1);
    expect(await ana.send('/bantuan@SomeOtherBot')).toHaveLength(0);
  });

  it('says nothing to plain chatter in groups but hints in private', async () => {
    const ana = h.user('Ana');
    const group = h.api.createGroup({ title: 'Grup', type: 'group' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    expect(await ana.send('selamat pagi semua', { chat: group })).toHaveLength(0);
    expect((await ana.ask('selamat pagi')).text).toContain('/bantuan');
  });

  it('keeps running after a handler fails, logs it with the update id and apologises', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    // Telegram refusing the reply for good (a 400) makes the /bantuan handler throw. (A passing 5xx
    // instead runs the update again later: test/faults/rerun.test.ts.)
    injectFault(h.api, { method: 'sendMessage', times: 1, fault: { kind: '5xx', status: 400 } });
    const replies = await ana.send('/bantuan');
    expect(replies.at(-1)?.text).toContain('Maaf, terjadi kendala');
    const failure = h.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'update handler failed');
    expect(failure?.update_id).toEqual(expect.any(Number));
    expect((await ana.ask('/bantuan')).text).toContain('Perintah Warkop Indah');
  });

  it('answers every button press, even unknown or forged ones', async () => {
    const ana = h.user('Ana');
    const start = await ana.ask('/start');
    const answer = await ana.pressData(start, 'zz:forged:1');
    expect(answer).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    expect(h.api.unansweredCallbackQueries()).toEqual([]);
  });

  it('handles different chats side by side and one chat in order', async () => {
    const slow = h.user('Lambat');
    const fast = h.user('Cepat');
    await slow.send('/start');
    await fast.send('/start');
    // Telegram refuses the slow chat's answers (the sender keeps retrying) until the test lets them
    // through: "still pending" is a state held on purpose, not a delay a busy machine could outlast.
    const unblock = injectFault(h.api, { method: 'sendMessage', chatId: slow.id, fault: { kind: '5xx', status: 502 } });
    const slowBefore = h.api.botMessages(slow.id).length;
    h.api.sendText(slow.user, slow.privateChat, '/bantuan');
    h.api.sendText(slow.user, slow.privateChat, '/profil');
    await h.api.waitFor(() => h.api.calls.some((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === slow.id && c.status === 502), {
      timeoutMs: 120_000,
      description: "the slow chat's answer in flight",
    });
    h.api.sendText(fast.user, fast.privateChat, '/bantuan');
    // The fast user's answer is not held up by the slow chat: it arrives while the slow one is still pending.
    await h.api.waitForBotMessage(fast.id, { match: 'Perintah Warkop Indah', timeoutMs: 120_000 });
    expect(h.api.botMessages(slow.id).length).toBe(slowBefore);
    unblock();
    await h.settle();
    // ...and the slow chat's two answers came in the order they were asked.
    const slowTexts = h.api.botMessages(slow.id).slice(-2).map((m) => m.text ?? '');
    expect(slowTexts[0]).toContain('Perintah Warkop Indah');
    expect(slowTexts[1]).toContain('hanya untuk anggota terdaftar');
  });

  it('never writes the bot token to a log line', async () => {
    const ana = h.user('Ana');
    injectFault(h.api, { method: 'sendMessage', times: 2, fault: { kind: 'network' } });
    await ana.send('/start');
    expect(h.logs.lines.length).toBeGreaterThan(0);
    expect(h.logs.text).not.toContain(h.api.token);
    expect(h.logs.text).not.toContain(h.api.token.split(':')[1]!);
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ideaComments, ideaForum, ideas, outbox } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { memberOf } from '../../../helpers/ideas.js';
import { injectFault } from '../../../helpers/faults.js';

const ADMIN_ID = 900_001;

describe.each(engines)('ideas forum (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  async function setup(opts: { botStatus?: 'member' | 'administrator' } = {}) {
    const rina = h.user('Rina', { id: ADMIN_ID });
    const ana = h.user('Ana');
    await rina.register('Rina Koordinator', 'Bagian Organisasi');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    const forum = h.api.createGroup({ title: 'Forum Ide Warkop Indah', type: 'supergroup', isForum: true });
    h.api.addBotToGroup(forum, rina.user, opts.botStatus ? { status: opts.botStatus } : undefined);
    const general = h.api.createTopic(forum, 'Umum');
    await h.settle();
    return { rina, ana, forum, general };
  }

  it('marks a forum group, opens a topic per new idea with its card, stores topic messages as comments and announces stage moves', async () => {
    const { rina, ana, forum, general } = await setup();
    const set = await rina.ask('/forum_ide', { chat: forum, threadId: general.message_thread_id });
    expect(set.text).toContain('Grup ini sekarang menjadi forum ide');
    expect((await h.db.select().from(ideaForum))[0]?.chatId).toBe(forum.id);

    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const [idea] = await h.db.select().from(ideas);
    expect(idea?.topicChatId).toBe(forum.id);
    const threadId = idea!.topicThreadId!;
    expect(h.api.topic(forum.id, threadId)?.name).toBe('#1 Getar Dilan');
    const opening = h.api.botMessages(forum.id, threadId)[0];
    expect(opening?.text).toContain('💡 #1 Getar Dilan');
    expect(opening?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('👍 Dukung');

    // A registered member writes in the topic: stored as the idea's comment, silently.
    const budi = h.user('Budi');
    await budi.register('Budi Santoso', 'Dinkes');
    const before = h.api.botMessages(forum.id).length;
    await budi.send('Bagus! Di Sabbang bisa pakai polybag.', { chat: forum, threadId });
    expect(h.api.botMessages(forum.id)).toHaveLength(before);
    const [comment] = await h.db.select().from(ideaComments);
    expect(comment).toMatchObject({ ideaId: 1, text: 'Bagus! Di Sabbang bisa pakai polybag.' });
    expect(comment?.telegramMessageId).toBeTypeOf('number');
    // Stamped by the bot's clock (tests run it days ahead of the wall clock).
    expect(Math.abs(comment!.createdAt.getTime() - h.clock.now().getTime())).toBeLessThan(5000);
    const list = await ana.ask('/ide 1 komentar');
    expect(list.text).toContain('Budi');
    expect(list.text).toContain('Bagus! Di Sabbang bisa pakai polybag.');
    // Messages in other topics are not comments.
    await budi.send('Selamat pagi semua', { chat: forum, threadId: general.message_thread_id });
    expect(await h.db.select().from(ideaComments)).toHaveLength(1);

    await rina.send('/tahap 1 dibahas Dibahas pada sesi Kamis');
    const announcement = h.api.lastBotMessage(forum.id, threadId);
    expect(announcement?.text).toBe('📍 Tahap berubah: Usulan → Dibahas (oleh Rina Koordinator).\nCatatan: “Dibahas pada sesi Kamis”');
  });

  it('gives older ideas a topic with /forum_ide N and says so when it already has one', async () => {
    const { rina, ana, forum } = await setup();
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect((await rina.ask('/forum_ide 1')).text).toContain('Forum ide belum ditetapkan');
    await rina.send('/forum_ide', { chat: forum });
    const made = await rina.ask('/forum_ide 1');
    expect(made.text).toBe('✅ Topik untuk #1 Getar Dilan dibuat di forum ide.');
    const [idea] = await h.db.select().from(ideas);
    expect(h.api.topic(forum.id, idea!.topicThreadId!)?.name).toBe('#1 Getar Dilan');
    expect((await rina.ask('/forum_ide 1')).text).toContain('sudah memiliki topik');
    expect((await rina.ask('/forum_ide 9')).text).toContain('Ide #9 tidak ditemukan');
    expect((await ana.ask('/forum_ide 1')).text).toContain('hanya untuk koordinator');
  });

  it('refuses a group that is not a forum and warns when the bot may not manage topics', async () => {
    const { rina, forum } = await setup({ botStatus: 'member' });
    const plain = h.api.createGroup({ title: 'Grup Biasa', type: 'supergroup' });
    h.api.addBotToGroup(plain, rina.user);
    await h.settle();
    expect((await rina.ask('/forum_ide', { chat: plain })).text).toContain('Grup ini bukan forum');
    expect(await h.db.select().from(ideaForum)).toEqual([]);
    const replies = await rina.send('/forum_ide', { chat: forum });
    expect(replies.map((r) => r.text).join('\n')).toContain('Jadikan bot admin grup ini dengan izin Kelola topik');
    expect((await rina.ask('/forum_ide')).text).toContain('Kirim /forum_ide di grup forum');
    expect((await rina.ask('/forum_ide lepas')).text).toContain('Forum ide dilepas');
    expect(await h.db.select().from(ideaForum)).toEqual([]);
  });

  it('tells the coordinator why a topic could not be created, and keeps the idea', async () => {
    const { rina, ana, forum } = await setup();
    await rina.send('/forum_ide', { chat: forum });
    injectFault(h.api, { method: 'createForumTopic', fault: { kind: '403', description: 'Forbidden: not enough rights to create a topic' } });
    const [card] = await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect(card?.text).toContain('💡 #1 Getar Dilan');
    const told = h.api.lastBotMessage(rina.id);
    expect(told?.text).toContain('Topik untuk ide #1 Getar Dilan tidak dapat dibuat di forum ide: bot tidak memiliki izin mengelola topik');
    expect(told?.text).toContain('/forum_ide 1');
    const [idea] = await h.db.select().from(ideas);
    expect(idea?.topicThreadId).toBeNull();
    const [row] = await h.db.select().from(outbox).where(eq(outbox.kind, 'idea.topic'));
    expect(row?.status).toBe('failed');
    expect(row?.outcome).toContain('rights');
    // Once fixed, /forum_ide N opens it.
    injectFault(h.api, { method: 'createForumTopic', times: 1, fault: { kind: '403', description: 'Forbidden: not enough rights to create a topic' } });
    expect((await rina.ask('/forum_ide 1')).text).toContain('bot tidak memiliki izin mengelola topik');
  });

  it('explains a forum whose topics were turned off', async () => {
    const { rina, ana } = await setup();
    // The marked group no longer is a forum (Topics switched off): Telegram answers 400.
    const plain = h.api.createGroup({ title: 'Dulu Forum', type: 'supergroup' });
    h.api.addBotToGroup(plain, rina.user);
    await h.settle();
    await h.db.insert(ideaForum).values({ chatId: plain.id, setBy: (await memberOf(h, rina)).id, setAt: h.clock.now() });
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect(h.api.lastBotMessage(rina.id)?.text).toContain('grup tersebut bukan forum (Topik tidak aktif)');
    expect((await h.db.select().from(ideas))[0]?.topicThreadId).toBeNull();
  });
});

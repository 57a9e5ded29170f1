import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members } from '../../../src/db/schema/index.js';
import type { StoredMessage } from '../../../src/dev/telegram-double/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness, type TestUser } from '../../helpers/harness.js';

const ADMIN_ID = 900_002;

/**
 * The member behind each update is read with the journal insert of its batch when it can be trusted
 * (src/telegram/intake/member-prefetch.ts). Whatever the bot fetched together, and whatever changed
 * the member in between — the member's own previous update, a coordinator, a write straight to the
 * database — each update sees the member as it is. The age limit on those rows is lifted, so that
 * the rows are used wherever the rules allow, however slowly this machine runs the updates.
 */
describe.each(engines)('the member behind each update (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID], prefetchMaxAgeMs: Number.POSITIVE_INFINITY });

  function dataOf(message: StoredMessage | undefined, label: string): string {
    const data = message?.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
    if (!data) throw new Error(`no button ${label}`);
    return data;
  }

  /** Both reach the bot in one getUpdates batch: nothing is awaited between them. */
  async function pressThenSend(user: TestUser, message: StoredMessage, label: string, text: string): Promise<StoredMessage[]> {
    const before = h.api.botMessages(user.id).length;
    h.api.pressButton(user.user, message, dataOf(message, label));
    h.api.sendText(user.user, user.privateChat, text);
    await h.settle();
    return h.api.botMessages(user.id).slice(before);
  }

  it('sees a registration finished by the update just before, in the same batch', async () => {
    const ana = h.user('Ana');
    await ana.send('/start');
    await ana.send('/daftar');
    await ana.send('Ana Lestari');
    const [matches] = await ana.send('kesehatan');
    const replies = await pressThenSend(ana, matches!, 'Dinkes', '/profil');
    const profile = replies.at(-1);
    expect(profile?.text).toContain('Nama: Ana Lestari');
    expect(profile?.text).not.toContain('hanya untuk anggota terdaftar');
  });

  it('answers in the language chosen by the update just before, in the same batch', async () => {
    const budi = h.user('Budi');
    const prompt = await budi.ask('/bahasa');
    const replies = await pressThenSend(budi, prompt, 'English', '/help');
    expect(h.api.message(budi.id, prompt.message_id)?.text).toBe('Language changed to English.');
    expect(replies.at(-1)?.text).toContain('Warkop Indah commands');
  });

  it('sees two of the same person’s messages in one batch in order, the second after the first’s change', async () => {
    const citra = h.user('Citra');
    await citra.send('/start');
    const before = h.api.botMessages(citra.id).length;
    h.api.sendText(citra.user, citra.privateChat, '/daftar');
    h.api.sendText(citra.user, citra.privateChat, 'Citra Dewi');
    await h.settle();
    const replies = h.api.botMessages(citra.id).slice(before);
    expect(replies.at(-1)?.text).toMatch(/Pilih perangkat daerah/);
  });

  it('sees a role given by a coordinator on the member’s next update', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const rina = h.user('Rina', { username: 'rina_prefetch' });
    await admin.send('/start');
    expect((await rina.ask('/instansi tambah Badan Riset | Brida')).text).toContain('hanya untuk koordinator');
    await admin.send('/peran @rina_prefetch koordinator');
    expect((await rina.ask('/instansi tambah Badan Riset dan Inovasi Daerah | Brida')).text).toContain('ditambahkan');
  });

  it('sees a role and a language changed straight in the database on the next update', async () => {
    const dewi = h.user('Dewi');
    expect((await dewi.ask('/instansi tambah Badan Riset | Brida')).text).toContain('hanya untuk koordinator');
    await h.db.update(members).set({ role: 'coordinator', language: 'en' }).where(eq(members.telegramId, dewi.id));
    const reply = await dewi.ask('/help');
    expect(reply.text).toContain('Warkop Indah commands');
    await h.db.update(members).set({ role: 'member', language: 'id' }).where(eq(members.telegramId, dewi.id));
    expect((await dewi.ask('/instansi tambah Badan Riset | Brida')).text).toContain('hanya untuk koordinator');
  });
});

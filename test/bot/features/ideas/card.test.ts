import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ideaComments, ideas, ideaSupports } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';

const ADMIN_ID = 900_001;

describe.each(engines)('idea card, similar ideas, support, comments (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  async function team() {
    const ana = h.user('Ana', { username: 'ana' });
    const budi = h.user('Budi', { username: 'budi' });
    const citra = h.user('Citra', { username: 'citra' });
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    await budi.register('Budi Santoso', 'Dinkes');
    await citra.register('Citra Dewi', 'Disdukcapil');
    return { ana, budi, citra };
  }

  it('warns about similar ideas by name and by text, and lets the member decide', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — gerakan menanam sayur di lahan pekarangan rumah warga');

    const warning = await budi.ask('/usul Getar Dilan Baru — tanam cabai di polybag');
    expect(warning.text).toContain('⚠️ Mirip dengan #1 Getar Dilan (Usulan) — tetap kirim?');
    expect(warning.text).toContain('Lihat ide tersebut dengan /ide 1.');
    expect(warning.text).not.toContain('/ide N');
    expect(await h.db.select().from(ideas)).toHaveLength(1);
    const sent = await budi.press('✅ Tetap kirim', warning);
    expect(sent.message?.text).toContain('tersimpan sebagai #2');
    expect(sent.replies.at(-1)?.text).toContain('💡 #2 Getar Dilan Baru');

    // Different name, same substance: found by the Indonesian full text (menanam → tanam, pekarangan).
    const byText = await budi.ask('/usul Kebun Rumah — menanam sayur di pekarangan agar warga punya sayur segar');
    expect(byText.text).toContain('Mirip dengan #1 Getar Dilan');
    const cancelled = await budi.press('❌ Batal', byText);
    expect(cancelled.message?.text).toContain('dibatalkan');
    expect(await h.db.select().from(ideas)).toHaveLength(2);

    // Nothing alike: saved at once.
    const card = await budi.ask('/usul Rompi KPK — pegawai belum memahami gratifikasi; kelas pencegahan korupsi bulanan');
    expect(card.text).toContain('💡 #3 Rompi KPK');
  });

  it('shows the similar-idea warning in the guided preview as “Tetap kirim”', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — gerakan menanam sayur di pekarangan');
    await budi.send('/usul Getar Dilan');
    await budi.send('-');
    await budi.send('Sayur mahal');
    await budi.send('Tanam sayur di pekarangan');
    const beneficiaries = await budi.ask('Warga desa');
    const form = (await budi.press('Tata kelola', beneficiaries)).replies.at(-1)!;
    const agency = (await budi.press('Digital', form)).replies.at(-1)!;
    const preview = (await budi.press('✅ Dinkes', agency)).replies.at(-1)!;
    expect(preview.text).toContain('Kepanjangan: —');
    expect(preview.text).toContain('⚠️ Mirip dengan #1 Getar Dilan (Usulan) — tetap kirim?');
    const done = await budi.press('✅ Tetap kirim', preview);
    expect(done.replies.at(-1)?.text).toContain('💡 #2 Getar Dilan');
  });

  it('counts support by two members on a shared group card in place; withdrawing is deliberate', async () => {
    const { ana, budi, citra } = await team();
    const group = h.api.createGroup({ title: 'Warkop', type: 'supergroup' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    const card = await ana.ask('/usul Getar Dilan — tanam sayur di pekarangan', { chat: group });
    expect(card.text).toContain('👍 0 pendukung · 💬 0 komentar');

    const first = await budi.press('👍 Dukung', card);
    expect(first.answer).toBe('Terima kasih, dukungan Anda tercatat 👍');
    expect(first.message?.text).toContain('👍 1 pendukung');
    expect(first.message?.message_id).toBe(card.message_id);
    const second = await citra.press('👍 Dukung', card);
    expect(second.message?.text).toContain('👍 2 pendukung');
    // Pressing 👍 again on a shared card does not withdraw: it says where that is done.
    const again = await budi.press('👍 Dukung', card);
    expect(again.answer).toBe('Anda sudah mendukung ide #1. Untuk menarik dukungan, buka /ide 1 di percakapan pribadi dengan bot.');
    expect(h.api.message(group.id, card.message_id)?.text).toContain('👍 2 pendukung');
    const own = await ana.press('👍 Dukung', card);
    expect(own.answer).toBe('Anda tidak dapat mendukung ide Anda sendiri.');

    // In private the card shows Budi's own state, and withdrawing takes a confirmation.
    const mine = await budi.ask('/ide 1');
    expect(mine.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['✅ Anda mendukung', '💬 Komentar']);
    const ask = (await budi.press('✅ Anda mendukung', mine)).replies[0]!;
    expect(ask.text).toBe('Anda sudah mendukung #1 Getar Dilan. Tarik dukungan Anda?');
    expect((await budi.press('Tidak, tetap mendukung', ask)).message?.text).toBe('Dukungan Anda untuk ide #1 tetap tercatat 👍');
    expect(await h.db.select().from(ideaSupports)).toHaveLength(2);
    const ask2 = (await budi.press('✅ Anda mendukung', mine)).replies[0]!;
    expect((await budi.press('Ya, tarik dukungan', ask2)).message?.text).toBe('Dukungan Anda untuk ide #1 sudah ditarik. Pendukung sekarang: 1.');
    expect((await citra.ask('/ide 1')).reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('✅ Anda mendukung');
    expect((await budi.ask('/ide 1')).reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('👍 Dukung');

    const [row] = await h.db.select().from(ideas);
    expect(row?.supportCount).toBe(1);
    expect(await h.db.select().from(ideaSupports)).toHaveLength(1);
    expect(h.api.unansweredCallbackQueries()).toEqual([]);
  });

  it('changes nothing on forged support and stage presses by people without rights', async () => {
    const { ana, budi } = await team();
    const card = await ana.ask('/usul Getar Dilan — tanam sayur di pekarangan');
    const dodi = h.user('Dodi');
    await dodi.send('/start');
    const dodiMsg = (await dodi.send('/ide 1'))[0]!;
    expect(await dodi.pressData(dodiMsg, 'idea:sup:1')).toContain('hanya untuk anggota terdaftar');
    const budiCard = await budi.ask('/ide 1');
    // Budi is not the owner: the ➡️ button is not shown to him, and forging it does nothing.
    expect(budiCard.reply_markup?.inline_keyboard.flat().map((b) => b.text)).not.toContain('➡️ Dibahas');
    // Data that is not on the pressed message's keyboard is refused before any feature sees it.
    for (const data of ['idea:next:1:0:1', 'idea:mv:1:0:4', 'idea:arc:1:0', 'idea:sup:999', 'idea:del:1:y']) {
      expect(await budi.pressData(budiCard, data)).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    }
    expect(await ana.pressData(card, 'idea:mv:1:0:4')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    const [row] = await h.db.select().from(ideas);
    expect(row).toMatchObject({ stage: 'pitched', supportCount: 0, deletedAt: null });
    expect(h.api.unansweredCallbackQueries()).toEqual([]);
  });

  it('adds and lists comments by command, by the 💬 button and by dialog', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect((await budi.ask('/komentar 1 Bagus, bisa <b>direplikasi</b> di Sabbang')).text).toBe('💬 Komentar Anda pada #1 tersimpan (1 komentar).');
    const card = await budi.ask('/ide 1');
    const pressed = await budi.press('💬 Komentar', card);
    expect(pressed.replies[0]?.text).toContain('💬 Komentar untuk #1 Getar Dilan (1)');
    expect(pressed.replies[0]?.text).toContain('Bagus, bisa <b>direplikasi</b> di Sabbang');
    expect(pressed.replies.at(-1)?.text).toContain('Tulis komentar Anda untuk #1 Getar Dilan');
    expect((await budi.ask('Sudah dicoba di Masamba')).text).toContain('(2 komentar)');
    const list = await ana.ask('/ide 1 komentar');
    expect(list.text).toMatch(/Budi Santoso · .*\nBagus, bisa <b>direplikasi<\/b> di Sabbang/);
    expect(list.text).toContain('Sudah dicoba di Masamba');
    expect((await ana.ask('/ide 1')).text).toContain('💬 2 komentar');
    expect(await h.db.select().from(ideaComments)).toHaveLength(2);

    expect((await budi.ask('/komentar')).text).toContain('Cara pakai: /komentar 12');
    expect((await budi.ask('/komentar abc teks')).text).toContain('“abc” bukan nomor ide');
    expect((await budi.ask('/komentar 99 teks')).text).toContain('Ide #99 tidak ditemukan');
    expect((await budi.ask(`/komentar 1 ${'z'.repeat(2001)}`)).text).toContain('Komentar terlalu panjang');
  });

  it('answers bad /ide input, deletes an idea and refuses buttons of a deleted idea', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const card = await budi.ask('/ide 1');
    expect((await ana.ask('/ide 999')).text).toContain('Ide #999 tidak ditemukan');
    expect((await ana.ask('/ide #x')).text).toContain('“#x” bukan nomor ide');
    expect((await ana.ask('/ide 1 terbang')).text).toContain('Perintah tidak dikenali');
    expect((await ana.ask('/ide zzzqqq')).text).toContain('Filter “zzzqqq” tidak dikenali');
    expect((await budi.ask('/ide 1 hapus')).text).toContain('Hanya koordinator');
    const confirm = await ana.ask('/ide 1 hapus');
    expect(confirm.text).toContain('Hapus ide #1 Getar Dilan?');
    const deleted = await ana.press('🗑 Ya, hapus', confirm);
    expect(deleted.message?.text).toBe('🗑 Ide #1 dihapus.\nTerhapus tidak sengaja? Pengusul atau koordinator dapat memulihkannya dengan tombol di bawah.');
    expect((await ana.ask('/ide 1')).text).toContain('Ide #1 tidak ditemukan');
    expect(await budi.pressData(card, 'idea:sup:1')).toContain('sudah tidak ada');
    const [row] = await h.db.select().from(ideas).where(eq(ideas.id, 1));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect((await ana.ask('/ide')).text).toContain('Belum ada ide');

    // Undo: only the owner (or a coordinator) restores it, and only once.
    const restored = await ana.press('↩️ Pulihkan ide', deleted.message!);
    expect(restored.message?.text).toBe('↩️ Ide #1 Getar Dilan dipulihkan. Lihat dengan /ide 1.');
    expect((await ana.ask('/ide 1')).text).toContain('Getar Dilan');
    // The restored message has no undo button left: a second press is refused by the press guard.
    expect(await ana.pressData(deleted.message!, 'idea:undel:1')).toContain('sudah tidak berlaku');
  });

  it('refuses to restore a deleted idea for someone else', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const confirm = await ana.ask('/ide 1 hapus');
    await ana.press('🗑 Ya, hapus', confirm);
    // Budi forges the press on a message in his own chat.
    const his = await budi.ask('/ide');
    expect(await budi.pressData(his, 'idea:undel:1')).toContain('sudah tidak berlaku');
    const [row] = await h.db.select().from(ideas).where(eq(ideas.id, 1));
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });

  it('lets the owner complete details with /ubah, and no one else', async () => {
    const { ana, budi } = await team();
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect((await budi.ask('/ubah 1')).text).toContain('Hanya pengusul ide dan koordinator');
    const menu = await ana.ask('/ubah 1');
    expect(menu.text).toContain('Bagian mana dari #1 Getar Dilan');
    const labels = menu.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toContain('Masalah');
    expect(labels).not.toContain('Mulai penerapan');
    const ask = (await ana.press('Masalah', menu)).replies.at(-1)!;
    expect(ask.text).toContain('Masalah apa yang ingin diselesaikan');
    const saved = await ana.send('Sayur segar mahal di musim hujan');
    expect(saved[0]?.text).toBe('✅ Masalah diperbarui.');
    await ana.press('Solusi', menu);
    const done = await ana.send('Bibit gratis dan pendampingan');
    expect(done.at(-1)?.text).toContain('Masalah: Sayur segar mahal di musim hujan');
    expect(done.at(-1)?.text).not.toContain('Detail belum lengkap');
    await ana.press('Bentuk', menu);
    const formAsk = h.api.lastBotMessage(ana.id)!;
    const formDone = await ana.press('Tata kelola', formAsk);
    expect(formDone.replies[0]?.text).toBe('✅ Bentuk diperbarui.');
    // Forged: Budi tries to open the edit dialog.
    expect(await budi.pressData((await budi.send('/ide 1'))[0]!, 'ied:1:name')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');

    const group = h.api.createGroup({ title: 'Warkop', type: 'supergroup' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    expect((await ana.ask('/ubah 1', { chat: group })).html).toContain(`?start=ubah_1`);
    const [row] = await h.db.select().from(ideas);
    expect(row).toMatchObject({ problem: 'Sayur segar mahal di musim hujan', solution: 'Bibit gratis dan pendampingan', form: 'governance', name: 'Getar Dilan' });
  });

  it('keeps even the longest card in one message, so it can be edited in place', async () => {
    const { ana, budi } = await team();
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    const long = (c: string) => `${c} & <x> `.repeat(400).slice(0, 2000);
    await ana.send(`/usul ${'N'.repeat(120)} — ${long('ringkasan')}`);
    await h.db.update(ideas).set({ expansion: 'E'.repeat(200), problem: long('masalah'), solution: long('solusi'), beneficiaries: long('manfaat') });
    for (let i = 0; i < 6; i++) await admin.send(`/penghargaan 1 nasional ${'TOP 45 KIPP & '.repeat(21).slice(0, 290)} ${2020 + i}`);
    await admin.send(`/tahap 1 dibahas ${'catatan & '.repeat(50).slice(0, 500)}`);
    await admin.send(`/tahap 1 inisiatif ${'catatan & '.repeat(50).slice(0, 500)}`);
    await admin.send(`/tahap 1 uji coba ${'catatan & '.repeat(50).slice(0, 500)}`);
    const card = await budi.ask('/ide 1');
    expect(card.text!.length).toBeLessThanOrEqual(4096);
    expect(card.text).toContain('Sebagian teks dipotong');
    expect(card.text).toContain('/ide 1 lengkap');
    const pressed = await budi.press('👍 Dukung', card);
    expect(pressed.message?.text).toContain('👍 1 pendukung');
    expect(pressed.replies).toEqual([]);
    const full = await budi.send('/ide 1 lengkap');
    expect(full.map((m) => m.text).join('')).toContain(long('manfaat').trim().slice(-40));
  });

  it('lets coordinators set the competition dates with /ubah', async () => {
    const { ana } = await team();
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const ownerMenu = await ana.ask('/ubah 1');
    expect(await ana.pressData(ownerMenu, 'ied:1:implementedOn')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
    const menu = await admin.ask('/ubah 1');
    await admin.press('Mulai penerapan', menu);
    expect((await admin.ask('kemarin')).text).toContain('Tanggal tidak dikenali');
    const saved = await admin.send('3-12-2026');
    expect(saved[0]?.text).toBe('✅ Mulai penerapan diperbarui.');
    expect(saved.at(-1)?.text).toContain('🗓 Mulai penerapan: 3 Des 2026');
    await admin.press('Mulai penerapan', menu);
    const cleared = await admin.press('🧹 Kosongkan', h.api.lastBotMessage(admin.id)!);
    expect(cleared.replies[0]?.text).toBe('✅ Mulai penerapan dikosongkan.');
    expect((await h.db.select().from(ideas))[0]?.implementedOn).toBeNull();
  });

  it('speaks English to members who chose it', async () => {
    const { ana, budi } = await team();
    await budi.send('/bahasa');
    await budi.press('English');
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    const card = await budi.ask('/ideas 1');
    expect(card.text).toContain('📍 [Pitched] ▸ Discussed ▸ Initiative ▸ Trial ▸ Implemented');
    expect(card.text).toContain('👍 0 supporters · 💬 0 comments');
    // Budi is neither the owner nor a co-author: no 📝 for him.
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['👍 Support', '💬 Comment']);
    expect((await budi.ask('/stage 1 discussed')).text).toBe('Only the owner of the idea and coordinators can move this idea.');
    expect((await budi.ask('/ideas')).text).toContain('Innovation ideas — 1 idea · page 1');
    expect((await budi.ask('/search sayur')).text).toContain('Results for “sayur”');
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, ideas, ideaStageEvents } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';

describe.each(engines)('guided and one-line pitch (%s)', (engine) => {
  const h = useHarness(engine);

  it('walks through the guided pitch with skips, an edit from the preview and a restart in the middle', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    const replies = await ana.send('/usul');
    expect(replies[0]?.text).toContain('langkah demi langkah');
    expect(replies[1]?.text).toContain('Langkah 1/8');
    expect(replies[1]?.text).toContain('nama inovasi');

    const tooShort = await ana.ask('Ab');
    expect(tooShort.text).toContain('Nama inovasi harus 3–120 karakter (yang Anda tulis 2 karakter)');
    const expansion = await ana.ask('Getar Dilan');
    expect(expansion.text).toContain('Langkah 2/8 (boleh dilewati)');
    expect(expansion.text).toContain('kepanjangannya');

    const problem = await ana.ask('Gerakan Tanam Sayur di Lahan Pekarangan');
    expect(problem.text).toContain('Langkah 3/8');
    const tooLong = await ana.ask('x'.repeat(2001));
    expect(tooLong.text).toContain('Masalah terlalu panjang: 2001 karakter, maksimal 2000');

    await h.restart();

    const solution = await ana.ask('Keluarga sulit mendapat sayur segar dan harganya naik setiap musim hujan.');
    expect(solution.text).toContain('Langkah 4/8');
    const beneficiaries = await ana.ask('Menanam sayur di pekarangan rumah dengan bibit dari dinas.');
    expect(beneficiaries.text).toContain('Langkah 5/8 (boleh dilewati)');
    const form = (await ana.press('Lewati ⏭', beneficiaries)).replies.at(-1)!;
    expect(form.text).toContain('bentuk inovasi');
    const digital = (await ana.press('Pelayanan publik', form)).replies.at(-1)!;
    expect(digital.text).toContain('digital');
    const agency = (await ana.press('Non-digital', digital)).replies.at(-1)!;
    expect(agency.text).toContain('Dinas Ketahanan Pangan');
    const preview = (await ana.press('✅ DKP', agency)).replies.at(-1)!;
    expect(preview.text).toContain('Pratinjau usulan Anda');
    expect(preview.text).toContain('Nama: Getar Dilan');
    expect(preview.text).toContain('Penerima manfaat: —');
    expect(preview.text).toContain('Bentuk: Pelayanan publik');
    expect(preview.text).toContain('Jenis: Non-digital');
    expect(preview.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(
      expect.arrayContaining(['✅ Kirim', '✏️ Ubah nama', '✏️ Ubah penerima manfaat', '❌ Batal']),
    );

    // Ubah <field> from the preview comes back to the preview.
    const ask = (await ana.press('✏️ Ubah penerima manfaat', preview)).replies.at(-1)!;
    expect(ask.text).toContain('penerima manfaat');
    const preview2 = await ana.ask('Keluarga di Kecamatan Masamba');
    expect(preview2.text).toContain('Penerima manfaat: Keluarga di Kecamatan Masamba');

    const sent = await ana.press('✅ Kirim', preview2);
    expect(sent.message?.text).toContain('Usulan Anda tersimpan sebagai #1');
    const card = sent.replies.at(-1)!;
    expect(card.text).toContain('💡 #1 Getar Dilan');
    expect(card.text).toContain('Gerakan Tanam Sayur di Lahan Pekarangan');
    expect(card.text).toContain('📍 [Usulan] ▸ Dibahas ▸ Inisiatif ▸ Uji coba ▸ Diterapkan');
    expect(card.text).toContain('Bentuk: Pelayanan publik · Non-digital');

    const [row] = await h.db.select().from(ideas);
    expect(row).toMatchObject({
      name: 'Getar Dilan',
      expansion: 'Gerakan Tanam Sayur di Lahan Pekarangan',
      beneficiaries: 'Keluarga di Kecamatan Masamba',
      form: 'public_service',
      digital: false,
      stage: 'pitched',
    });
    const events = await h.db.select().from(ideaStageEvents).where(eq(ideaStageEvents.ideaId, row!.id));
    expect(events).toMatchObject([{ fromStage: null, toStage: 'pitched' }]);
    expect(await h.db.select().from(conversations)).toEqual([]);

    // The preview's buttons are spent: pressing Kirim again saves nothing.
    expect(sent.message?.reply_markup).toBeUndefined();
    const again = await ana.pressData(preview2, 'ipf:send');
    expect(again).toContain('sudah tidak berlaku');
    expect(await h.db.select().from(ideas)).toHaveLength(1);
  });

  it('cancels a guided pitch with /batal and with the Batal button, saving nothing', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    await ana.send('/usul');
    await ana.send('Rompi KPK');
    const cancelled = await ana.ask('/batal');
    expect(cancelled.text).toContain('dibatalkan');
    const hint = await ana.ask('Kelas Pencegahan Korupsi');
    expect(hint.text).toContain('/bantuan');

    await ana.send('/usul Rompi KPK');
    await ana.send('Kelas Pencegahan Korupsi');
    await ana.send('Pegawai belum paham gratifikasi');
    const last = await ana.ask('Kelas singkat setiap bulan');
    const skipped = await ana.press('Lewati ⏭', last);
    const form = skipped.replies.at(-1)!;
    const dig = (await ana.press('Lewati ⏭', form)).replies.at(-1)!;
    const agency = (await ana.press('Lewati ⏭', dig)).replies.at(-1)!;
    const preview = (await ana.press(/Dinkes/, agency)).replies.at(-1)!;
    expect(preview.text).toContain('Kepanjangan: Kelas Pencegahan Korupsi');
    expect(preview.text).toContain('Bentuk: —');
    const pressed = await ana.press('❌ Batal', preview);
    expect(pressed.message?.text).toBe('Usulan dibatalkan. Tidak ada yang disimpan.');
    expect(await h.db.select().from(ideas)).toEqual([]);
  });

  it('asks to register first', async () => {
    const budi = h.user('Budi');
    const reply = await budi.ask('/usul Getar Dilan — sayur');
    expect(reply.text).toContain('hanya untuk anggota terdaftar');
    expect(await h.db.select().from(ideas)).toEqual([]);
  });

  it('takes a one-line pitch in a forum topic and answers with the card in that topic', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    const group = h.api.createGroup({ title: 'Forum Inovasi', type: 'supergroup', isForum: true });
    h.api.addBotToGroup(group, ana.user);
    const topic = h.api.createTopic(group, 'Usulan');
    await h.settle();
    const [card] = await ana.send('/usul ANC Hipnoterapi — ibu hamil cemas menjelang persalinan; kelas hipnoterapi di puskesmas', {
      chat: group,
      threadId: topic.message_thread_id,
    });
    expect(card?.message_thread_id).toBe(topic.message_thread_id);
    expect(card?.text).toContain('💡 #1 ANC Hipnoterapi');
    expect(card?.text).toContain('Ringkasan: ibu hamil cemas menjelang persalinan; kelas hipnoterapi di puskesmas');
    expect(card?.text).toContain('Detail belum lengkap');
    expect(card?.text).toContain('/ubah 1');
    // A group card is shared: no personal stage button and no 📝 (drafts are for owner, co-authors, coordinators).
    expect(card?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['👍 Dukung', '💬 Komentar']);
    expect(card?.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data)).not.toContain('draft:new:1');
    const [row] = await h.db.select().from(ideas);
    expect(row?.summary).toBe('ibu hamil cemas menjelang persalinan; kelas hipnoterapi di puskesmas');
  });

  it('explains bad one-line pitches', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    const group = h.api.createGroup({ title: 'Forum', type: 'supergroup' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    expect((await ana.ask('/usul', { chat: group })).text).toContain('/usul Nama Inovasi — masalah dan solusi singkat');
    expect((await ana.ask('/usul Getar Dilan', { chat: group })).text).toContain('setelah tanda pisah');
    expect((await ana.ask('/usul AB — teks', { chat: group })).text).toContain('3–120 karakter');
    expect((await ana.ask(`/usul Nama Panjang — ${'y'.repeat(2001)}`, { chat: group })).text).toContain('maksimal 2000');
    const html = await ana.ask('/usul <b>Tebal</b> & co — <i>miring</i>', { chat: group });
    expect(html.text).toContain('#1 <b>Tebal</b> & co');
    expect(html.html).toContain('&lt;b&gt;Tebal&lt;/b&gt; &amp; co');
    expect(await h.db.select().from(ideas)).toHaveLength(1);
  });
});

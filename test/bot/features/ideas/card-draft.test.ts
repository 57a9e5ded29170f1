import { describe, expect, it } from 'vitest';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';

/** The two features meet on the card: 📝 on an idea pitched through the bot yields a draft. */
describe.each(engines)('📝 on the idea card (%s)', (engine) => {
  const h = useHarness(engine);

  it('pitch, open the card, press 📝, receive the sections and the Word file', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'DKP');
    await ana.send('/usul Getar Dilan — warga menanam sayur di pekarangan untuk menekan stunting');
    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('Getar Dilan');
    const pressed = await ana.press('📝 Draf proposal', card);
    const files = pressed.replies.filter((m) => m.document);
    expect(files).toHaveLength(1);
    expect(files[0]?.document?.file_name).toMatch(/\.docx$/);
    expect(pressed.replies.some((m) => /^1\. Ringkasan — \d+\/200 kata/.test(m.text ?? ''))).toBe(true);
  });

  it('shows 📝 only to the owner, co-authors and coordinators; the same agency is not enough', async () => {
    const ana = h.user('Ana');
    const citra = h.user('Citra', { username: 'citra_dkp' });
    await ana.register('Ana Lestari', 'DKP');
    await citra.register('Citra Dewi', 'DKP');
    await ana.send('/usul Getar Dilan — warga menanam sayur di pekarangan');
    const has = async () => (await citra.ask('/ide 1')).reply_markup?.inline_keyboard.flat().some((b) => b.text === '📝 Draf proposal') ?? false;
    expect(await has()).toBe(false);
    expect((await citra.ask('/draf 1')).text).toContain('Draf ide nomor 1 hanya dapat diminta oleh pengusulnya, rekan penyusun');
    expect(await h.database.query('select id from draft_requests')).toEqual([]);

    expect((await citra.ask('/rekan 1 @citra_dkp')).text).toContain('hanya dapat diubah oleh pengusulnya');
    expect((await ana.ask('/rekan 1 @citra_dkp')).text).toBe('✅ Citra Dewi kini rekan penyusun ide #1 Getar Dilan dan dapat meminta draf proposalnya.');
    expect((await ana.ask('/rekan 1')).text).toBe('Rekan penyusun ide #1 Getar Dilan: Citra Dewi');
    expect(await has()).toBe(true);
    const pressed = await citra.press('📝 Draf proposal', h.api.lastBotMessage(citra.id));
    expect(pressed.replies.filter((m) => m.document)).toHaveLength(1);

    expect((await ana.ask('/coauthor 1 remove @citra_dkp')).text).toBe('Citra Dewi tidak lagi menjadi rekan penyusun ide #1.');
    expect(await has()).toBe(false);
    expect((await ana.ask('/rekan 1 hapus @citra_dkp')).text).toBe('Citra Dewi bukan rekan penyusun ide #1.');
    expect((await ana.ask('/rekan 1 @tidak_ada')).text).toContain('Anggota @tidak_ada tidak ditemukan');
    expect((await ana.ask('/rekan')).text).toContain('Cara pakai');
  });
});

import { describe, expect, it } from 'vitest';
import { engines } from '../helpers/databases.js';
import { useHarness } from '../helpers/harness.js';

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

  it('refuses 📝 to a member of another agency', async () => {
    const ana = h.user('Ana');
    const budi = h.user('Budi');
    await ana.register('Ana Lestari', 'DKP');
    await budi.register('Budi Santoso', 'Dishub');
    await ana.send('/usul Getar Dilan — warga menanam sayur di pekarangan');
    const card = await budi.ask('/ide 1');
    const pressed = await budi.press('📝 Draf proposal', card);
    // Refused with the reason, and nothing is queued.
    expect(pressed.answer).toContain('Draf ide nomor 1 hanya dapat diminta');
    expect(pressed.answer).toContain('anggota DKP');
    expect(await h.database.query('select id from draft_requests')).toEqual([]);
    expect(pressed.replies.filter((m) => m.document)).toHaveLength(0);
  });
});

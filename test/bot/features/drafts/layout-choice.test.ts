import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { insertCompleteIdea } from '../../../helpers/draft-ideas.js';

// A second layout, kept outside the code as a district would keep its own round's form. Each test
// file runs in its own process, and layouts are read at the first use, after this line.
process.env.PROPOSAL_LAYOUTS_DIR = fileURLToPath(new URL('../../../fixtures/layouts/', import.meta.url));

const ADMIN = 900001;

describe.each(engines)('a coordinator chooses the layout of one draft (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN] });

  it('builds that draft with the layout named, leaves the forum-wide one alone, and refuses others', async () => {
    const admin = h.user('Dewi', { id: ADMIN });
    await admin.register('Dewi Koordinator', 'Bagian Organisasi');
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Ketahanan Pangan');
    const idea = await insertCompleteIdea(h.db, ana.id, { supporters: [], commenter: ana.id });

    // The owner may draft the idea, but not pick another layout for it.
    const refused = await ana.ask(`/draf ${idea.id} format kipp-kabupaten-uji`);
    expect(refused.text).toBe(
      `Maaf, hanya koordinator Warkop Indah yang dapat memilih format untuk satu draf. Ketik /draf ${idea.id} untuk menyusun draf dengan format yang berlaku saat ini (KIPP 2023 — Kelompok Umum).`,
    );

    const unknown = await admin.ask(`/draf ${idea.id} format kipp-2030`);
    expect(unknown.text).toContain('Format “kipp-2030” tidak dikenal. Pilihan yang tersedia (✅ = format yang berlaku untuk semua draf):');
    expect(unknown.text).toContain('✅ kipp-umum-2023 — KIPP 2023 — Kelompok Umum');
    expect(unknown.text).toContain('▫️ kipp-kabupaten-uji — KIPP Kabupaten (format uji)');
    expect(unknown.text).toContain(`Contoh: /draf ${idea.id} format kipp-umum-2023.`);
    expect((await admin.ask(`/draf ${idea.id} format`)).text).toContain('Sebutkan format yang dipakai untuk draf ini.');

    const replies = await admin.send(`/draf ${idea.id} format KIPP-KABUPATEN-UJI`);
    expect(h.api.calls.find((c) => c.method === 'sendMessage' && String(c.payload.text).startsWith('⏳ Menyusun draf') && String(c.payload.text).includes('(KIPP Kabupaten (format uji))'))).toBeDefined();
    const header = replies.find((m) => m.text?.includes('— draf v1'));
    expect(header?.text).toContain('KIPP Kabupaten (format uji) · template (tanpa model bahasa)');
    expect(header?.text).toContain('format uji untuk tes otomatis');
    expect(replies.some((m) => m.text?.startsWith('1. Ringkasan Inovasi Daerah — '))).toBe(true);
    const [row] = await h.database.query<{ layout_id: string }>('select layout_id from drafts where idea_id = $1', [idea.id]);
    expect(row?.layout_id).toBe('kipp-kabupaten-uji');

    // The forum-wide choice is untouched: the next plain /draf uses it.
    expect(await h.database.query("select value from app_settings where key = 'proposal.layout'")).toEqual([]);
    const next = await ana.send(`/draf ${idea.id}`);
    expect(next.find((m) => m.text?.includes('— draf v2'))?.text).toContain('KIPP 2023 — Kelompok Umum · template');
  });

  it('answers in English too', async () => {
    const admin = h.user('Dewi', { id: ADMIN, language_code: 'en' });
    await admin.register('Dewi Koordinator', 'Bagian Organisasi');
    const idea = await insertCompleteIdea(h.db, admin.id, { supporters: [], commenter: admin.id });
    const unknown = await admin.ask(`/draft ${idea.id} format nope`);
    expect(unknown.text).toContain('Layout “nope” is not known.');
    expect(unknown.text).toContain(`For example: /draft ${idea.id} format kipp-umum-2023.`);
  });
});

import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ideaAwards, ideaTextSql } from '../../../../src/db/schema/index.js';
import type { StoredMessage } from '../../../../src/dev/telegram-double/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { agencyId, memberOf, seedIdea } from '../../../helpers/ideas.js';

const ids = (m: StoredMessage | undefined) => [...(m?.text ?? '').matchAll(/^#(\d+) /gm)].map((x) => Number(x[1]));
const ADMIN_ID = 900_001;

describe.each(engines)('search and awards (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  async function seed() {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Disdukcapil');
    const owner = (await memberOf(h, ana)).id;
    const agency = await agencyId(h, 'Disdukcapil');
    const at = new Date('2026-05-01T02:00:00Z');
    await seedIdea(h, { name: 'Sipakatau', summary: 'Layanan administrasi kependudukan keliling ke desa terpencil', ownerId: owner, agencyId: agency, at });
    await seedIdea(h, { name: 'Getar Dilan', summary: 'Gerakan tanam sayur di lahan pekarangan rumah warga', ownerId: owner, agencyId: agency, at });
    await seedIdea(h, { name: 'Rompi KPK', summary: 'Kelas pencegahan korupsi bagi pegawai', ownerId: owner, agencyId: agency, at });
    await seedIdea(h, { name: 'Pelayanan Prima', summary: 'Standar waktu antrean di kantor kecamatan', ownerId: owner, agencyId: agency, at });
    return { ana, owner, agency, at };
  }

  it('finds words by their Indonesian stem: “pelayanan” finds “layanan” and back', async () => {
    const { ana } = await seed();
    const result = await ana.ask('/cari pelayanan');
    expect(result.text).toContain('Hasil pencarian “pelayanan” · halaman 1');
    // The idea with the word in its name ranks first.
    expect(ids(result)).toEqual([4, 1]);
    expect((await ana.ask('/cari layanan kependudukan')).text).toContain('#1 Sipakatau');
    expect(ids(await ana.ask('/cari sayuran di pekarangan'))).toEqual([2]);
  });

  it('falls back to trigrams for a typo', async () => {
    const { ana } = await seed();
    const result = await ana.ask('/cari Getar Dilam');
    expect(result.text).toContain('Tidak ada yang cocok persis; ini ide dengan nama yang mirip:');
    expect(ids(result)).toEqual([2]);
    expect(ids(await ana.ask('/cari Sipakatu'))).toEqual([1]);
    expect((await ana.ask('/cari qwertyuiop')).text).toContain('Tidak ada ide yang cocok dengan “qwertyuiop”');
  });

  it('tolerates a typo of a word that only a summary holds, from the trigram index of the texts', async () => {
    const { ana } = await seed();
    // "terpencil" is only in Sipakatau's summary; "sayur", "kecamatan" only in others' summaries.
    const result = await ana.ask('/cari terpencl');
    expect(result.text).toContain('Tidak ada yang cocok persis; ini ide yang ringkasan atau uraiannya memuat kata yang mirip:');
    expect(ids(result)).toEqual([1]);
    expect(ids(await ana.ask('/cari kecamtan'))).toEqual([4]);
    expect(ids(await ana.ask('/cari pekarangn rumah'))).toEqual([2]);
    // Nothing alike anywhere is still nothing.
    expect((await ana.ask('/cari zzyzx')).text).toContain('Tidak ada ide yang cocok dengan “zzyzx”');
    // The fallback's condition is one the trigram index on the texts answers (with four rows the
    // planner would rather read the table, so reading the table is ruled out for this plan).
    const plan = await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const res = (await tx.execute(sql`explain select id from ideas where ${'terpencl'} <% (${ideaTextSql()})`)) as unknown;
      return (Array.isArray(res) ? res : (res as { rows: Record<string, string>[] }).rows) as Record<string, string>[];
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toMatch(/Bitmap Index Scan on ideas_text_trgm_idx/);
  });

  it('finds variant spellings and, when no idea has every word, ideas with some of them', async () => {
    const { ana } = await seed();
    // "antrean" is the standard spelling; people type "antrian".
    expect(ids(await ana.ask('/cari antrian'))).toEqual([4]);
    expect(ids(await ana.ask('/cari antrian kecamatan'))).toEqual([4]);
    const some = await ana.ask('/cari sayur mahal');
    expect(some.text).toContain('Tidak ada ide yang memuat semua kata itu');
    expect(ids(some)).toEqual([2]);
    // More matching words rank higher.
    expect(ids(await ana.ask('/cari desa terpencil mahal'))).toEqual([1]);
    const ranked = await ana.ask('/cari pegawai korupsi warga mahal');
    expect(ids(ranked)).toEqual([3, 2]);
  });

  it('ranks ideas whose name holds the words first, then by how often the texts hold them', async () => {
    const { ana, owner, agency, at } = await seed();
    await seedIdea(h, { name: 'Kebun Gizi Balita', summary: 'Tanaman obat untuk posyandu', ownerId: owner, agencyId: agency, at });
    await seedIdea(h, { name: 'Pojok Sehat', summary: 'Gizi balita, kebun gizi balita, menu gizi balita', ownerId: owner, agencyId: agency, at });
    await seedIdea(h, { name: 'Dapur Sehat', summary: 'Kebun dan menu gizi untuk balita', ownerId: owner, agencyId: agency, at });
    expect(ids(await ana.ask('/cari kebun gizi balita'))).toEqual([5, 6, 7]);
    // A phrase in quotes: the name must hold it as a phrase to count as a hit in the name.
    expect(ids(await ana.ask('/cari "gizi balita"'))).toEqual([5, 6]);
    expect(ids(await ana.ask('/cari "balita kebun"'))).toEqual([6]);
    // A word excluded with a minus leaves out the ideas that hold it anywhere.
    expect(ids(await ana.ask('/cari gizi balita -posyandu'))).toEqual([6, 7]);
  });

  it('pages ranked results and explains bad queries', async () => {
    const { ana, owner, agency, at } = await seed();
    for (let i = 1; i <= 12; i++) await seedIdea(h, { name: `Kebun ${i}`, summary: 'Budidaya sayur organik', ownerId: owner, agencyId: agency, at });
    const page1 = await ana.ask('/cari sayur');
    const first = ids(page1);
    expect(first).toHaveLength(10);
    const page2 = (await ana.press('Berikutnya ▶️', page1)).message!;
    expect(page2.text).toContain('halaman 2');
    const second = ids(page2);
    expect(second).toHaveLength(3);
    expect(new Set([...first, ...second]).size).toBe(13);
    const back = (await ana.press('◀️ Sebelumnya', page2)).message!;
    expect(ids(back)).toEqual(first);
    expect((await ana.ask('/cari')).text).toContain('Cara pakai: /cari kata kunci');
    expect((await ana.ask('/cari a')).text).toContain('Cara pakai');
    expect((await ana.ask(`/cari ${'kata '.repeat(30)}`)).text).toContain('terlalu panjang');
    expect((await ana.ask('/cari <b>sayur</b> & “pekarangan”')).html).toContain('&lt;b&gt;sayur&lt;/b&gt; &amp;');
  });

  it('records competition results for coordinators only, reading competition and year from the text', async () => {
    const { ana } = await seed();
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    expect((await ana.ask('/penghargaan 1 provinsi TOP 30')).text).toContain('hanya untuk koordinator');

    const jipp = await admin.ask('/penghargaan 1 provinsi TOP 30 KIPP Sulsel 2021');
    expect(jipp.text).toBe('🏆 Tercatat untuk #1 Sipakatau:\n• Provinsi — TOP 30 KIPP Sulsel 2021');
    expect((await admin.ask('/penghargaan 1 nasional TOP 45 KIPP Nasional')).text).toContain('• Nasional — TOP 45 KIPP Nasional 2026');
    expect((await admin.ask('/penghargaan 1 kabupaten Top 7 seleksi daerah 2023')).text).toContain('• Kabupaten — Top 7 seleksi daerah 2023');
    expect((await admin.ask('/award 1 national IGA 2024 Kabupaten Sangat Inovatif')).text).toContain('• Nasional — IGA 2024 Kabupaten Sangat Inovatif');

    expect((await admin.ask('/penghargaan')).text).toContain('Cara pakai: /penghargaan 12 provinsi');
    expect((await admin.ask('/penghargaan 1')).text).toContain('Cara pakai');
    expect((await admin.ask('/penghargaan 1 dunia Juara')).text).toContain('Tingkat “dunia” tidak dikenal');
    expect((await admin.ask('/penghargaan 1 provinsi')).text).toContain('Cara pakai');
    expect((await admin.ask('/penghargaan 77 provinsi Juara')).text).toContain('Ide #77 tidak ditemukan');
    expect((await admin.ask(`/penghargaan 1 provinsi ${'x'.repeat(301)}`)).text).toContain('terlalu panjang');

    const rows = await h.db.select().from(ideaAwards);
    expect(rows.map((r) => [r.level, r.competition, r.year])).toEqual([
      ['provinsi', 'JIPP', 2021],
      ['nasional', 'KIPP', 2026],
      ['kabupaten', 'other', 2023],
      ['nasional', 'IGA', 2024],
    ]);
    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('🏆 Hasil kompetisi\n• Nasional — TOP 45 KIPP Nasional 2026\n• Nasional — IGA 2024 Kabupaten Sangat Inovatif');
  });
});

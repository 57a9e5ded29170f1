import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies, ideas, members, sessionRsvps, sessions } from '../../../../src/db/schema/index.js';
import { imageSize } from '../../../../src/dev/telegram-double/image-size.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { seedRecap } from '../../../helpers/recap-data.js';

const ADMIN_ID = 900_001;

/** Data: test/helpers/recap-data.ts (hand-made; 2026 numbers worked out there and below). */
describe.each(engines)('/rekap: a short text and a picture; /rekap Y laporan: the report (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  it('answers with a ten-second summary, then the picture as a photo', async () => {
    const admin = await seedRecap(h);
    const active = (await h.db.select().from(agencies).where(eq(agencies.active, true))).length;
    const replies = await admin.send('/rekap');
    expect(replies).toHaveLength(2);
    const [summary, photo] = replies as [(typeof replies)[0], (typeof replies)[0]];
    const text = summary.text!;
    expect(text).toContain('Rekap Satu Perangkat Daerah Satu Inovasi 2026');
    // Dinkes (2025 idea implemented 2026) and DKP met it; in 2025 only Disdukcapil did.
    expect(text).toContain(`🎯 Target tercapai: 2 dari ${active} perangkat daerah (2025: 1, naik 1)`);
    expect(text).toContain('✅ Sudah tercapai: Dinkes, DKP\n');
    expect(text).not.toContain('Hampir tercapai'); // DKP's idea in trial: DKP has met it already
    // Pitched in 2026 (WITA): DKP 3, Dinkes 2, BKAD 3, Bapenda 1. In progress now, any year: DKP 2, Dinkes 1, BKAD 4.
    expect(text).toContain('💡 Ide diusulkan pada 2026: 9 · sedang berjalan sekarang: 7');
    expect(text).toContain('🏆 Hasil kompetisi 2026: 1\n  • TOP 30 (JIPP, Provinsi) — Getar Dilan, Dinas Ketahanan Pangan');
    expect(text).toContain('Cara menghitung: target tercapai bila perangkat daerah punya inovasi yang mulai diterapkan pada 2026 dan masih diterapkan.');
    expect(text).toContain('/rekap 2026 laporan');
    expect(text).not.toContain('Diskominfo'); // deactivated
    expect(text.split('\n').length).toBeLessThan(15);

    expect(photo.kind).toBe('photo');
    expect(photo.photo!.caption).toBe('📊 Rekap 2026 per perangkat daerah dan per tahun.');
    const size = imageSize(photo.photo!.content);
    expect(size).toMatchObject({ type: 'png', width: 1080 });
    // One row per active agency: the picture grows with them and stays a phone-friendly portrait.
    expect(size!.height).toBeGreaterThan(active * 26);
    expect(size!.height / size!.width).toBeLessThan(3);
  });

  it('counts another year under the same headings, and in English', async () => {
    const admin = await seedRecap(h);
    const text = (await admin.send('/rekap 2025'))[0]!.text!;
    expect(text).toContain('🎯 Target tercapai: 1 dari');
    expect(text).toContain('(2024: 0, naik 1)');
    expect(text).toContain('✅ Sudah tercapai: Disdukcapil\n');
    // 2025 pitches: Sehat Bersama (Dinkes) and Sipakatau (Disdukcapil); 2025-12-31 16:30 UTC is already 2026 in WITA.
    expect(text).toContain('💡 Ide diusulkan pada 2025: 2 · sedang berjalan sekarang: 7');
    expect(text).toContain('🏆 Hasil kompetisi 2025: 1');

    const ana = h.user('Ana', { language_code: 'en' });
    await ana.register('Ana Lestari', 'Dinkes');
    const replies = await ana.send('/recap 2026');
    expect(replies[0]!.text).toContain('🎯 Target met: 2 of');
    expect(replies[0]!.text).toContain('(2025: 1, up 1)');
    expect(replies[0]!.text).toContain('💡 Ideas pitched in 2026: 9 · in progress now: 7');
    expect(replies[1]!.photo!.caption).toBe('📊 Recap 2026 per agency and per year.');
  });

  it('shows a change at once, even one written straight into the database (the recap is memoised)', async () => {
    const admin = await seedRecap(h);
    expect((await admin.send('/rekap'))[0]!.text).toContain('💡 Ide diusulkan pada 2026: 9 · sedang berjalan sekarang: 7');
    // Not through the bot: the version trigger, not the app, must invalidate the memoised recap.
    await h.db.update(ideas).set({ stage: 'implemented', implementedOn: '2026-07-01' }).where(eq(ideas.name, 'Pajak Mudah'));
    const text = (await admin.send('/rekap'))[0]!.text!;
    expect(text).toContain('🎯 Target tercapai: 3 dari');
    expect(text).toContain('💡 Ide diusulkan pada 2026: 9 · sedang berjalan sekarang: 6');
  });

  it('explains a bad year or word and changes nothing', async () => {
    const admin = await seedRecap(h);
    expect((await admin.ask('/rekap 20x6')).text).toContain('Tahun “20x6” tidak valid');
    expect((await admin.ask('/rekap 1899')).text).toContain('tidak valid');
    expect((await admin.ask('/rekap 2026 grafik')).text).toContain('Cara pakai: /rekap');
  });

  it('gives coordinators the yearly report as a Word document a test can read back', async () => {
    const admin = await seedRecap(h);
    const member = h.user('Budi');
    await member.register('Budi Santoso', 'Dinkes');
    const refused = await member.send('/rekap 2026 laporan');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text).toContain('hanya untuk koordinator');

    // Sessions: one held in 2026 (3 answered Hadir, 2 confirmed present), one cancelled, one still to come.
    const [rina] = await h.db.select().from(members).where(eq(members.telegramId, ADMIN_ID));
    const session = (title: string, startsAt: string, status: 'scheduled' | 'done' | 'cancelled') => ({
      title, startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 7_200_000), place: 'Aula Bappelitbangda', status, uid: `${title}@test`, createdBy: rina!.id,
    });
    const [held] = await h.db.insert(sessions).values([session('Bedah proposal KIPP', '2026-03-12T01:00:00Z', 'done'), session('Batal', '2026-04-02T01:00:00Z', 'cancelled'), session('Nanti', '2026-12-20T01:00:00Z', 'scheduled')]).returning();
    const people = await h.db.insert(members).values([1, 2, 3, 4].map((i) => ({ telegramId: 800_000 + i, firstName: `P${i}` }))).returning();
    await h.db.insert(sessionRsvps).values(people.map((p, i) => ({ sessionId: held!.id, memberId: p.id, answer: i < 3 ? ('yes' as const) : ('no' as const), attended: i < 2 ? true : null, answeredAt: new Date('2026-03-10T01:00:00Z') })));

    const replies = await admin.send('/rekap 2026 laporan');
    const doc = replies.find((m) => m.document)!;
    expect(doc.document!.file_name).toBe('Laporan-Warkop-Indah-2026.docx');
    expect(doc.document!.caption).toBe('📎 Laporan Pelaksanaan Warkop Indah Tahun 2026.');
    const zip = await JSZip.loadAsync(doc.document!.content);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(paragraphs).toContain('Laporan Pelaksanaan Warkop Indah Tahun 2026');
    for (const heading of ['I. Ringkasan', 'II. Gambaran per Perangkat Daerah dan per Tahun', 'III. Capaian Setiap Perangkat Daerah', 'IV. Inovasi yang Mulai Diterapkan pada 2026', 'V. Hasil Kompetisi Inovasi 2026', 'VI. Sesi Warkop Indah 2026']) {
      expect(paragraphs).toContain(heading);
    }
    const active = (await h.db.select().from(agencies).where(eq(agencies.active, true))).length;
    expect(paragraphs.some((p) => p.startsWith(`Sebanyak 2 dari ${active} perangkat daerah`))).toBe(true);
    // The table of every agency: one row each (cells: No., name, pitched, in progress, implemented, results, target) and a total.
    const rows = [...xml.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((r) =>
      [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    );
    const table = rows.filter((r) => r.length === 7);
    expect(table).toHaveLength(active + 2); // header, agencies, total
    expect(table).toContainEqual([expect.stringMatching(/^\d+\.$/), 'Dinas Ketahanan Pangan', '3', '2', '1', '1', 'Tercapai']);
    expect(table).toContainEqual([expect.stringMatching(/^\d+\.$/), 'Badan Pendapatan Daerah', '1', '0', '0', '0', 'Belum']);
    expect(table.at(-1)).toEqual(['', 'Jumlah', '9', '7', '2', '1', `2/${active}`]);
    // Innovations implemented in 2026 with their dates and agencies; the competition result.
    expect(rows).toContainEqual(['1.', 'Sehat Bersama', 'Dinas Kesehatan', 'Diusulkan 15 Mei 2025 · Uji coba — · Diterapkan 10 Feb 2026', 'Diterapkan']);
    expect(rows).toContainEqual(['2.', 'Getar Dilan', 'Dinas Ketahanan Pangan', 'Diusulkan 15 Jan 2026 · Uji coba — · Diterapkan 1 Mar 2026', 'Diterapkan']);
    expect(rows).toContainEqual(['1.', 'Getar Dilan', 'Dinas Ketahanan Pangan', 'JIPP · Provinsi', 'TOP 30']);
    expect(rows).toContainEqual(['1.', '12 Mar 2026', 'Bedah proposal KIPP', 'Aula Bappelitbangda', '2', '3']);
    expect(rows.flat()).not.toContain('Batal');
    expect(rows.flat()).not.toContain('Nanti');
    expect(paragraphs).toContain('Sesi Warkop Indah yang terlaksana: 1, dengan 2 kehadiran tercatat.');
    // The chart is embedded.
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(imageSize(Buffer.from(await zip.file(media[0]!)!.async('uint8array')))).toMatchObject({ type: 'png', width: 1080 });
    expect(xml).toContain('<w:drawing>');
  });
});

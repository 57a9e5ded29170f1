import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { candidateScores } from '../../../../src/db/schema/index.js';
import { roundCriteria, saveScore } from '../../../../src/domain/competitions/assessment.js';
import { memberOf } from '../../../helpers/ideas.js';
import type { StoredMessage } from '../../../../src/dev/telegram-double/index.js';
import { engines } from '../../../helpers/databases.js';
import { ideaOf, person } from '../../../helpers/competitions.js';
import type { TestUser } from '../../../helpers/harness.js';
import { useHarness } from '../../../helpers/harness.js';
import { COORDINATOR_ID, privateTexts, setupForum } from '../../../helpers/sessions.js';

describe.each(engines)('assessment: assessors, scores, ranking, shortlist and feedback (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [COORDINATOR_ID] });

  async function setup() {
    const { ana, forum, topicId, plain } = await setupForum(h);
    const budi = await person(h, 'Budi', 'Dinkes');
    const eka = await person(h, 'Eka', 'Disdukcapil');
    const citra = await person(h, 'Citra', 'BKAD');
    const dedi = await person(h, 'Dedi', 'Inspektorat', 'en');
    const fajar = await person(h, 'Fajar', 'Dinkes');
    const getar = await ideaOf(h, budi, 'Getar Dilan', '2025-01-10');
    const sipakatau = await ideaOf(h, eka, 'Sipakatau', '2024-03-01');
    await ana.send('/kompetisi_baru kabupaten 2026');
    await ana.send(`/kandidat ${getar} K1`);
    await ana.send(`/kandidat ${sipakatau} K1`);
    return { ana, forum, topicId, plain, budi, eka, citra, dedi, fajar };
  }

  /** Scores every criterion of the open panel in order, pressing the labels given. */
  async function scoreAll(user: TestUser, panel: StoredMessage, values: number[]): Promise<StoredMessage> {
    let message = panel;
    for (const v of values) message = (await user.press(String(v), message)).message!;
    return message;
  }

  it('names assessors (coordinators only) and refuses scoring by others and by the candidate’s own agency', async () => {
    const { ana, budi, citra, fajar } = await setup();
    expect((await citra.ask('/penilai K1 @fajar')).text).toContain('hanya untuk koordinator');
    expect((await ana.ask('/penilai K1')).text).toContain('Cara pakai: /penilai K3 @username');
    expect((await ana.ask('/penilai K1 @siapa')).text).toContain('belum terdaftar');
    expect((await ana.ask('/penilai K1 @citra')).text).toBe('✅ Citra BKAD menjadi penilai K1 · Seleksi KIPP Kabupaten Luwu Utara 2026.');
    expect((await ana.ask('/penilai K1 @citra')).text).toContain('sudah menjadi penilai');
    await h.runJobs();
    expect(privateTexts(h, citra, 'Anda ditunjuk sebagai penilai')).toEqual([
      '📋 Anda ditunjuk sebagai penilai K1 · Seleksi KIPP Kabupaten Luwu Utara 2026. Lihat kandidatnya dengan /kompetisi 1, lalu nilai dengan /nilai C….',
    ]);
    await ana.send('/penilai K1 @fajar');

    expect((await budi.ask('/nilai C1')).text).toContain('Anda bukan penilai kompetisi kandidat ini');
    const refused = await fajar.ask('/nilai C1');
    expect(refused.text).toContain('berasal dari perangkat daerah Anda sendiri (Dinkes)');
    expect(refused.reply_markup).toBeUndefined();
    // Forged presses are checked on the server too.
    const panel = await citra.ask('/nilai C1');
    // Forged score presses (data not on the pressed message) are refused by the press guard.
    expect(await fajar.pressData(refused, 'cmp:s:1:0:10')).toContain('sudah tidak berlaku');
    const budiOwn = await budi.ask('/kompetisi 1');
    expect(await budi.pressData(budiOwn, 'cmp:s:1:0:10')).toContain('sudah tidak berlaku');
    expect(await citra.pressData(panel, 'cmp:s:1:9:10')).toContain('sudah tidak berlaku');
    expect(await h.db.select().from(candidateScores)).toEqual([]);
    // Fajar may still score the other agency's candidate.
    expect((await fajar.ask('/nilai C2')).text).toContain('Kriteria 1/7: Latar Belakang dan Tujuan (bobot 10%)');
    expect((await citra.ask('/nilai C9')).text).toContain('Kandidat C9 tidak ditemukan');

    // With a draft, the assessor opens it from the panel: the drafts job sends it to her, not to the owner.
    await budi.send('/draf 1');
    await h.settle();
    const withDraft = await citra.ask('/nilai C1');
    expect(withDraft.text).toContain('draf terakhir v1');
    const before = h.api.botMessages(budi.id).length;
    const opened = await citra.press('📄 Buka draf v1', withDraft);
    await h.settle();
    expect(opened.replies[0]?.text).toContain('Getar Dilan');
    expect(h.api.botMessages(citra.id).some((m) => m.document?.file_name?.endsWith('.docx'))).toBe(true);
    expect(h.api.botMessages(budi.id).length).toBe(before);
    expect((await citra.ask('/nilai')).text).toContain('Cara pakai: /nilai C4');
  });

  it('two assessors score two candidates with buttons and comments, revise, rank, shortlist to the groups, close with feedback', async () => {
    const { ana, plain, forum, topicId, budi, eka, citra, dedi } = await setup();
    await ana.send('/penilai K1 @citra');
    await ana.send('/penilai K1 @dedi');
    await ana.send('/kompetisi 1 ambang 85');
    await h.runJobs();
    expect(privateTexts(h, dedi, 'You have been named an assessor of K1')).toHaveLength(1);

    // Citra: C1 first with a 5 on the first criterion and a comment, then the rest.
    const panel = await citra.ask('/nilai C1');
    expect(panel.text).toContain('Bedah proposal C1 · #1 Getar Dilan (Dinkes)');
    expect(panel.text).toContain('belum ada draf proposal');
    expect(panel.text).toContain('Kriteria 1/7: Latar Belakang dan Tujuan (bobot 10%)\nNilai Anda: belum ada');
    const pressed = await citra.press('5', panel);
    expect(pressed.answer).toBe('Nilai 5 disimpan.');
    expect(pressed.message!.text).toContain('Kriteria 2/7: Kebaruan / Nilai Tambah (bobot 15%)');
    expect((await citra.ask('Data sebelum & sesudah perlu <angka>.')).text).toBe('💬 Komentar untuk Latar Belakang dan Tujuan disimpan.');
    const done = await scoreAll(citra, pressed.message!, [9, 7, 9, 8, 6, 8]);
    expect(done.text).toContain('7/7 kriteria dinilai');
    expect(done.text).toContain('total berbobot 80/100');
    // Revised: back to the first criterion, now an 8 (83 in all).
    const again = await citra.ask('/nilai C1');
    expect(again.text).toContain('Nilai Anda: 5\nKomentar: Data sebelum & sesudah perlu <angka>.');
    expect(again.html).toContain('&lt;angka&gt;');
    await citra.press('8', again);
    const summary = (await citra.press('✅ Selesai', (await citra.press('◀️ Sebelumnya', h.api.message(citra.id, again.message_id)!)).message!)).message!;
    expect(summary.text).toContain('total berbobot 83/100');

    // Dedi (English): C1 9,9,9,10,9,8,9 → 92.5; C2 all 9 → 90. Citra: C2 all 6 → 60.
    const en = await dedi.ask('/score C1');
    expect(en.text).toContain('Proposal review C1 · #1 Getar Dilan (Dinkes)');
    expect(en.text).toContain('Criterion 1/7: Background and Objectives (weight 10%)');
    expect((await scoreAll(dedi, en, [9, 9, 9, 10, 9, 8, 9])).text).toContain('weighted total 92.5/100');
    // C2's scores go in through the domain (the buttons are covered above), as the bot would store them.
    const criteria = roundCriteria({ layoutId: 'kipp-umum-2023' });
    for (const [user, score] of [[dedi, 9], [citra, 6]] as const) {
      const assessorId = (await memberOf(h, user)).id;
      for (const c of criteria) await saveScore(h.db, { candidateId: 2, assessorId, criterion: c.key, score, now: h.clock.now() });
    }

    expect((await budi.ask('/peringkat K1')).text).toContain('hanya dapat dilihat koordinator dan penilai');
    const ranking = await ana.ask('/peringkat K1');
    expect(ranking.text).toContain('1. C1 Getar Dilan (Dinkes) — 87,75 · 2 penilai · selisih 9,5\n');
    expect(ranking.text).toContain('2. C2 Sipakatau (Disdukcapil) — 75 · 2 penilai · selisih 30 ⚠️ penilai berbeda jauh ⬇️ di bawah ambang');
    expect(ranking.text).toContain('Ambang kelulusan: 85');
    expect((await dedi.ask('/ranking K1')).text).toContain('1. C1 Getar Dilan (Dinkes) — 87.75 · 2 assessors · spread 9.5');

    expect((await ana.ask('/daftar_pendek K1 nol')).text).toContain('angka 0–100');
    expect((await ana.ask('/daftar_pendek K1 1')).text).toContain('Daftar pendek K1 · Seleksi KIPP Kabupaten Luwu Utara 2026: 1 kandidat. Pengumuman dikirim ke grup yang terhubung.');
    await h.runJobs();
    for (const where of [h.api.botMessages(plain.id), h.api.botMessages(forum.id, topicId)]) {
      const post = where.find((m) => m.text?.startsWith('⭐ Daftar pendek'));
      expect(post?.text).toContain('1. Getar Dilan (Dinkes)');
      expect(post?.text).not.toContain('Sipakatau');
    }
    expect((await ana.ask('/peringkat K1')).text).toContain('selisih 9,5 ⭐');
    // The district's "Top N + picked": C2 joins as a participatory pick; C9 is not in the round.
    expect((await ana.ask('/daftar_pendek K1 1 + C9')).text).toBe('Kandidat C9 tidak terdaftar di kompetisi ini.');
    expect((await ana.ask('/daftar_pendek K1 1 + C2')).text).toContain(': 2 kandidat.');
    await h.runJobs();
    const latest = h.api.botMessages(plain.id).filter((m) => m.text?.startsWith('⭐ Daftar pendek')).at(-1)!;
    expect(latest.text).toBe(
      '⭐ Daftar pendek Seleksi KIPP Kabupaten Luwu Utara 2026 (1 kandidat teratas menurut penilaian):\n1. Getar Dilan (Dinkes)\nDitambah 1 kandidat pilihan (partisipatif):\n2. Sipakatau (Disdukcapil)\nSelamat kepada para kandidat. Pendampingan berikutnya akan dijadwalkan Tim Pelaksana Warkop Indah.',
    );
    expect((await ana.ask('/peringkat K1')).text).toContain('di bawah ambang ⭐');

    expect((await ana.ask('/tutup_penilaian K1')).text).toBe('🔒 Penilaian K1 · Seleksi KIPP Kabupaten Luwu Utara 2026 ditutup. Umpan balik dikirim kepada 2 pengusul.');
    expect((await ana.ask('/tutup_penilaian K1')).text).toContain('sudah ditutup sebelumnya');
    await h.runJobs();
    const [feedback] = privateTexts(h, budi, 'Umpan balik bedah proposal');
    expect(feedback).toContain('Latar Belakang dan Tujuan: rata-rata 8,5');
    expect(feedback).toContain('– Data sebelum & sesudah perlu <angka>.');
    expect(feedback).toContain('Nilai total berbobot: 87,75/100 · peringkat 1/2');
    expect(feedback).not.toMatch(/Citra|Dedi/);
    expect(privateTexts(h, eka, 'Umpan balik bedah proposal')[0]).toContain('peringkat 2/2');
    // Scores are frozen now.
    expect((await citra.ask('/nilai C1')).text).toContain('sudah ditutup koordinator');
    expect(await citra.pressData(summary, 'cmp:s:1:0:10')).toContain('sudah tidak berlaku');
    const scores = await h.db.select().from(candidateScores).where(eq(candidateScores.candidateId, 1));
    expect(scores.find((s) => s.criterion === 'background' && s.score === 10)).toBeUndefined();
  });
});

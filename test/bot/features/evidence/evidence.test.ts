import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { asc, eq } from 'drizzle-orm';
import { evidenceItems, members, outbox, storedFiles } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { jpegBytes, pdfBytes } from '../../../helpers/evidence.js';
import { useHarness, type TestUser } from '../../../helpers/harness.js';
import { injectFault } from '../../../helpers/faults.js';

const ADMIN_ID = 910_001;


describe.each(engines)('bukti dukung (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  async function setup() {
    const admin = h.user('Admin', { id: ADMIN_ID });
    const ana = h.user('Ana', { username: 'ana' });
    const budi = h.user('Budi', { username: 'budi' });
    const rina = h.user('Rina', { username: 'rina' });
    await admin.send('/start');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    await budi.register('Budi Santoso', 'Dinkes');
    await rina.register('Rina Koordinator', 'Bagian Organisasi');
    await admin.send('/peran @rina koordinator');
    await ana.send('/usul Getar Dilan — tanam sayur di pekarangan');
    expect((await rina.ask('/tahap 1 diterapkan Sudah rutin di 3 desa')).text).toContain('ke Diterapkan');
    return { admin, ana, budi, rina };
  }

  async function choose(user: TestUser, indicator: RegExp) {
    const overview = await user.ask('/bukti 1');
    return user.press(indicator, overview);
  }

  const items = () => h.db.select().from(evidenceItems).orderBy(asc(evidenceItems.id));

  it('takes a document and a photo per indicator, keeps their bytes, survives a restart and hands over a ZIP byte for byte', async () => {
    const { ana } = await setup();
    const overview = await ana.ask('/bukti 1');
    expect(overview.text).toContain('Bukti dukung Indeks Inovasi Daerah 2026');
    expect(overview.text).toContain('Getar Dilan: 0/20 indikator');
    const labels = overview.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toHaveLength(21);
    expect(labels[0]).toBe('⬜ 16. Regulasi inovasi daerah ❗');
    expect(labels.at(-1)).toBe('📦 Unduh ZIP');

    const view = await ana.press(/^⬜ 16\./, overview);
    expect(view.message?.text).toContain('16. Regulasi inovasi daerah (wajib)');
    expect(view.message?.text).toContain('Belum ada bukti');
    const sk = pdfBytes('SK Bupati');
    const replies = await ana.sendDocument(sk, { fileName: 'SK Bupati 12-2025.pdf', mimeType: 'application/pdf', caption: 'SK Bupati No. 12 Tahun 2025' });
    expect(replies.map((m) => m.text)).toEqual([
      '⏳ Menerima SK Bupati 12-2025.pdf… Konfirmasi dikirim begitu berkas tersimpan.',
      expect.stringContaining('✅ SK Bupati 12-2025.pdf (3 KB) tersimpan sebagai bukti indikator 16. Regulasi inovasi daerah.\nBukti dukung IGA: 1/20.'),
    ]);

    // The bot fetched it with getFile and the file URL, as with Telegram.
    expect(h.api.calls.filter((c) => c.method === 'getFile')).toHaveLength(1);

    const photo = jpegBytes();
    const second = await choose(ana, /^⬜ 25\./);
    expect(second.message?.text).toContain('25. Sosialisasi inovasi');
    const photoReplies = await ana.sendPhoto(photo, { caption: 'Sosialisasi di Kecamatan Masamba' });
    expect(photoReplies.at(-1)?.text).toContain('tersimpan sebagai bukti indikator 25. Sosialisasi inovasi.\nBukti dukung IGA: 2/20.');

    const rows = await items();
    expect(rows.map((r) => [r.indicator, r.kind, r.caption])).toEqual([
      ['regulasi', 'file', 'SK Bupati No. 12 Tahun 2025'],
      ['sosialisasi', 'file', 'Sosialisasi di Kecamatan Masamba'],
    ]);
    const files = await h.db.select().from(storedFiles).orderBy(asc(storedFiles.id));
    expect(files.map((f) => [f.fileName, f.mimeType, f.size])).toEqual([
      ['SK Bupati 12-2025.pdf', 'application/pdf', sk.length],
      [expect.stringMatching(/^foto-2026-11-30-\d+\.jpg$/), 'image/jpeg', photo.length],
    ]);
    expect(files[0]!.bytes.equals(sk)).toBe(true);
    expect(files[0]!.sha256).toBe(createHash('sha256').update(sk).digest('hex'));
    // The full-size photo was stored, not Telegram's thumbnail.
    expect(files[1]!.bytes.equals(photo)).toBe(true);

    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('📂 Bukti dukung IGA: 2/20');

    await h.restart();
    const back = await ana.ask('/bukti 1');
    expect(back.text).toContain('2/20 indikator');
    expect(back.reply_markup!.inline_keyboard.flat()[0]!.text).toBe('✅ 16. Regulasi inovasi daerah ❗');

    const zipReplies = await ana.send('/bukti 1 unduh');
    expect(zipReplies[0]?.text).toContain('Menyiapkan berkas ZIP');
    const doc = zipReplies.find((m) => m.document)?.document;
    expect(doc?.file_name).toBe('Bukti dukung IGA 2026 - Getar Dilan.zip');
    expect(doc?.caption).toContain('2 berkas, 0 tautan, 2/20 indikator');
    const zip = await JSZip.loadAsync(doc!.content);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toEqual(['00 Daftar bukti dukung.xlsx', '16 Regulasi inovasi daerah/16-1 SK Bupati 12-2025.pdf', expect.stringMatching(/^25 Sosialisasi inovasi\/25-1 foto-2026-11-30-\d+\.jpg$/)]);
    expect((await zip.file(names[1]!)!.async('nodebuffer')).equals(sk)).toBe(true);
    expect((await zip.file(names[2]!)!.async('nodebuffer')).equals(photo)).toBe(true);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await zip.file(names[0]!)!.async('nodebuffer')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Bukti dukung')!;
    expect(sheet.getRow(2).getCell(4).value).toBe('16 Regulasi inovasi daerah/16-1 SK Bupati 12-2025.pdf');
    expect(sheet.getRow(2).getCell(6).value).toBe('SK Bupati No. 12 Tahun 2025');
    expect(sheet.getRow(2).getCell(9).value).toBe('Ana Lestari');
    expect(sheet.getRow(2).getCell(11).value).toBe(files[0]!.sha256);
    expect(sheet.rowCount).toBe(3);
  });

  it('answers bad input clearly and keeps what is stored: too large, unsupported, no file, no indicator chosen, a second upload in progress', async () => {
    const { ana } = await setup();
    expect((await ana.sendDocument(pdfBytes('x'), { fileName: 'lepas.pdf' })).at(-1)?.text).toContain('pilih dulu inovasi dan indikatornya');

    await choose(ana, /^⬜ 16\./);
    const kept = pdfBytes('kept');
    await ana.sendDocument(kept, { fileName: 'SK.pdf' });
    expect(await items()).toHaveLength(1);

    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 1);
    expect((await ana.sendDocument(big, { fileName: 'besar.pdf' })).at(-1)?.text).toContain('melebihi batas 20 MB');
    expect((await ana.sendDocument(Buffer.from('MZ...'), { fileName: 'setup.exe' })).at(-1)?.text).toContain('Jenis berkas ini tidak diterima');
    expect((await ana.sendDocument(Buffer.from('PK'), { fileName: 'semua.zip' })).at(-1)?.text).toContain('Jenis berkas ini tidak diterima');
    expect((await ana.send('ini keterangannya saja')).at(-1)?.text).toContain('tidak berisi berkas, foto, atau tautan');

    // A link is evidence too.
    expect((await ana.send('Perbup di JDIH https://jdih.luwuutarakab.go.id/perbup-12-2025')).at(-1)?.text).toContain(
      '✅ Tautan https://jdih.luwuutarakab.go.id/perbup-12-2025 tersimpan sebagai bukti indikator 16.',
    );

    // The first download stalls (Telegram answers 502): a second file meanwhile is told to wait.
    const removeFault = injectFault(h.api, { method: 'getFile', fault: { kind: '5xx', status: 502 } });
    const first = pdfBytes('first');
    expect((await ana.sendDocument(first, { fileName: 'Perbup.pdf' })).map((m) => m.text)).toEqual([expect.stringContaining('⏳ Menerima Perbup.pdf')]);
    expect((await ana.sendDocument(pdfBytes('second'), { fileName: 'Lain.pdf' })).at(-1)?.text).toContain('Berkas sebelumnya (Perbup.pdf) masih diterima');
    removeFault();
    h.clock.advance(60_000);
    await h.runJobs();
    await h.settle();
    expect(h.api.lastBotMessage(ana.id)?.text).toContain('✅ Perbup.pdf');

    const rows = await items();
    expect(rows.map((r) => r.kind)).toEqual(['file', 'link', 'file']);
    const files = await h.db.select().from(storedFiles).orderBy(asc(storedFiles.id));
    expect(files.map((f) => f.fileName)).toEqual(['SK.pdf', 'Perbup.pdf']);
    expect(files[0]!.bytes.equals(kept)).toBe(true);
    expect(files[1]!.bytes.equals(first)).toBe(true);
  });

  it('tells the member when Telegram will not hand the file over, and stores nothing', async () => {
    // Each try fails at once (the sender's own retries would only slow the test down).
    await h.restartWith({ SEND_MAX_RETRIES: 0 });
    const { ana } = await setup();
    await choose(ana, /^⬜ 16\./);
    injectFault(h.api, { method: 'getFile', fault: { kind: '5xx', status: 502 } });
    await ana.sendDocument(pdfBytes('lost'), { fileName: 'Hilang.pdf' });
    for (let i = 0; i < 6; i++) {
      h.clock.advance(30 * 60_000);
      await h.runJobs();
    }
    await h.settle();
    expect(h.api.lastBotMessage(ana.id)?.text).toContain('❌ Maaf, berkas Hilang.pdf gagal diterima dari Telegram. Silakan kirim sekali lagi.');
    expect(await items()).toHaveLength(0);
    const [row] = await h.db.select().from(outbox).where(eq(outbox.kind, 'evidence_download'));
    expect(row?.status).toBe('failed');
  });

  it('lets only the owner and coordinators add; only coordinators remove, and a removal stays in the history', async () => {
    const { ana, budi, rina } = await setup();
    expect((await budi.ask('/bukti 1')).text).toContain('hanya dapat dikelola oleh pengusulnya');
    await choose(ana, /^⬜ 16\./);
    await ana.sendDocument(pdfBytes('a'), { fileName: 'SK.pdf' });

    // A forged press of the indicator button by another member opens nothing.
    const anaView = h.api.lastBotMessage(ana.id)!;
    expect(await budi.pressData({ ...anaView, chat_id: budi.id, message_id: (await budi.ask('/bantuan')).message_id }, 'ev:i:1:regulasi')).toContain('sudah tidak berlaku');
    // Nor a forged removal.
    const [item] = await items();
    const budiMsg = await budi.ask('/bantuan');
    expect(await budi.pressData(budiMsg, `ev:rm:${item!.id}`)).toContain('sudah tidak berlaku');
    expect(await items()).toHaveLength(1);

    // The owner sees no remove button; the coordinator does.
    const ownerView = await choose(ana, /^✅ 16\./);
    expect(ownerView.message?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['⬅️ Daftar indikator']);
    const coordView = await choose(rina, /^✅ 16\./);
    expect(coordView.message?.text).toContain('1. 📄 SK.pdf');
    const removed = await rina.press('🗑 Hapus 1', coordView.message);
    expect(removed.answer).toContain('dihapus dari daftar');
    expect(removed.message?.text).toContain('Belum ada bukti');

    const [row] = await items();
    const [rinaRow] = await h.db.select().from(members).where(eq(members.telegramId, rina.id));
    expect(row?.removedBy).toBe(rinaRow!.id);
    expect(row?.removedAt).toBeInstanceOf(Date);
    expect((await ana.ask('/bukti 1')).text).toContain('0/20 indikator');
    // The coordinator may add as well.
    await choose(rina, /^⬜ 17\./);
    expect((await rina.sendDocument(pdfBytes('b'), { fileName: 'ST Tim.pdf' })).at(-1)?.text).toContain('Bukti dukung IGA: 1/20');
  });

  it("lets the idea's coach and co-authors add evidence, and not a coach once the coaching ends", async () => {
    const { ana, budi, rina } = await setup();
    expect((await budi.ask('/bukti 1')).text).toContain('hanya dapat dikelola oleh pengusulnya');
    await rina.send('/pendamping 1 @budi');
    await choose(budi, /^⬜ 16\./);
    expect((await budi.sendDocument(pdfBytes('c'), { fileName: 'SK Tim.pdf' })).at(-1)?.text).toContain('Bukti dukung IGA: 1/20');
    await rina.send('/pendamping 1 hapus @budi');
    expect((await budi.ask('/bukti 1')).text).toContain('hanya dapat dikelola oleh pengusulnya');
    expect((await ana.ask('/bukti 1')).text).toContain('1/20 indikator');
    // A co-author the owner adds may add evidence too.
    await ana.send('/rekan 1 @budi');
    await choose(budi, /^⬜ 17\./);
    expect((await budi.sendDocument(pdfBytes('d'), { fileName: 'ST.pdf' })).at(-1)?.text).toContain('Bukti dukung IGA: 2/20');
  });

  it('gives coordinators the recap by PD, and the weekly digest during the reporting season', async () => {
    const { ana, rina } = await setup();
    await choose(ana, /^⬜ 16\./);
    await ana.sendDocument(pdfBytes('a'), { fileName: 'SK.pdf' });
    expect((await ana.ask('/bukti_rekap')).text).toContain('hanya untuk koordinator');

    const recap = (await rina.ask('/bukti_rekap 2026')).text!;
    expect(recap).toContain('Kelengkapan bukti dukung Indeks Inovasi Daerah 2026');
    expect(recap).toContain('Dinas Ketahanan Pangan');
    expect(recap).toContain('#1 Getar Dilan: 1/20 — wajib belum ada: Ketersediaan SDM, Kecepatan penciptaan inovasi, Kemanfaatan inovasi, Video inovasi');
    expect(recap).toContain('Indikator yang paling sering belum ada buktinya');
    expect(recap).toContain('Ana Lestari (@ana) — #1 Getar Dilan, DKP: 1/20');
    expect((await rina.ask('/bukti_rekap dua')).text).toContain('Cara pakai');

    // No digest outside the season (30 November); on the season's Monday at 08.00 WITA, one each.
    await h.runJobs();
    expect(h.api.botMessages(rina.id).some((m) => m.text?.includes('Ringkasan mingguan'))).toBe(false);
    h.clock.set(new Date('2026-06-01T00:00:00Z')); // Senin, 1 Juni 2026 · 08.00 WITA
    await h.runJobs();
    await h.runJobs();
    await h.settle();
    const digests = h.api.botMessages(rina.id).filter((m) => m.text?.includes('Ringkasan mingguan masa pelaporan IGA'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('Pelaporan ditutup Senin, 31 Agustus 2026');
    expect(digests[0]!.text).toContain('#1 Getar Dilan: 1/20');
    expect(h.api.botMessages(ana.id).some((m) => m.text?.includes('Ringkasan mingguan'))).toBe(false);
  });

  it('speaks English to members who use it: the list, the confirmations, the ZIP folders and its index', async () => {
    const eve = h.user('Eve', { username: 'eve', language_code: 'en' });
    await eve.register('Eve Walker', 'Dinas Kesehatan');
    await eve.send('/pitch Rompi KPK — anti-corruption class for staff');
    const overview = await eve.ask('/evidence 1');
    expect(overview.text).toContain('Regional Innovation Index 2026 evidence');
    expect(overview.reply_markup!.inline_keyboard.flat()[0]!.text).toBe('⬜ 16. Regional innovation regulation ❗');
    const view = await eve.press(/^⬜ 16\./, overview);
    expect(view.message?.text).toContain('Evidence asked for: The act naming the innovation');
    const sk = pdfBytes('decree');
    expect((await eve.sendDocument(sk, { fileName: 'Decree.pdf' })).at(-1)?.text).toContain('is stored as evidence for indicator 16. Regional innovation regulation.\nIGA evidence: 1/20.');
    expect((await eve.sendDocument(Buffer.from('x'), { fileName: 'tool.exe' })).at(-1)?.text).toContain('This type of file is not accepted as evidence');
    const doc = (await eve.send('/evidence 1 download')).find((m) => m.document)?.document;
    expect(doc?.file_name).toBe('IGA evidence 2026 - Rompi KPK.zip');
    const zip = await JSZip.loadAsync(doc!.content);
    expect(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort()).toEqual(['00 Evidence index.xlsx', '16 Regional innovation regulation/16-1 Decree.pdf']);
    expect((await zip.file('16 Regional innovation regulation/16-1 Decree.pdf')!.async('nodebuffer')).equals(sk)).toBe(true);
    // A pitched idea without evidence keeps its card as it was.
    expect((await eve.ask('/ideas 1')).text).toContain('IGA evidence: 1/20');
    await eve.send('/pitch Peta Baper — participatory mapping');
    expect((await eve.ask('/ideas 2')).text).not.toContain('IGA evidence');
  });

  it('keeps evidence out of groups: /bukti there points to the private chat, and files sent there are left alone', async () => {
    const { ana } = await setup();
    const group = h.api.createGroup({ title: 'Forum Warkop' });
    h.api.addBotToGroup(group, ana.user);
    await h.settle();
    expect((await ana.send('/bukti 1', { chat: group })).at(-1)?.text).toBe('Perintah ini hanya dapat digunakan di percakapan pribadi dengan bot.');
    await choose(ana, /^⬜ 16\./);
    expect(await ana.sendDocument(pdfBytes('g'), { fileName: 'SK.pdf', chat: group })).toEqual([]);
    expect(await items()).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ideas, ideaStageEvents, outbox } from '../../../../src/db/schema/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';

const ADMIN_ID = 900_001;

describe.each(engines)('stage moves (%s)', (engine) => {
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
    return { ana, budi, rina };
  }

  const stageOf = async (id: number) => (await h.db.select().from(ideas).where(eq(ideas.id, id)))[0]?.stage;

  it('lets the owner move one step forward up to trial, by command and by the card button', async () => {
    const { ana } = await setup();
    expect((await ana.ask('/tahap 1 dibahas')).text).toBe('✅ Ide #1 Getar Dilan dipindahkan dari Usulan ke Dibahas.');
    const card = await ana.ask('/ide 1');
    expect(card.text).toContain('📍 Usulan ▸ [Dibahas] ▸ Inisiatif ▸ Uji coba ▸ Diterapkan');
    const pressed = await ana.press('➡️ Inisiatif', card);
    expect(pressed.answer).toContain('dipindahkan dari Dibahas ke Inisiatif');
    expect(pressed.message?.text).toContain('Usulan ▸ Dibahas ▸ [Inisiatif] ▸ Uji coba');
    expect(pressed.message?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('➡️ Uji coba');
    h.clock.advance(24 * 3600_000);
    expect((await ana.ask('/tahap 1 UJI_COBA Mulai di Kecamatan Masamba')).text).toContain('dari Inisiatif ke Uji coba');
    const [row] = await h.db.select().from(ideas);
    expect(row?.trialStartedOn).toBe('2026-12-01');
    // At trial the owner's ➡️ disappears: implementation is the coordinators' call.
    const atTrial = await ana.ask('/ide 1');
    expect(atTrial.reply_markup?.inline_keyboard.flat().some((b) => b.text.startsWith('➡️'))).toBe(false);
    expect(atTrial.text).toContain('🗓 Mulai uji coba: 1 Des 2026');
  });

  it('refuses every move an owner or another member may not make, with the reason', async () => {
    const { ana, budi } = await setup();
    await ana.send('/usul Rompi KPK — kelas pencegahan korupsi untuk pegawai');
    expect((await ana.ask('/tahap 2 inisiatif')).text).toContain('satu tahap ke depan');
    expect((await ana.ask('/tahap 1 usulan')).text).toContain('sudah berada di tahap Usulan');
    expect((await ana.ask('/tahap 1 arsip bosan')).text).toContain('Hanya koordinator yang dapat mengarsipkan');
    expect((await budi.ask('/tahap 1 dibahas')).text).toContain('Hanya pengusul ide dan koordinator');
    expect((await budi.ask('/tahap 1')).text).toContain('Anda tidak dapat memindahkan tahap ide ini');
    await ana.send('/tahap 1 dibahas');
    expect((await ana.ask('/tahap 1 usulan')).text).toContain('satu tahap ke depan');
    await ana.send('/tahap 1 inisiatif');
    await ana.send('/tahap 1 uji coba');
    expect((await ana.ask('/tahap 1 diterapkan')).text).toContain('sampai tahap Uji coba');
    expect((await ana.ask('/tahap 1 direplikasi')).text).toContain('satu tahap ke depan');
    expect(await stageOf(1)).toBe('trial');
    expect(await stageOf(2)).toBe('pitched');
  });

  it('explains bad /tahap input', async () => {
    const { ana } = await setup();
    expect((await ana.ask('/tahap')).text).toContain('Cara pakai: /tahap 12 dibahas');
    expect((await ana.ask('/tahap abc dibahas')).text).toContain('“abc” bukan nomor ide');
    expect((await ana.ask('/tahap 99 dibahas')).text).toContain('Ide #99 tidak ditemukan');
    expect((await ana.ask('/tahap 1 terbang')).text).toContain('Tahap “terbang” tidak dikenal');
    expect((await ana.ask(`/tahap 1 dibahas ${'n'.repeat(501)}`)).text).toContain('Catatan terlalu panjang');
    expect(await stageOf(1)).toBe('pitched');
  });

  it('lets a coordinator move anywhere, requires a reason to archive, reopens, records history and tells the owner', async () => {
    const { ana, rina } = await setup();
    expect((await rina.ask('/tahap 1 diterapkan Sudah rutin di 3 desa')).text).toContain('dari Usulan ke Diterapkan');
    const notice = h.api.lastBotMessage(ana.id)!;
    expect(notice.text).toBe('📍 Ide Anda #1 Getar Dilan dipindahkan dari Usulan ke Diterapkan oleh Rina Koordinator.\nCatatan: “Sudah rutin di 3 desa”');
    const [row] = await h.db.select().from(ideas);
    expect(row?.implementedOn).toBe('2026-11-30');

    expect((await rina.ask('/tahap 1 arsip')).text).toContain('Mengarsipkan ide memerlukan alasan');
    expect((await rina.ask('/tahap 1 diarsipkan Sudah ada inovasi serupa di provinsi')).text).toContain('ke Diarsipkan');
    const archived = await ana.ask('/ide 1');
    expect(archived.text).toContain('📍 [Diarsipkan]');
    expect(archived.text).toContain('🗄 Diarsipkan: Sudah ada inovasi serupa di provinsi');
    expect((await ana.ask('/tahap 1 dibahas')).text).toContain('hanya koordinator yang dapat membukanya kembali');

    const card = await rina.ask('/ide 1');
    const reopened = await rina.press('♻️ Buka kembali (Diterapkan)', card);
    expect(reopened.message?.text).toContain('[Diterapkan]');
    expect(await stageOf(1)).toBe('implemented');

    const events = await h.db.select().from(ideaStageEvents).where(eq(ideaStageEvents.ideaId, 1)).orderBy(asc(ideaStageEvents.id));
    expect(events.map((e) => [e.fromStage, e.toStage, e.note])).toEqual([
      [null, 'pitched', null],
      ['pitched', 'implemented', 'Sudah rutin di 3 desa'],
      ['implemented', 'archived', 'Sudah ada inovasi serupa di provinsi'],
      ['archived', 'implemented', null],
    ]);
    expect(events.every((e) => e.actorId !== null && e.createdAt instanceof Date)).toBe(true);
    const history = (await ana.ask('/ide 1')).text!;
    expect(history).toContain('🕘 Riwayat');
    expect(history).toContain('— diusulkan oleh Ana Lestari');
    expect(history).toContain('— Usulan → Diterapkan oleh Rina Koordinator: “Sudah rutin di 3 desa”');
    expect(history).toContain('— Diarsipkan → Diterapkan oleh Rina Koordinator');
    // Three coordinator moves, three notices to the owner, all sent.
    const owed = await h.db.select().from(outbox).where(eq(outbox.kind, 'idea.stage_owner'));
    expect(owed).toHaveLength(3);
    expect(owed.every((o) => o.status === 'sent')).toBe(true);
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.startsWith('📍 Ide Anda'))).toHaveLength(3);
  });

  it('offers the allowed stages as buttons, asks for an archive reason and refuses stale buttons', async () => {
    const { ana, rina } = await setup();
    const chooser = await rina.ask('/tahap 1');
    expect(chooser.text).toContain('sekarang di tahap Usulan');
    expect(chooser.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Dibahas', 'Inisiatif', 'Uji coba', 'Diterapkan', 'Direplikasi', '🗄 Arsipkan']);
    const stale = await rina.ask('/tahap 1');
    const moved = await rina.press('Dibahas', chooser);
    expect(moved.message?.text).toContain('dari Usulan ke Dibahas');
    expect((await rina.press('Inisiatif', stale)).answer).toContain('sudah berubah');
    expect(await stageOf(1)).toBe('discussed');

    const again = await rina.ask('/tahap 1');
    const ask = (await rina.press('🗄 Arsipkan', again)).replies.at(-1)!;
    expect(ask.text).toContain('Tulis alasan pengarsipan ide #1 Getar Dilan');
    expect((await rina.ask('Digabung dengan ide #5')).text).toContain('ke Diarsipkan');
    expect((await h.db.select().from(ideas))[0]).toMatchObject({ stage: 'archived', archivedReason: 'Digabung dengan ide #5' });

    const ownerChooser = await ana.ask('/tahap 1');
    expect(ownerChooser.text).toContain('hanya koordinator yang dapat membukanya kembali');
  });
});

import { describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { ideas } from '../../../../src/db/schema/index.js';
import { countIdeas } from '../../../../src/domain/ideas/list.js';
import { translator } from '../../../../src/i18n/index.js';
import type { StoredMessage } from '../../../../src/dev/telegram-double/index.js';
import { engines } from '../../../helpers/databases.js';
import { useHarness } from '../../../helpers/harness.js';
import { agencyId, memberOf, seedIdea } from '../../../helpers/ideas.js';

const ids = (m: StoredMessage | undefined) => [...(m?.text ?? '').matchAll(/^#(\d+) /gm)].map((x) => Number(x[1]));
const labels = (m: StoredMessage | undefined) => m?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];

describe.each(engines)('listing ideas (%s)', (engine) => {
  const h = useHarness(engine);

  /** 27 ideas: Ana (DKP) #1–#15, Budi (Dinkes) #16–#27; #1–#5 pitched in 2025; every third one discussed. */
  async function seed() {
    const ana = h.user('Ana');
    const budi = h.user('Budi');
    await ana.register('Ana Lestari', 'Dinas Ketahanan Pangan');
    await budi.register('Budi Santoso', 'Dinkes');
    const a = await memberOf(h, ana);
    const b = await memberOf(h, budi);
    const dkp = await agencyId(h, 'DKP');
    const dinkes = await agencyId(h, 'Dinkes');
    for (let i = 1; i <= 27; i++) {
      const at = new Date(Date.UTC(i <= 5 ? 2025 : 2026, 0, 10, 2, i));
      await seedIdea(h, {
        name: `Inovasi Nomor ${i}`,
        ownerId: i <= 15 ? a.id : b.id,
        agencyId: i <= 15 ? dkp : dinkes,
        at,
        moves: i % 3 === 0 ? [{ to: 'discussed', at }] : [],
      });
    }
    return { ana, budi };
  }

  it('pages through 27 ideas newest first, stable while new ideas arrive', async () => {
    const { ana, budi } = await seed();
    const page1 = await budi.ask('/ide');
    expect(page1.text).toContain('Ide inovasi — 27 ide · halaman 1');
    expect(ids(page1)).toEqual([27, 26, 25, 24, 23, 22, 21, 20, 19, 18]);
    expect(labels(page1)).toContain('#27');
    expect(labels(page1)).not.toContain('◀️ Sebelumnya');

    const page2 = (await budi.press('Berikutnya ▶️', page1)).message!;
    expect(page2.message_id).toBe(page1.message_id);
    expect(page2.text).toContain('halaman 2');
    expect(ids(page2)).toEqual([17, 16, 15, 14, 13, 12, 11, 10, 9, 8]);

    // A new pitch while someone is on page 2 shifts nothing under them.
    await ana.send('/usul Ide Paling Baru — ringkasan ide yang paling baru');
    const page3 = (await budi.press('Berikutnya ▶️', page2)).message!;
    expect(page3.text).toContain('halaman 3');
    expect(ids(page3)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(labels(page3)).not.toContain('Berikutnya ▶️');
    const back = (await budi.press('◀️ Sebelumnya', page3)).message!;
    expect(ids(back)).toEqual([17, 16, 15, 14, 13, 12, 11, 10, 9, 8]);
    const top = (await budi.press('◀️ Sebelumnya', back)).message!;
    expect(ids(top)).toEqual([27, 26, 25, 24, 23, 22, 21, 20, 19, 18]);
    // …and the newcomer is one more page up.
    const newest = (await budi.press('◀️ Sebelumnya', top)).message!;
    expect(ids(newest)).toEqual([28]);
    expect(newest.text).toContain('28 ide · halaman 1');

    for (const button of [page1, page2, page3, back].flatMap((m) => m.reply_markup?.inline_keyboard.flat() ?? [])) {
      expect(Buffer.byteLength(button.callback_data ?? '', 'utf8')).toBeLessThanOrEqual(64);
    }
    const opened = await budi.press('#28', newest);
    expect(opened.replies.at(-1)?.text).toContain('💡 #28 Ide Paling Baru');
  });

  it('filters by stage, agency, year and “saya” given as arguments', async () => {
    const { ana, budi } = await seed();
    const discussed = await budi.ask('/ide dibahas');
    expect(discussed.text).toContain('9 ide');
    expect(discussed.text).toContain('Filter: Dibahas');
    expect(ids(discussed)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3]);
    const dinkes = await ana.ask('/ide Dinkes');
    expect(dinkes.text).toContain('12 ide');
    expect(dinkes.text).toContain('Filter: Dinkes');
    expect(ids(dinkes)).toEqual([27, 26, 25, 24, 23, 22, 21, 20, 19, 18]);
    const year = await ana.ask('/ide tahun 2025');
    expect(ids(year)).toEqual([5, 4, 3, 2, 1]);
    expect(year.text).toContain('Filter: tahun 2025');
    const mine = await ana.ask('/ide saya dibahas');
    expect(ids(mine)).toEqual([15, 12, 9, 6, 3]);
    expect(mine.text).toContain('Filter: Dibahas · ide saya');
    const combined = await ana.ask('/ide uji coba Dinkes 2026');
    expect(combined.text).toContain('Tidak ada ide yang cocok dengan filter ini.');
    expect((await ana.ask('/ide tahun abcd')).text).toContain('Filter “tahun abcd” tidak dikenali');
  });

  it('filters with buttons and keeps the filter while paging', async () => {
    const { budi } = await seed();
    const list = await budi.ask('/ide');
    const picker = (await budi.press('🏷 Tahap', list)).message!;
    expect(labels(picker)).toEqual(expect.arrayContaining(['Usulan', 'Dibahas', 'Diarsipkan', 'Semua', '↩️ Kembali']));
    const filtered = (await budi.press('Usulan', picker)).message!;
    expect(filtered.text).toContain('18 ide · halaman 1');
    expect(filtered.text).toContain('Filter: Usulan');
    const next = (await budi.press('Berikutnya ▶️', filtered)).message!;
    expect(ids(next)).toEqual([11, 10, 8, 7, 5, 4, 2, 1]);
    const agencyPicker = (await budi.press('🏢 PD', next)).message!;
    expect(labels(agencyPicker)).toEqual(expect.arrayContaining(['DKP', 'Dinkes']));
    const dkp = (await budi.press('DKP', agencyPicker)).message!;
    expect(dkp.text).toContain('Filter: Usulan · DKP');
    expect(ids(dkp)).toEqual([14, 13, 11, 10, 8, 7, 5, 4, 2, 1]);
    const yearPicker = (await budi.press('📅 Tahun', dkp)).message!;
    expect(labels(yearPicker)).toEqual(expect.arrayContaining(['2026', '2025']));
    const y2025 = (await budi.press('2025', yearPicker)).message!;
    expect(ids(y2025)).toEqual([5, 4, 2, 1]);
    const mine = (await budi.press('👤 Ide saya', y2025)).message!;
    expect(mine.text).toContain('Tidak ada ide yang cocok');
    const cleared = (await budi.press('✖️ Hapus filter', mine)).message!;
    expect(cleared.text).toContain('27 ide · halaman 1');
    expect(cleared.text).not.toContain('Filter:');
  });

  it('starts again from the first page when the ideas of a page are gone', async () => {
    const { budi } = await seed();
    const page1 = await budi.ask('/ide');
    const page2 = (await budi.press('Berikutnya ▶️', page1)).message!;
    await h.db.update(ideas).set({ deletedAt: sql`now()` }).where(inArray(ideas.id, [1, 2, 3, 4, 5, 6, 7]));
    const pressed = await budi.press('Berikutnya ▶️', page2);
    expect(pressed.answer).toBe('Halaman ini sudah tidak tersedia; ditampilkan halaman pertama.');
    expect(ids(pressed.message)).toEqual([27, 26, 25, 24, 23, 22, 21, 20, 19, 18]);
    expect(pressed.message?.text).toContain('20 ide · halaman 1');
    expect(await budi.pressData(page1, 'il:p:2:n9:zz')).toBe('Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.');
  });

  it('stops counting at the cap and says "more than"', async () => {
    await seed();
    const tz = 'Asia/Makassar';
    expect(await countIdeas(h.db, {}, undefined, tz)).toEqual({ count: 27, more: false });
    expect(await countIdeas(h.db, {}, undefined, tz, 27)).toEqual({ count: 27, more: false });
    expect(await countIdeas(h.db, {}, undefined, tz, 20)).toEqual({ count: 20, more: true });
    expect(await countIdeas(h.db, { stage: 'discussed' }, undefined, tz, 5)).toEqual({ count: 5, more: true });
    expect(await countIdeas(h.db, { stage: 'discussed', year: 2025 }, undefined, tz, 5)).toEqual({ count: 1, more: false });
    expect(translator('id')('ideas.list.title', { count: 10000, more: true, page: 1 }).toString()).toContain('lebih dari 10000 ide · halaman 1');
    expect(translator('en')('ideas.list.title', { count: 10000, more: true, page: 2 }).toString()).toContain('more than 10000 ideas · page 2');
  });
});

import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { agencies } from '../../../src/db/schema/index.js';
import { engines } from '../../helpers/databases.js';
import { useHarness } from '../../helpers/harness.js';
import { seedRecap } from '../../helpers/recap-data.js';

const ADMIN_ID = 900_001;

describe.each(engines)('One Agency One Innovation recap (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [ADMIN_ID] });

  it('computes the 2026 recap per active agency, those without an implemented innovation first', async () => {
    const admin = await seedRecap(h);
    const active = (await h.db.select().from(agencies).where(eq(agencies.active, true))).length;
    const parts = await admin.send('/rekap');
    const text = parts.map((p) => p.text).join('\n');
    expect(text).toContain('Rekap Satu Perangkat Daerah Satu Inovasi 2026');
    expect(text).toContain(`Tercapai: 2 dari ${active} perangkat daerah.`);
    expect(text).toContain(`❌ Belum ada inovasi diterapkan (${active - 2})`);
    expect(text).toContain('✅ Sudah ada inovasi diterapkan (2)');
    expect(text).toContain('• BKAD — 3 ide (3 Usulan)');
    expect(text).toContain('• Bapenda — 1 ide (1 Diarsipkan)\n');
    expect(text).toContain('• Disdukcapil — belum ada ide\n');
    expect(text).toContain('• DKP — 3 ide (1 Usulan, 1 Uji coba, 1 Diterapkan) · ✅ 1 diterapkan · 🏆 1');
    expect(text).toContain('• Dinkes — 2 ide (1 Dibahas, 1 Diarsipkan) · ✅ 1 diterapkan');
    expect(text).not.toContain('Diskominfo');
    expect(text).toContain(
      `Jumlah: 9 ide diusulkan (4 Usulan, 1 Dibahas, 1 Uji coba, 1 Diterapkan, 2 Diarsipkan) · 2 inovasi diterapkan · 1 hasil kompetisi · 2/${active} perangkat daerah tercapai`,
    );
    // Order: every agency that has not met the target comes before the two that have.
    const bkad = text.indexOf('• BKAD');
    const dkp = text.indexOf('• DKP');
    const dinkes = text.indexOf('• Dinkes');
    const metHeading = text.indexOf('✅ Sudah ada');
    expect(bkad).toBeLessThan(metHeading);
    expect(metHeading).toBeLessThan(dinkes);
    expect(dinkes).toBeLessThan(dkp);
    for (const part of parts) expect(part.text!.length).toBeLessThanOrEqual(4096);
  });

  it('counts another year on its own, and explains a bad year', async () => {
    const admin = await seedRecap(h);
    const text = (await admin.send('/rekap 2025')).map((p) => p.text).join('\n');
    expect(text).toContain('Rekap Satu Perangkat Daerah Satu Inovasi 2025');
    expect(text).toContain('• Disdukcapil — 1 ide (1 Diterapkan) · ✅ 1 diterapkan');
    // Pitched in 2025 and implemented in 2026: counted as a 2025 idea, not as a 2025 implementation.
    expect(text).toContain('• Dinkes — 1 ide (1 Diterapkan) · 🏆 1\n');
    // 2025-12-31 16:30 UTC is already 2026 in WITA.
    expect(text).toContain('• BKAD — belum ada ide\n');
    expect(text).toContain('Tercapai: 1 dari');
    expect((await admin.ask('/rekap 20x6')).text).toContain('Tahun “20x6” tidak valid');
    expect((await admin.ask('/rekap 1899')).text).toContain('tidak valid');
  });

  it('splits a long recap cleanly between lines', async () => {
    const admin = h.user('Admin', { id: ADMIN_ID });
    await admin.register('Rina Koordinator', 'Bagian Organisasi');
    // Many agencies with long names: more than one message is needed.
    for (let i = 0; i < 60; i++) {
      await h.db.insert(agencies).values({ name: `Unit Pelaksana Teknis Daerah Nomor ${i}`, shortName: `UPTD Pelayanan Terpadu Satu Pintu ${String(i).padStart(2, '0')}` });
    }
    const parts = await admin.send('/rekap');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.text!.length).toBeLessThanOrEqual(4096);
      expect(part.html).not.toMatch(/<b>[^<]*$/);
    }
    const all = parts.map((p) => p.text).join('\n');
    expect(all.match(/^• UPTD Pelayanan Terpadu Satu Pintu \d\d — belum ada ide$/gm)).toHaveLength(60);
    expect(parts.at(-1)?.text).toContain('Jumlah: 0 ide diusulkan');
  });
});

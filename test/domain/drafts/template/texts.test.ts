import { describe, expect, it } from 'vitest';
import { finalistAwards } from '../../../../src/domain/ideas/awards.js';
import { findLayout, layoutFields } from '../../../../src/domain/drafts/layout.js';
import { minutesExcerpt } from '../../../../src/domain/drafts/sources.js';
import { draftMeta, writeTemplateDraft } from '../../../../src/domain/drafts/template/index.js';
import { countWords, lowerFirst } from '../../../../src/domain/drafts/words.js';
import { completeSources, oneLineSources } from '../fixtures.js';

/** Issue #11: the draft uses what the bot knows, in prose a person would write. */
const layout = findLayout('kipp-umum-2023')!;
const NOW = new Date('2026-12-04T01:00:00Z');
const opts = (lang: 'id' | 'en' = 'id') => ({ lang, tz: 'Asia/Makassar', now: NOW });

describe('the draft of an idea pitched in one line', () => {
  it('has no section without text of its own, and uses the pitch, comment, stage note and minutes', () => {
    for (const lang of ['id', 'en'] as const) {
      const d = writeTemplateDraft(oneLineSources(), layout, opts(lang));
      for (const f of layoutFields(layout)) expect(countWords(d[f.key]!), `${lang} ${f.key}`).toBeGreaterThanOrEqual(8);
      const all = Object.values(d).join('\n');
      expect(d.summary).toContain('lansia yang tinggal sendiri tidak terpantau');
      expect(d.background).toContain('lansia yang tinggal sendiri tidak terpantau');
      expect(d.novelty).toContain('pendamping desa menyapa mereka tiap minggu');
      expect(all).toContain('banyak pasien lansia yang pulang tanpa pendamping');
      expect(all).toContain('Dibahas pada Warkop Indah bulan November');
      expect(all).toContain('Sapa Lansia disepakati untuk dirancang bersama Dinas Sosial dan DPMD');
    }
    const d = writeTemplateDraft(oneLineSources(), layout, opts());
    expect(d.background).toMatch(/^Dalam usulannya, Ana Lestari, S\.Sos\. menulis bahwa lansia yang tinggal sendiri tidak terpantau; pendamping desa menyapa mereka tiap minggu\. \[Lengkapi: uraikan lebih rinci/);
    expect(d.novelty).toContain('[Lengkapi: uraikan lebih rinci gagasan inovasi');
    expect(d.novelty).not.toContain('[Lengkapi: uraikan gagasan inovasi');
  });
});

describe('awards in the draft', () => {
  it('shows each award once, as entered, with its level, and derives the finalist line from them', () => {
    const s = completeSources();
    s.awards = [
      { competition: 'JIPP', level: 'provinsi', year: 2026, result: 'TOP 30 KIPP Sulsel 2026' },
      { competition: 'KIPP', level: 'nasional', year: 2027, result: 'TOP 99 KIPP 2027' },
      { competition: 'other', level: 'kabupaten', year: 2025, result: 'Peserta seleksi kabupaten' },
    ];
    const d = writeTemplateDraft(s, layout, opts());
    expect(d.summary).toContain(
      'Capaian yang tercatat: TOP 30 KIPP Sulsel 2026 (tingkat provinsi), TOP 99 KIPP 2027 (tingkat nasional) dan Peserta seleksi kabupaten 2025 (tingkat kabupaten).',
    );
    expect(d.summary).not.toMatch(/JIPP|KIPP 2027 KIPP/);
    const finalist = draftMeta(s, layout, opts()).header.find((h) => h.key === 'previousFinalist')!.value;
    expect(finalist).toBe('Ya — TOP 30 KIPP Sulsel 2026 (tingkat provinsi) dan TOP 99 KIPP 2027 (tingkat nasional)');
  });

  it('counts a province Top 30 (the demo Getar Dilan) as a finalist, and an entrant as none', () => {
    const s = completeSources();
    s.awards = [
      { competition: 'other', level: 'kabupaten', year: 2023, result: 'Top 7 seleksi inovasi kabupaten' },
      { competition: 'JIPP', level: 'provinsi', year: 2023, result: 'Top 30 KIPP Provinsi Sulawesi Selatan' },
    ];
    expect(draftMeta(s, layout, opts()).header.find((h) => h.key === 'previousFinalist')!.value).toBe(
      'Ya — Top 30 KIPP Provinsi Sulawesi Selatan 2023 (tingkat provinsi)',
    );
    expect(finalistAwards([{ competition: 'KIPP', result: 'Peserta KIPP 2025' }], 'KIPP')).toEqual([]);
    s.awards = [{ competition: 'KIPP', level: 'provinsi', year: 2024, result: 'Top 30' }];
    expect(writeTemplateDraft(s, layout, opts()).summary).toContain('Top 30 KIPP 2024 (tingkat provinsi)');
  });
});

describe('prose', () => {
  it('continues sentences with the field instead of stitching “sebagai berikut.” before it', () => {
    const s = completeSources();
    s.idea.problem = 'Data balita di posyandu tidak terpantau.';
    s.idea.beneficiaries = 'Balita, ibu hamil';
    const d = writeTemplateDraft(s, layout, opts());
    const all = Object.values(d).join('\n');
    expect(all).not.toMatch(/sebagai berikut\. \p{Lu}/u);
    expect(all).not.toMatch(/adalah \p{Lu}\p{Ll}/u);
    expect(d.summary).toContain('Inovasi ini lahir karena data balita di posyandu tidak terpantau.');
    expect(d.summary).toContain('Penerima manfaat utamanya adalah balita, ibu hamil.');
    expect(d.background).toContain('Sebelum ada Getar Dilan, data balita di posyandu tidak terpantau.');
  });

  it('lowers a continuing first letter, but not of acronyms or names', () => {
    expect(lowerFirst('Data balita')).toBe('data balita');
    expect(lowerFirst('Kader PKK mendampingi')).toBe('kader PKK mendampingi');
    expect(lowerFirst('ASN belum paham')).toBe('ASN belum paham');
    expect(lowerFirst('Dinas Kesehatan menyediakan')).toBe('Dinas Kesehatan menyediakan');
    expect(lowerFirst('SiPaKaTau dipakai')).toBe('SiPaKaTau dipakai');
    expect(lowerFirst('Balita, ibu hamil')).toBe('balita, ibu hamil');
  });
});

describe('minutes', () => {
  it('quotes only the part that concerns the idea', () => {
    const idea = { id: 1, name: 'Sapa Lansia' };
    expect(minutesExcerpt('Sapa Lansia disepakati untuk dirancang bersama Dinsos. Getar Dilan ditunda ke bulan depan.', idea)).toBe(
      'Sapa Lansia disepakati untuk dirancang bersama Dinsos.',
    );
    expect(minutesExcerpt('1. Getar Dilan: perlu data desa.\n\n2. #1 lanjut ke uji coba.\nPenanggung jawab: Dinsos.', idea)).toBe(
      '2. #1 lanjut ke uji coba.\nPenanggung jawab: Dinsos.',
    );
    expect(minutesExcerpt('Disepakati untuk dirancang bersama Dinsos.', idea)).toBe('Disepakati untuk dirancang bersama Dinsos.');
    expect(minutesExcerpt('Getar Dilan ditunda. Rompi KPK dilanjutkan.', idea)).toBe('');
    expect(minutesExcerpt('Sesi membahas #12 dan #10.', idea)).toBe('');
  });

});

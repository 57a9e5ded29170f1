import { describe, expect, it } from 'vitest';
import { allLayouts, findLayout, layoutFields, type Layout } from '../../../src/domain/drafts/layout.js';
import { draftMeta, fitParagraphs, writeTemplateDraft } from '../../../src/domain/drafts/template/index.js';
import { countAllWords, countWords, todosIn } from '../../../src/domain/drafts/words.js';
import { completeSources, sparseSources } from './fixtures.js';

const layout = findLayout('kipp-umum-2023')!;
const NOW = new Date('2026-11-30T01:00:00Z');
const opts = (lang: 'id' | 'en' = 'id') => ({ lang, tz: 'Asia/Makassar', now: NOW });

function expectWithinLimits(l: Layout, sections: Record<string, string>) {
  for (const f of layoutFields(l)) {
    const text = sections[f.key];
    expect(text, f.key).toBeTruthy();
    // Notes included: the draft never starts over the limit.
    expect(countAllWords(text!), f.key).toBeLessThanOrEqual(f.maxWords);
  }
}

describe('template draft', () => {
  it('writes a complete idea into every section, in order, within the limits', () => {
    const d = writeTemplateDraft(completeSources(), layout, opts());
    expect(Object.keys(d)).toEqual(layoutFields(layout).map((f) => f.key));
    expectWithinLimits(layout, d);
    expect(d.summary).toMatch(/^Getar Dilan \(Gerakan Tanam Sayur di Lahan Pekarangan\) adalah inovasi di bidang pelayanan publik yang bersifat non-digital dari Dinas Ketahanan Pangan\./);
    expect(d.summary).toContain('diuji coba mulai 1 Maret 2022 dan diterapkan secara rutin sejak 15 Januari 2023');
    expect(d.summary).toContain('4 ASN dari 3 perangkat daerah');
    expect(d.summary).toContain('Top 30 KIPP 2024 (tingkat provinsi)');
    expect(d.background).toContain('Sebelum ada Getar Dilan, angka stunting di Kecamatan Sabbang tinggi');
    expect(d.background).toContain('Citra (Dinkes) mencatat dalam diskusi forum: “Data posyandu');
    expect(d.background).toContain('Dalam sesi Warkop Indah pada 4 November 2021 dicatat');
    expect(d.implementation).toContain('dibahas dalam forum pada 4 November 2021, ditetapkan sebagai inisiatif pada 2 Desember 2021, mulai diuji coba pada 1 Maret 2022 dan diterapkan secara rutin sejak 15 Januari 2023');
    expect(d['adaptability.potential']).toContain('Dinkes dan DPMD menyatakan dukungan');
    expect(d.resources).toContain('diprakarsai oleh Andi Rahmawati, S.P.\n'.trim());
    expect(d.resources).not.toContain('S.P..');
    // Even a complete idea has no before/after figures in the forum: the draft asks for them.
    expect(d.significance).toContain('[Lengkapi: isi data sebelum/sesudah');
    expect(d.significance).toContain('DKP, Dinkes dan DPMD');
  });

  it('flags every missing part of a sparse idea and invents no figures', () => {
    const s = sparseSources();
    const d = writeTemplateDraft(s, layout, opts());
    expectWithinLimits(layout, d);
    expect(d.novelty).toContain('[Lengkapi: uraikan gagasan inovasi');
    expect(d.background).toContain('[Lengkapi: siapa yang terdampak');
    expect(d.significance).toContain('Inovasi ini belum diterapkan');
    expect(d.significance).toContain('[Lengkapi: isi data sebelum/sesudah');
    expect(d.sustainability).toContain('SK Kepala Inspektorat');
    // Every field carries a note, and every number in the draft comes from the data (the pitch date).
    for (const f of layoutFields(layout)) expect(todosIn(d[f.key]!).length, f.key).toBeGreaterThan(0);
    const numbers = new Set(Object.values(d).join(' ').replace(/\[Lengkapi:[^\]]*\]/g, '').match(/\d+/g));
    expect([...numbers].sort()).toEqual(['20', '2026']);
    const meta = draftMeta(s, layout, opts());
    expect(meta.warnings).toEqual(['Inovasi ini belum tercatat diterapkan. Proposal mensyaratkan penerapan minimal 1 tahun; periksa kembali sebelum mendaftar.']);
    expect(meta.header.find((h) => h.key === 'startedOn')?.value).toBe('[Lengkapi: tanggal mulai penerapan]');
  });

  it('speaks of a single supporter naturally', () => {
    const s = completeSources();
    s.supporters = s.supporters.slice(1, 2);
    const d = writeTemplateDraft(s, layout, opts());
    expect(d.summary).toContain('Di forum Warkop Indah, seorang ASN menyatakan dukungan terhadap gagasan ini.');
    expect(writeTemplateDraft(s, layout, opts('en')).summary).toContain('one civil servant has backed the idea.');
  });

  it('writes English for English-speaking members', () => {
    const d = writeTemplateDraft(completeSources(), layout, opts('en'));
    expectWithinLimits(layout, d);
    expect(d.summary).toMatch(/^Getar Dilan \(Gerakan Tanam Sayur di Lahan Pekarangan\) is a non-digital public service innovation of Dinas Ketahanan Pangan\./);
    expect(d.significance).toContain('[To add: fill in before/after data');
    expect(d.sustainability).toContain('discussed in a Warkop Indah session (4 November 2021)');
  });

  it('shortens long user text to the limit at a sentence', () => {
    const s = completeSources();
    s.idea.problem = Array.from({ length: 80 }, (_, i) => `Kalimat masalah nomor ${i} cukup panjang untuk mengisi ruang.`).join(' ');
    const d = writeTemplateDraft(s, layout, opts());
    expectWithinLimits(layout, d);
    expect(countAllWords(d.background!)).toBeGreaterThan(250);
    // Notes survive the cut.
    expect(d.background).toContain('[Lengkapi: tujuan yang terukur');
  });

  it('warns when the innovation is younger than the minimum', () => {
    const s = completeSources();
    s.idea.implementedOn = '2026-05-01';
    expect(draftMeta(s, layout, opts()).warnings).toEqual([
      'Inovasi ini diterapkan sejak 1 Mei 2026; syarat penerapan minimal 1 tahun baru terpenuhi pada 1 Mei 2027.',
    ]);
    expect(draftMeta(completeSources(), layout, opts()).warnings).toEqual([]);
  });

  it('writes sections of future layouts with the generic writer', () => {
    const future = structuredClone(layout);
    future.sections[2]!.writer = undefined;
    future.sections[2]!.feeds = ['idea.solution', 'supporters'];
    const d = writeTemplateDraft(completeSources(), future, opts());
    expect(d.novelty).toMatch(/^\[Lengkapi: Uraikan gagasan inovasi dan apa yang baru/);
    expect(d.novelty).toContain('Melalui inovasi ini, kader PKK dan penyuluh pertanian');
    expect(d.novelty).toContain('4 ASN dari 3 perangkat daerah');
  });

  it('keeps notes whole and cuts facts first', () => {
    const text = fitParagraphs([[{ text: 'satu dua tiga empat lima enam tujuh delapan sembilan sepuluh. sebelas dua belas.' }, { text: '[Lengkapi: data]', todo: true }]], 10);
    expect(countAllWords(text)).toBeLessThanOrEqual(10);
    expect(text).toContain('[Lengkapi: data]');
    expect(countWords('Ini [Lengkapi: angka sebelum] teks.')).toBe(2);
  });

  it('has a template for every committed layout', () => {
    for (const l of allLayouts()) expectWithinLimits(l, writeTemplateDraft(sparseSources(), l, opts()));
  });
});

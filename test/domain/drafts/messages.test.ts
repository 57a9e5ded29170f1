import { describe, expect, it } from 'vitest';
import { findLayout } from '../../../src/domain/drafts/layout.js';
import { draftMessages, draftTextHtml, sectionMessages } from '../../../src/domain/drafts/messages.js';
import { writeTemplateDraft, draftMeta } from '../../../src/domain/drafts/template/index.js';
import { raw, translator } from '../../../src/i18n/index.js';
import { splitHtmlText } from '../../../src/telegram/split-text.js';
import { completeSources } from './fixtures.js';

const layout = findLayout('kipp-umum-2023')!;
const t = translator('id');
const opts = { lang: 'id' as const, tz: 'Asia/Makassar', now: new Date('2026-11-30T01:00:00Z') };

describe('draft messages', () => {
  it('shows each section with its word count against the limit', () => {
    const sections = writeTemplateDraft(completeSources(), layout, opts);
    sections.significance = Array.from({ length: 512 }, () => 'kata').join(' ');
    const messages = draftMessages(t, layout, 'id', { ideaName: 'Getar Dilan', version: 2, sections, meta: draftMeta(completeSources(), layout, opts) }, raw('template'));
    expect(messages).toHaveLength(9);
    expect(messages[0]!.toString()).toContain('📝 <b>Getar Dilan</b> — draf v2');
    expect(messages[0]!.toString()).toContain('Judul inovasi: Getar Dilan (Gerakan Tanam Sayur di Lahan Pekarangan)');
    expect(messages[0]!.toString()).toContain('Tautan video: <i>[Lengkapi: tautan video profil inovasi]</i>');
    expect(messages[5]!.toString()).toMatch(/^<b>5\. Signifikansi<\/b> — 512\/600 kata\n\n/);
    expect(messages[6]!.toString()).toMatch(/^<b>6\. Adaptabilitas<\/b> — \d+\/300 kata\n\n<b>a\. Replikasi yang sudah terjadi<\/b> — \d+\/100 kata\n\n/);
  });

  it('flags a section over its limit', () => {
    const [m] = sectionMessages(t, layout, 'id', layout.sections[0]!, { summary: Array.from({ length: 230 }, () => 'kata').join(' ') });
    expect(m!.toString()).toContain('<b>1. Ringkasan</b> — 230/200 kata ⚠️ melebihi batas, perlu dipangkas');
  });

  it('splits a long section between paragraphs and sentences, each part under 4096 characters', () => {
    const sentence = 'Pelayanan administrasi kependudukan di kecamatan kini selesai dalam satu hari kerja berkat antrean daring.';
    const para = Array.from({ length: 12 }, () => sentence).join(' ');
    const huge = Array.from({ length: 30 }, () => 'x'.repeat(9)).join(' ');
    const text = [...Array.from({ length: 8 }, () => para), `${'Satu paragraf sangat panjang. '.repeat(200)}`, huge].join('\n\n');
    const parts = sectionMessages(t, layout, 'id', layout.sections[4]!, { significance: text });
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, p] of parts.entries()) {
      const html = p.toString();
      expect(html.length).toBeLessThanOrEqual(4000);
      // Telegram would not need to split it further.
      expect(splitHtmlText(html)).toHaveLength(1);
      if (i > 0) expect(html).toMatch(/^<b>5\. Signifikansi<\/b> \(lanjutan\)\n\n/);
      expect(html).not.toMatch(/\s$/);
    }
    // Nothing lost: every sentence of the text is in some part.
    const joined = parts.map((p) => p.toString()).join(' ');
    expect(joined.split(sentence).length - 1).toBe(8 * 12);
  });

  it('escapes user text and italicises notes', () => {
    expect(draftTextHtml('<b>x</b> & [Lengkapi: angka]')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; <i>[Lengkapi: angka]</i>');
  });
});

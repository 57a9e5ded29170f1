import { describe, expect, it } from 'vitest';
import { formatDateTime, yearIn } from '../../src/i18n/format.js';
import { catalogues, html, raw, translator } from '../../src/i18n/index.js';

describe('dates the Indonesian way', () => {
  const thursdayNineWita = new Date('2026-12-03T01:00:00Z');
  it('formats in WITA', () => {
    expect(formatDateTime(thursdayNineWita, 'id', 'Asia/Makassar')).toBe('Kamis, 3 Desember 2026 · 09.00 WITA');
    expect(formatDateTime(thursdayNineWita, 'en', 'Asia/Makassar')).toBe('Thursday, 3 December 2026 · 09:00 WITA');
  });
  it('counts the year in the forum’s time zone', () => {
    expect(yearIn(new Date('2026-12-31T16:30:00Z'), 'Asia/Makassar')).toBe(2027);
    expect(yearIn(new Date('2026-12-31T15:30:00Z'), 'Asia/Makassar')).toBe(2026);
  });
});

describe('catalogues', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.id).sort());
  });
  it('never double the full stop after a value that ends with one (academic titles)', () => {
    const name = 'Budi Santoso, S.E.';
    expect(html`oleh ${name}.`.toString()).toBe('oleh Budi Santoso, S.E.');
    expect(html`oleh <b>${name}</b>.`.toString()).toBe('oleh <b>Budi Santoso, S.E.</b>');
    expect(html`oleh ${'Budi'}.`.toString()).toBe('oleh Budi.');
    expect(html`${name}...`.toString()).toBe('Budi Santoso, S.E....');
    const t = translator('id');
    expect(t('ideas.stage.ownerNotice', { id: 3, name: 'Sapa Lansia', from: 'Usulan', to: 'Dibahas', actor: name }).toString()).toMatch(/oleh Budi Santoso, S\.E\.$/);
  });

  it('escape dynamic values and keep trusted markup', () => {
    expect(html`<b>${'<i>x</i> & "y"'}</b>`.toString()).toBe('<b>&lt;i&gt;x&lt;/i&gt; &amp; &quot;y&quot;</b>');
    expect(html`${raw('<i>ok</i>')}`.toString()).toBe('<i>ok</i>');
    expect(translator('id')('profile.nameChanged', { name: '<script>' }).toString()).toBe('Nama Anda diubah menjadi <b>&lt;script&gt;</b>.');
  });
});

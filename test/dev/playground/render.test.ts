import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/dev/telegram-double/index.js';
import { block, documentLine, formatEntities, formatSize, keyboardLines, visibleLength, wrap } from '../../../src/dev/playground/render.js';

const plain = { color: false };
const ansi = { color: true };

/** What the double stores for a message the bot sent with parse_mode HTML. */
function fromHtml(markup: string): string[] {
  const { text, entities } = parseHtml(markup);
  return [text, JSON.stringify(entities)];
}

function render(markup: string, style = plain): string {
  const { text, entities } = parseHtml(markup);
  return formatEntities(text, entities, style);
}

describe('HTML → terminal text', () => {
  it('drops tags in plain mode and shows links as text (url)', () => {
    expect(render('<b>Getar Dilan</b> — <i>Gerakan Tanam Sayur</i> di <a href="https://luwuutarakab.go.id">situs</a>')).toBe(
      'Getar Dilan — Gerakan Tanam Sayur di situs (https://luwuutarakab.go.id)',
    );
  });

  it('does not repeat a link whose text is its address', () => {
    expect(render('<a href="https://t.me/warkop_indah_bot">https://t.me/warkop_indah_bot</a>')).toBe('https://t.me/warkop_indah_bot');
  });

  it('uses ANSI bold and italic on a terminal, closing each before the next run', () => {
    expect(render('<b>Kamis</b>, <i>3 Desember</i>', ansi)).toBe('\x1b[1mKamis\x1b[0m, \x1b[3m3 Desember\x1b[0m');
  });

  it('keeps nested attributes: bold inside italic stays italic after the bold ends', () => {
    expect(render('<i>a <b>b</b> c</i>', ansi)).toBe('\x1b[3ma \x1b[0m\x1b[3;1mb\x1b[0m\x1b[3m c\x1b[0m');
  });

  it('never carries an attribute across a line break (the transcript prefixes each line)', () => {
    const out = render('<b>satu\ndua</b>', ansi);
    expect(out.split('\n')).toEqual(['\x1b[1msatu\x1b[0m', '\x1b[1mdua\x1b[0m']);
  });

  it('renders entities with non-BMP characters at the right place (UTF-16 offsets)', () => {
    expect(render('☕️ <b>Warkop</b> 🎉 <i>Indah</i>', ansi)).toBe('☕️ \x1b[1mWarkop\x1b[0m 🎉 \x1b[3mIndah\x1b[0m');
    expect(fromHtml('🎉 <b>x</b>')[0]).toBe('🎉 x');
  });
});

describe('keyboards, documents, blocks', () => {
  it('numbers buttons in reading order across rows', () => {
    const rows = [
      [{ text: 'Hadir', callback_data: 'r:1:y' }, { text: 'Mungkin', callback_data: 'r:1:m' }, { text: 'Tidak', callback_data: 'r:1:n' }],
      [{ text: 'Lokasi', url: 'https://maps.example/warkop' }],
    ];
    expect(keyboardLines(rows, plain)).toEqual(['[1] Hadir  [2] Mungkin  [3] Tidak', '[4] Lokasi ↗']);
  });

  it('describes a document with its size', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2150)).toBe('2.1 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(documentLine('sesi.ics', 2150, 'data/playground-files/7-sesi.ics', plain)).toBe('[file: sesi.ics, 2.1 KB] saved as data/playground-files/7-sesi.ics');
  });

  it('aligns every line of a block under the first', () => {
    expect(block('#12', ['Satu', '', 'Dua'], plain)).toEqual(['  #12 │ Satu', '      │', '      │ Dua']);
    expect(block('✎ (edited #3)', ['x'], plain)).toEqual(['  ✎ (edited #3) │ x']);
  });

  it('wraps long lines at spaces to the terminal width and re-opens attributes after a break', () => {
    expect(wrap('satu dua tiga empat', 9)).toEqual(['satu dua', 'tiga', 'empat']);
    expect(wrap('x'.repeat(12), 5)).toEqual(['x'.repeat(12)]);
    const styled = wrap('\x1b[1maaa bbb\x1b[0m ccc', 4);
    expect(styled).toEqual(['\x1b[1maaa\x1b[0m', '\x1b[1mbbb\x1b[0m', 'ccc']);
    expect(styled.map(visibleLength)).toEqual([3, 3, 3]);
    const lines = block('#1', ['satu dua tiga empat lima enam tujuh delapan sembilan sepuluh'], { color: false, width: 30 });
    expect(lines.every((l) => visibleLength(l) <= 30)).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
  });
});

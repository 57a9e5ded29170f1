import { describe, expect, it } from 'vitest';
import {
  htmlPlainLength,
  htmlToPlainText,
  splitHtmlText,
  splitPlainText,
  splitPlainTextRanges,
} from '../../src/telegram/split-text.js';

// ---- an independent, strict reader of Telegram-style HTML (not the code under test) -------------

interface Parsed {
  plain: string;
  /** Every tag closed in order; nothing left open at the end. */
  balanced: boolean;
  /** Opening tags (raw) in document order. */
  opens: string[];
}

function strictParse(html: string): Parsed {
  let plain = '';
  const stack: string[] = [];
  const opens: string[] = [];
  let balanced = true;
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"]*")*)>/.exec(html.slice(i));
      if (!m) throw new Error(`broken tag at ${i}: ${JSON.stringify(html.slice(i, i + 20))}`);
      const name = m[2]!;
      if (m[1] === '/') {
        if (stack.pop() !== name) balanced = false;
      } else {
        stack.push(name);
        opens.push(m[0]);
      }
      i += m[0].length;
    } else if (ch === '&') {
      const m = /^&(?:(lt|gt|amp|quot)|#(\d+)|#x([0-9a-fA-F]+));/.exec(html.slice(i));
      if (!m) throw new Error(`broken entity at ${i}: ${JSON.stringify(html.slice(i, i + 12))}`);
      if (m[1]) plain += ({ lt: '<', gt: '>', amp: '&', quot: '"' } as Record<string, string>)[m[1]]!;
      else plain += String.fromCodePoint(m[2] ? parseInt(m[2], 10) : parseInt(m[3]!, 16));
      i += m[0].length;
    } else if (ch === '>') {
      throw new Error(`stray > at ${i}`);
    } else {
      const c = html.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) throw new Error(`lone low surrogate at ${i}`);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = html.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error(`lone high surrogate at ${i}`);
        plain += html.slice(i, i + 2);
        i += 2;
        continue;
      }
      plain += ch;
      i++;
    }
  }
  if (stack.length > 0) balanced = false;
  return { plain, balanced, opens };
}

/** Assert that the parts' plain texts are the original's, in order, with only whitespace missing between them. */
function expectSameTextModuloSplitWhitespace(original: string, parts: string[]): void {
  let ptr = 0;
  for (const part of parts) {
    let j = ptr;
    while (!original.startsWith(part, j)) {
      if (j >= original.length || !/\s/.test(original[j]!)) {
        throw new Error(`part not found at ${ptr}: ${JSON.stringify(part.slice(0, 40))} vs ${JSON.stringify(original.slice(ptr, ptr + 40))}`);
      }
      j++;
    }
    ptr = j + part.length;
  }
  expect(/^\s*$/.test(original.slice(ptr))).toBe(true);
}

// ---- a seeded generator of HTML-ish texts --------------------------------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['kopi', 'inovasi', 'Getar', 'Dilan', 'warkop', 'Masamba', 'a', 'dibedah', 'PD', 'KIPP', 'Luwu', 'Utara', 'x'.repeat(30)];
const PIECES = ['&amp;', '&lt;', '&gt;', '&quot;', '&#128512;', '&#x1F44D;', '😀', '🇮🇩', 'é', '—'];
const TAGS: Array<[string, string]> = [
  ['<b>', 'b'],
  ['<i>', 'i'],
  ['<u>', 'u'],
  ['<s>', 's'],
  ['<code>', 'code'],
  ['<a href="https://example.org/?a=1&amp;b=2">', 'a'],
  ['<span class="tg-spoiler">', 'span'],
  ['<blockquote>', 'blockquote'],
  ['<pre>', 'pre'],
];

function randomHtml(r: () => number, size: number): string {
  let out = '';
  const stack: string[] = [];
  while (out.length < size) {
    const x = r();
    if (x < 0.45) out += WORDS[Math.floor(r() * WORDS.length)]!;
    else if (x < 0.62) out += ' ';
    else if (x < 0.68) out += '\n';
    else if (x < 0.72) out += '\n\n';
    else if (x < 0.8) out += PIECES[Math.floor(r() * PIECES.length)]!;
    else if (x < 0.9 && stack.length < 3) {
      const [open, name] = TAGS[Math.floor(r() * TAGS.length)]!;
      if (name === 'pre' && r() < 0.5) {
        out += '<pre><code class="language-ts">';
        stack.push('pre', 'code');
      } else {
        out += open;
        stack.push(name);
      }
    } else if (stack.length > 0) out += `</${stack.pop()!}>`;
    else out += 'z';
  }
  while (stack.length > 0) out += `</${stack.pop()!}>`;
  return out;
}

// ---- tests -----------------------------------------------------------------------------------------

describe('splitHtmlText', () => {
  it('returns short texts unchanged', () => {
    const html = '<b>Halo</b> &amp; selamat datang';
    expect(splitHtmlText(html)).toEqual([html]);
    expect(splitHtmlText('')).toEqual(['']);
  });

  it('counts the limit after parsing: markup-heavy text within the limit is not split', () => {
    const html = `<b>${'a'.repeat(10)}</b>`.repeat(300) + '&amp;'.repeat(500); // 3000 + 500 visible, 5800 raw
    expect(html.length).toBeGreaterThan(4096);
    expect(htmlPlainLength(html)).toBe(3500);
    expect(splitHtmlText(html)).toEqual([html]);
  });

  it('prefers paragraph breaks, then line breaks, then spaces, then a hard cut', () => {
    const para = 'aaaa bbbb\ncccc dddd\n\neeee ffff\ngggg';
    expect(splitHtmlText(para, 25)).toEqual(['aaaa bbbb\ncccc dddd', 'eeee ffff\ngggg']);
    const lines = 'aaaa bbbb cccc\ndddd eeee ffff';
    expect(splitHtmlText(lines, 20)).toEqual(['aaaa bbbb cccc', 'dddd eeee ffff']);
    const spaces = 'aaaa bbbb cccc dddd eeee';
    expect(splitHtmlText(spaces, 12)).toEqual(['aaaa bbbb', 'cccc dddd', 'eeee']);
    const hard = 'x'.repeat(25);
    expect(splitHtmlText(hard, 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('does not cut at a break that would leave a tiny first part', () => {
    const text = 'ab\n\n' + 'word '.repeat(20);
    const parts = splitHtmlText(text, 40);
    expect(parts[0]!.startsWith('ab\n\nword')).toBe(true);
  });

  it('closes tags at a cut and re-opens them (with attributes) in the next part', () => {
    const html = '<b>bold start <a href="https://x.id/?q=1&amp;r=2">link text here</a> end</b>';
    const parts = splitHtmlText(html, 20);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(strictParse(p).balanced).toBe(true);
    expect(parts).toEqual([
      '<b>bold start <a href="https://x.id/?q=1&amp;r=2">link text</a></b>',
      '<b><a href="https://x.id/?q=1&amp;r=2">here</a> end</b>',
    ]);
    expect(splitHtmlText(html, 12)).toEqual([
      '<b>bold start</b>',
      '<b><a href="https://x.id/?q=1&amp;r=2">link text</a></b>',
      '<b><a href="https://x.id/?q=1&amp;r=2">here</a> end</b>',
    ]);
  });

  it('keeps <pre><code class> blocks valid across parts', () => {
    const code = Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`).join('\n');
    const html = `Kode:\n<pre><code class="language-ts">${code}</code></pre>\nSelesai.`;
    const parts = splitHtmlText(html, 200);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      const parsed = strictParse(p);
      expect(parsed.balanced).toBe(true);
      expect(parsed.plain.length).toBeLessThanOrEqual(200);
    }
    expect(parts[1]!.startsWith('<pre><code class="language-ts">')).toBe(true);
    expect(parts[1]!.endsWith('</code></pre>')).toBe(true);
    expectSameTextModuloSplitWhitespace(htmlToPlainText(html), parts.map((p) => strictParse(p).plain));
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    const html = '&amp;😀'.repeat(100);
    for (const limit of [2, 3, 4, 5, 7, 10]) {
      const parts = splitHtmlText(html, limit);
      for (const p of parts) {
        const parsed = strictParse(p); // throws on a broken entity / lone surrogate
        expect(parsed.plain.length).toBeLessThanOrEqual(limit);
      }
      expect(parts.map((p) => strictParse(p).plain).join('')).toBe(htmlToPlainText(html));
    }
  });

  it('does not produce empty or whitespace-only parts', () => {
    const html = 'a' + '\n'.repeat(50) + '<b>' + ' '.repeat(50) + '</b>' + 'b';
    const parts = splitHtmlText(html, 20);
    for (const p of parts) expect(strictParse(p).plain.trim()).not.toBe('');
    expect(parts.map((p) => strictParse(p).plain)).toEqual(['a', 'b']);
  });

  it('property: random HTML splits into valid, bounded parts that re-join to the original text', () => {
    const r = rng(20181015);
    let multiPart = 0;
    for (let round = 0; round < 300; round++) {
      const size = 50 + Math.floor(r() * 3000);
      const limit = [16, 40, 100, 257, 1000, 4096][Math.floor(r() * 6)]!;
      const html = randomHtml(r, size);
      const original = strictParse(html);
      expect(original.balanced).toBe(true);
      const parts = splitHtmlText(html, limit);
      if (original.plain.length <= limit) {
        expect(parts).toEqual([html]);
        continue;
      }
      if (parts.length > 1) multiPart++;
      const plains: string[] = [];
      for (const p of parts) {
        const parsed = strictParse(p);
        expect(parsed.balanced, `unbalanced part: ${p}`).toBe(true);
        expect(parsed.plain.length).toBeLessThanOrEqual(limit);
        expect(htmlPlainLength(p)).toBe(parsed.plain.length);
        expect(parsed.plain.trim()).not.toBe('');
        // re-opened tags are copies of tags in the original
        for (const open of parsed.opens) expect(html.includes(open)).toBe(true);
        plains.push(parsed.plain);
      }
      expectSameTextModuloSplitWhitespace(original.plain, plains);
    }
    expect(multiPart).toBeGreaterThan(100);
  });

  it('handles a 100k-character text with the default limit of 4096', () => {
    const html = randomHtml(rng(7), 100_000);
    const parts = splitHtmlText(html);
    for (const p of parts) expect(strictParse(p).plain.length).toBeLessThanOrEqual(4096);
    // parts are reasonably full: no more than ~2x the minimum number of messages
    expect(parts.length).toBeLessThanOrEqual(Math.ceil((2 * htmlPlainLength(html)) / 4096));
  });
});

describe('splitPlainText', () => {
  it('treats < and & as ordinary characters', () => {
    const text = '<b>&amp;</b> '.repeat(10);
    const parts = splitPlainText(text, 30);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(30);
    expect(parts.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('property: bounded parts on the same boundaries; ranges index the original', () => {
    const r = rng(42);
    for (let round = 0; round < 200; round++) {
      const text = htmlToPlainText(randomHtml(r, 100 + Math.floor(r() * 2000)));
      const limit = [10, 64, 500][Math.floor(r() * 3)]!;
      const parts = splitPlainText(text, limit);
      const ranges = splitPlainTextRanges(text, limit);
      if (text.length <= limit) {
        expect(parts).toEqual([text]);
        continue;
      }
      expect(parts).toEqual(ranges.map((x) => text.slice(x.start, x.end)));
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(limit);
        expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
      }
      expectSameTextModuloSplitWhitespace(text, parts);
    }
  });
});

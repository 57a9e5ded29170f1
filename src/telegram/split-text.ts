/**
 * Splitting long message texts into parts that each fit Telegram's 4096-character limit.
 *
 * Telegram counts the limit on the text *after* entity parsing, in UTF-16 code units:
 * with parse_mode HTML, tags do not count and `&amp;` counts as one character.
 *
 * Cut preference: paragraph break (`\n\n`), then line break, then space/tab, then a hard cut.
 * A break is only used when the part before it is at least a quarter of the limit long
 * (otherwise a lower-priority break further on is preferred, so we do not send tiny parts).
 * The whitespace run at a break is dropped (it would be trimmed by Telegram anyway); a hard
 * cut drops nothing. Cuts never fall inside a tag, an entity (`&lt;`, `&#128512;`, …) or a
 * surrogate pair. Tags open at a cut are closed at the end of the part and re-opened (with
 * their original attributes) at the start of the next one, so each part is valid HTML on its
 * own. Parts that would contain only whitespace are not produced.
 */

export const TELEGRAM_TEXT_LIMIT = 4096;

type Atom =
  | { kind: 'text'; raw: string; plain: string }
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string; name: string }
  | { kind: 'void'; raw: string };

interface OpenTag {
  name: string;
  raw: string;
}

const TAG_RE =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;
const ENTITY_RE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{0,31}));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function codePointAtom(s: string, i: number): Atom {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const raw = s.slice(i, i + 2);
      return { kind: 'text', raw, plain: raw };
    }
  }
  const ch = s[i] ?? '';
  return { kind: 'text', raw: ch, plain: ch };
}

function tokenize(s: string, html: boolean): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (html && ch === '<') {
      TAG_RE.lastIndex = i;
      const m = TAG_RE.exec(s);
      if (m) {
        const raw = m[0];
        const name = (m[2] ?? '').toLowerCase();
        if (m[1] === '/') atoms.push({ kind: 'close', raw, name });
        else if (m[4] === '/') atoms.push({ kind: 'void', raw });
        else atoms.push({ kind: 'open', raw, name });
        i += raw.length;
        continue;
      }
    } else if (html && ch === '&') {
      ENTITY_RE.lastIndex = i;
      const m = ENTITY_RE.exec(s);
      if (m) {
        const raw = m[0];
        let plain = raw;
        if (m[1] !== undefined || m[2] !== undefined) {
          const cp = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2] ?? '0', 16);
          if (cp > 0 && cp <= 0x10ffff) plain = String.fromCodePoint(cp);
        } else if (m[3] !== undefined) {
          // Telegram knows only these four named entities; others stay literal text. We keep
          // them atomic anyway (never cut inside) and count their raw length (an upper bound).
          plain = NAMED[m[3]] ?? raw;
        }
        atoms.push({ kind: 'text', raw, plain });
        i += raw.length;
        continue;
      }
    }
    const a = codePointAtom(s, i);
    atoms.push(a);
    i += a.raw.length;
  }
  return atoms;
}

/** The text Telegram would display for an HTML message (tags removed, entities decoded). */
export function htmlToPlainText(html: string): string {
  let out = '';
  for (const a of tokenize(html, true)) if (a.kind === 'text') out += a.plain;
  return out;
}

/** Length Telegram counts against the limit for an HTML text (UTF-16 code units after parsing). */
export function htmlPlainLength(html: string): number {
  let n = 0;
  for (const a of tokenize(html, true)) if (a.kind === 'text') n += a.plain.length;
  return n;
}

interface PartRange {
  /** Atom index range [from, to) emitted for this part. */
  from: number;
  to: number;
  /** Tags open at `from` (re-opened at the start of the part). */
  reopen: OpenTag[];
  /** Tags open at `to` (closed at the end of the part). */
  close: OpenTag[];
  /** Plain-text offsets [start, end) of the part's visible text. */
  plainStart: number;
  plainEnd: number;
}

function applyTag(stack: OpenTag[], a: Atom): void {
  if (a.kind === 'open') stack.push({ name: a.name, raw: a.raw });
  else if (a.kind === 'close') {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]?.name === a.name) {
        stack.length = k;
        break;
      }
    }
  }
}

const isNl = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isSp = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isWs = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

function splitCore(s: string, limit: number, html: boolean): { atoms: Atom[]; parts: PartRange[] } {
  if (!(limit >= 2)) throw new RangeError(`split limit must be >= 2, got ${limit}`);
  const atoms = tokenize(s, html);
  const n = atoms.length;
  // plainAt[i] = plain offset where atom i starts; plainAt[n] = total.
  const plainAt = new Array<number>(n + 1);
  let plain = '';
  for (let i = 0; i < n; i++) {
    plainAt[i] = plain.length;
    const a = atoms[i]!;
    if (a.kind === 'text') plain += a.plain;
  }
  plainAt[n] = plain.length;
  const total = plain.length;
  // atomOfChar[c] = index of the text atom covering plain char c.
  const atomOfChar = new Int32Array(total + 1);
  for (let i = 0; i < n; i++) {
    const a = atoms[i]!;
    if (a.kind !== 'text') continue;
    const p = plainAt[i]!;
    for (let k = 0; k < a.plain.length; k++) atomOfChar[p + k] = i;
  }
  atomOfChar[total] = n;

  const parts: PartRange[] = [];
  const minLen = Math.max(1, Math.floor(limit / 4));
  let pos = 0;
  let stack: OpenTag[] = [];

  while (total - plainAt[pos]! > limit) {
    const P = plainAt[pos]!;
    const maxEnd = P + limit; // the part's text may be plain[P, maxEnd)
    let sepStart = -1;
    let sepEnd = -1;
    // 1. paragraph: "\n\n"
    for (let k = maxEnd; k >= P + minLen; k--) {
      if (plain[k] === '\n' && plain[k + 1] === '\n') {
        sepStart = k;
        sepEnd = k;
        while (sepStart > P && isNl(plain[sepStart - 1])) sepStart--;
        while (sepEnd < total && isNl(plain[sepEnd])) sepEnd++;
        break;
      }
    }
    // 2. line
    if (sepStart < 0) {
      for (let k = maxEnd; k >= P + minLen; k--) {
        if (plain[k] === '\n') {
          sepStart = k;
          sepEnd = k;
          while (sepStart > P && isNl(plain[sepStart - 1])) sepStart--;
          while (sepEnd < total && isNl(plain[sepEnd])) sepEnd++;
          break;
        }
      }
    }
    // 3. space
    if (sepStart < 0) {
      for (let k = maxEnd; k >= P + minLen; k--) {
        if (isSp(plain[k])) {
          sepStart = k;
          sepEnd = k;
          while (sepStart > P && isSp(plain[sepStart - 1])) sepStart--;
          while (sepEnd < total && isSp(plain[sepEnd])) sepEnd++;
          break;
        }
      }
    }
    let cutIdx: number;
    let resumeIdx: number;
    if (sepStart > P) {
      cutIdx = atomOfChar[sepStart]!;
      resumeIdx = atomOfChar[sepEnd - 1]! + 1;
    } else {
      // 4. hard cut at the last atom boundary <= maxEnd (the atom covering maxEnd goes to the next part)
      const a = atomOfChar[maxEnd]!;
      // A single atom longer than the limit (only possible with tiny limits) is taken whole.
      cutIdx = plainAt[a]! <= P ? a + 1 : a;
      resumeIdx = cutIdx;
    }
    // Opening tags right before the cut belong to the next part; closing tags right after
    // the cut belong to this one (both are handled through the open-tag stack).
    while (cutIdx > pos && atoms[cutIdx - 1]!.kind === 'open') cutIdx--;
    if (resumeIdx < cutIdx) resumeIdx = cutIdx;
    while (resumeIdx < n && atoms[resumeIdx]!.kind === 'close') resumeIdx++;

    const reopen = stack.slice();
    const st = stack.slice();
    for (let i = pos; i < cutIdx; i++) applyTag(st, atoms[i]!);
    const close = st.slice();
    for (let i = cutIdx; i < resumeIdx; i++) applyTag(st, atoms[i]!);
    parts.push({ from: pos, to: cutIdx, reopen, close, plainStart: P, plainEnd: plainAt[cutIdx]! });
    pos = resumeIdx;
    // Telegram trims every message, so whitespace at the start of the next part would be lost
    // anyway: skip it (tags in the skipped range are tracked and re-opened).
    let q = plainAt[pos]!;
    while (q < total && isWs(plain[q])) q++;
    if (q > plainAt[pos]!) {
      const next = q < total ? atomOfChar[q]! : n;
      for (let i = resumeIdx; i < next; i++) applyTag(st, atoms[i]!);
      pos = next;
    }
    stack = st;
  }
  parts.push({ from: pos, to: n, reopen: stack.slice(), close: [], plainStart: plainAt[pos]!, plainEnd: total });

  // Drop parts that would be blank (Telegram rejects empty messages).
  const nonBlank = parts.filter((p) => {
    for (let c = p.plainStart; c < p.plainEnd; c++) if (!isWs(plain[c])) return true;
    return false;
  });
  return { atoms, parts: nonBlank };
}

function renderHtml(atoms: Atom[], p: PartRange): string {
  let out = '';
  for (const t of p.reopen) out += t.raw;
  for (let i = p.from; i < p.to; i++) out += atoms[i]!.raw;
  for (let k = p.close.length - 1; k >= 0; k--) out += `</${p.close[k]!.name}>`;
  return out;
}

/**
 * Split an HTML (parse_mode HTML) message text into parts of at most `limit` characters each,
 * as counted by Telegram after parsing. Short texts are returned unchanged as `[html]`.
 */
export function splitHtmlText(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const { atoms, parts } = splitCore(html, limit, true);
  if (parts.length === 1 && parts[0]!.from === 0 && parts[0]!.to === atoms.length) return [html];
  return parts.map((p) => renderHtml(atoms, p));
}

/**
 * Split a plain text (no parse_mode) on the same boundaries as splitHtmlText, without tag
 * logic. Returns UTF-16 ranges [start, end) into `text`, usable to re-base `entities`.
 */
export function splitPlainTextRanges(text: string, limit = TELEGRAM_TEXT_LIMIT): Array<{ start: number; end: number }> {
  if (text.length <= limit) return [{ start: 0, end: text.length }];
  return splitCore(text, limit, false).parts.map((p) => ({ start: p.plainStart, end: p.plainEnd }));
}

/** Split a plain text (no parse_mode); short texts are returned unchanged as `[text]`. */
export function splitPlainText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  return splitPlainTextRanges(text, limit).map((r) => text.slice(r.start, r.end));
}

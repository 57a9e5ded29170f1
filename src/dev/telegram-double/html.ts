/**
 * Telegram-style parsing of message text: HTML parse mode (as tdlib does it, a bit stricter about
 * bare '&'), trimming, and length helpers. Offsets are in UTF-16 code units, like the Bot API.
 */
import type { MessageEntity } from './types.js';

/** Thrown for malformed markup; `message` is the part after "can't parse entities: ". */
export class EntityParseError extends Error {
  override readonly name = 'EntityParseError';
}

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

const TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'code', 'pre', 'span',
  'tg-spoiler', 'blockquote', 'tg-emoji',
]);

const SIMPLE_TYPES: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler',
  span: 'spoiler', code: 'code',
};

/** UTF-8 byte offset of a UTF-16 index (only used for error messages). */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

function isAlnum(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
}

/**
 * Decodes the character reference starting at `pos` (which holds '&').
 * Returns the decoded string and the index after it, or undefined when it is not a valid reference.
 * Stricter than Telegram: the terminating ';' is required.
 */
export function decodeEntityAt(text: string, pos: number): { ch: string; next: number } | undefined {
  let i = pos + 1;
  if (text[i] === '#') {
    i++;
    let value = 0;
    let digits = 0;
    if (text[i] === 'x' || text[i] === 'X') {
      i++;
      while (i < text.length && /[0-9a-fA-F]/.test(text[i]!)) {
        value = value * 16 + parseInt(text[i]!, 16);
        i++;
        digits++;
        if (value > 0x10ffff) return undefined;
      }
    } else {
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
        value = value * 10 + (text.charCodeAt(i) - 48);
        i++;
        digits++;
        if (value > 0x10ffff) return undefined;
      }
    }
    if (digits === 0 || value === 0 || (value >= 0xd800 && value <= 0xdfff)) return undefined;
    if (text[i] !== ';') return undefined;
    return { ch: String.fromCodePoint(value), next: i + 1 };
  }
  const start = i;
  while (i < text.length && /[a-zA-Z]/.test(text[i]!)) i++;
  const name = text.slice(start, i);
  if (text[i] !== ';') return undefined;
  const ch = name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : undefined;
  if (ch === undefined) return undefined;
  return { ch, next: i + 1 };
}

interface OpenTag {
  tag: string;
  offset: number; // utf-16 offset in the result
  url?: string;
  language?: string;
  emojiId?: string;
  expandable?: boolean;
}

/** Parses Telegram HTML into plain text + entities. Throws EntityParseError. */
export function parseHtml(html: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  const n = html.length;
  let i = 0;
  const err = (msg: string): never => {
    throw new EntityParseError(msg);
  };
  while (i < n) {
    const c = html[i]!;
    if (c === '&') {
      const dec = decodeEntityAt(html, i);
      if (!dec) {
        err(`Unescaped "&" at byte offset ${byteOffset(html, i)}; use "&amp;" for a literal ampersand`);
      } else {
        out += dec.ch;
        i = dec.next;
      }
      continue;
    }
    if (c === '>') {
      // Telegram accepts a bare '>' as a literal character.
      out += c;
      i++;
      continue;
    }
    if (c !== '<') {
      // copy a run of ordinary characters at once
      let j = i + 1;
      while (j < n) {
        const d = html.charCodeAt(j);
        if (d === 38 /* & */ || d === 60 /* < */ || d === 62 /* > */) break;
        j++;
      }
      out += html.slice(i, j);
      i = j;
      continue;
    }
    const beginPos = i;
    i++;
    if (html[i] !== '/') {
      // start tag
      const tagBegin = i;
      while (i < n && !isSpace(html[i]) && html[i] !== '>') i++;
      if (i >= n) err(`Unclosed start tag at byte offset ${byteOffset(html, beginPos)}`);
      const tag = html.slice(tagBegin, i).toLowerCase();
      if (!TAGS.has(tag)) err(`Unsupported start tag "${tag}" at byte offset ${byteOffset(html, beginPos)}`);
      const open: OpenTag = { tag, offset: out.length };
      let spanClass: string | undefined;
      while (html[i] !== '>') {
        while (i < n && isSpace(html[i])) i++;
        if (i >= n) err(`Unclosed start tag at byte offset ${byteOffset(html, beginPos)}`);
        if (html[i] === '>') break;
        const attrBegin = i;
        while (i < n && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i++;
        const attrName = html.slice(attrBegin, i).toLowerCase();
        if (attrName.length === 0) {
          err(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(html, beginPos)}`);
        }
        while (i < n && isSpace(html[i])) i++;
        if (html[i] !== '=') {
          if (tag === 'blockquote' && attrName === 'expandable') {
            open.expandable = true;
            continue;
          }
          if (i >= n) err(`Unclosed start tag at byte offset ${byteOffset(html, beginPos)}`);
          err(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(html, beginPos)}`);
        }
        i++;
        while (i < n && isSpace(html[i])) i++;
        if (i >= n) err(`Unclosed start tag "${tag}" at byte offset ${byteOffset(html, beginPos)}`);
        let value = '';
        const q = html[i];
        if (q !== '"' && q !== "'") {
          const tokenBegin = i;
          while (i < n && (isAlnum(html[i]) || html[i] === '.' || html[i] === '-')) i++;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(html[i]) && html[i] !== '>') {
            err(`Unexpected end of name token at byte offset ${byteOffset(html, tokenBegin)}`);
          }
        } else {
          i++;
          while (i < n && html[i] !== q) {
            if (html[i] === '&') {
              const dec = decodeEntityAt(html, i);
              if (dec) {
                value += dec.ch;
                i = dec.next;
                continue;
              }
            }
            value += html[i];
            i++;
          }
          if (html[i] === q) i++;
        }
        if (i >= n) err(`Unclosed start tag at byte offset ${byteOffset(html, beginPos)}`);
        if (tag === 'a' && attrName === 'href') open.url = value;
        else if (tag === 'code' && attrName === 'class' && value.startsWith('language-')) open.language = value.slice(9);
        else if (tag === 'span' && attrName === 'class') spanClass = value;
        else if (tag === 'tg-emoji' && attrName === 'emoji-id') open.emojiId = value;
        // other attributes are ignored, like Telegram does
      }
      i++; // skip '>'
      if (tag === 'span' && spanClass !== 'tg-spoiler') {
        err(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, beginPos)}`);
      }
      if (tag === 'tg-emoji' && (open.emojiId === undefined || !/^\d+$/.test(open.emojiId))) {
        err(`Custom emoji entity must contain a valid custom emoji identifier at byte offset ${byteOffset(html, beginPos)}`);
      }
      stack.push(open);
    } else {
      // end tag
      const top = stack.pop();
      if (!top) err(`Unexpected end tag at byte offset ${byteOffset(html, beginPos)}`);
      const nameBegin = i + 1;
      while (i < n && !isSpace(html[i]) && html[i] !== '>') i++;
      const endName = html.slice(nameBegin, i).toLowerCase();
      while (i < n && isSpace(html[i])) i++;
      if (html[i] !== '>') err(`Unclosed end tag at byte offset ${byteOffset(html, beginPos)}`);
      i++;
      const open = top!;
      if (endName.length > 0 && endName !== open.tag) {
        err(`Unmatched end tag at byte offset ${byteOffset(html, beginPos)}, expected "</${open.tag}>", found "</${endName}>"`);
      }
      const length = out.length - open.offset;
      if (length > 0) {
        const e = makeEntity(open, length, stack);
        if (e) entities.push(e);
      }
    }
  }
  if (stack.length > 0) {
    err(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]!.tag}"`);
  }
  sortEntities(entities);
  return { text: out, entities };
}

function makeEntity(open: OpenTag, length: number, stack: OpenTag[]): MessageEntity | undefined {
  const { tag, offset } = open;
  if (tag === 'a') {
    const url = open.url ?? '';
    if (url.length === 0) return undefined;
    const m = /^tg:\/\/user\?id=(\d+)$/.exec(url);
    if (m) return { type: 'text_mention', offset, length, user: { id: Number(m[1]), is_bot: false, first_name: '' } };
    return { type: 'text_link', offset, length, url };
  }
  if (tag === 'pre') {
    return open.language !== undefined ? { type: 'pre', offset, length, language: open.language } : { type: 'pre', offset, length };
  }
  if (tag === 'code') {
    // <pre><code class="language-x"> becomes a pre entity with a language
    const parent = stack[stack.length - 1];
    if (parent?.tag === 'pre' && open.language !== undefined) {
      parent.language = open.language;
      return undefined;
    }
    return { type: 'code', offset, length };
  }
  if (tag === 'blockquote') return { type: open.expandable ? 'expandable_blockquote' : 'blockquote', offset, length };
  if (tag === 'tg-emoji') return { type: 'custom_emoji', offset, length, custom_emoji_id: open.emojiId ?? '' };
  const type = SIMPLE_TYPES[tag];
  return type ? { type, offset, length } : undefined;
}

export function sortEntities(entities: MessageEntity[]): void {
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

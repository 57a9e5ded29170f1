/**
 * MarkdownV2 and legacy Markdown parse modes, modelled on tdlib's parser (simplified: no
 * `___` disambiguation subtleties). Offsets are UTF-16 code units.
 */
import type { MessageEntity } from './types.js';
import { EntityParseError, byteOffset, sortEntities, type FormattedText } from './html.js';

const RESERVED_V2 = new Set(['_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!']);

type V2Type = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code' | 'pre' | 'text_link' | 'custom_emoji';

const V2_NAMES: Record<V2Type, string> = {
  bold: 'Bold', italic: 'Italic', underline: 'Underline', strikethrough: 'Strikethrough', spoiler: 'Spoiler',
  code: 'Code', pre: 'Pre', text_link: 'TextUrl', custom_emoji: 'CustomEmoji',
};

interface V2Open {
  type: V2Type;
  offset: number; // output utf-16 offset
  src: number; // source index for errors
  language?: string;
}

function reserved(text: string, i: number): never {
  throw new EntityParseError(`Character '${text[i]}' is reserved and must be escaped with the preceding '\\'`);
}

export function parseMarkdownV2(text: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const stack: V2Open[] = [];
  const n = text.length;
  let quote: { offset: number; expandable: boolean } | undefined;
  let i = 0;
  const closeQuote = (end: number): void => {
    if (quote && end > quote.offset) {
      entities.push({ type: quote.expandable ? 'expandable_blockquote' : 'blockquote', offset: quote.offset, length: end - quote.offset });
    }
    quote = undefined;
  };
  while (i < n) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    const inCode = top !== undefined && (top.type === 'code' || top.type === 'pre');
    const lineStart = i === 0 || text[i - 1] === '\n';
    if (lineStart && !inCode) {
      if (c === '>' || (text.startsWith('**>', i) && !quote)) {
        if (!quote) quote = { offset: out.length, expandable: c !== '>' };
        i += c === '>' ? 1 : 3;
        continue;
      }
      if (quote) closeQuote(out.length > 0 && out.endsWith('\n') ? out.length - 1 : out.length);
    }
    if (c === '\\') {
      const next = text.charCodeAt(i + 1);
      if (i + 1 < n && next >= 1 && next <= 126) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (!inCode) reserved(text, i);
    }
    if (inCode) {
      if (c === '`' && (top!.type === 'code' || text.startsWith('```', i))) {
        stack.pop();
        const length = out.length - top!.offset;
        if (length > 0) {
          const e: MessageEntity = { type: top!.type, offset: top!.offset, length };
          if (top!.language) e.language = top!.language;
          entities.push(e);
        }
        i += top!.type === 'pre' ? 3 : 1;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (!RESERVED_V2.has(c)) {
      out += c;
      i++;
      continue;
    }
    // expandable quote terminator: '||' at the end of a quoted line
    if (quote?.expandable && c === '|' && text[i + 1] === '|' && (i + 2 >= n || text[i + 2] === '\n') && top?.type !== 'spoiler') {
      i += 2;
      continue;
    }
    // end of an entity?
    if (top) {
      let end = false;
      let width = 1;
      switch (top.type) {
        case 'bold': end = c === '*'; break;
        case 'italic': end = c === '_' && text[i + 1] !== '_'; break;
        case 'underline': end = c === '_' && text[i + 1] === '_'; width = 2; break;
        case 'strikethrough': end = c === '~'; break;
        case 'spoiler': end = c === '|' && text[i + 1] === '|'; width = 2; break;
        case 'text_link':
        case 'custom_emoji': end = c === ']'; break;
        default: break;
      }
      if (end) {
        stack.pop();
        i += width;
        const length = out.length - top.offset;
        if (top.type === 'text_link' || top.type === 'custom_emoji') {
          let url = '';
          if (text[i] === '(') {
            i++;
            while (i < n && text[i] !== ')') {
              if (text[i] === '\\' && i + 1 < n) i++;
              url += text[i];
              i++;
            }
            if (i >= n) throw new EntityParseError(`Can't find end of a URL at byte offset ${byteOffset(text, top.src)}`);
            i++;
          } else if (top.type === 'custom_emoji') {
            throw new EntityParseError(`Custom emoji entity must contain a tg://emoji URL`);
          } else {
            url = out.slice(top.offset);
          }
          if (length > 0) {
            if (top.type === 'custom_emoji') {
              const m = /^tg:\/\/emoji\?id=(\d+)$/.exec(url);
              if (!m) throw new EntityParseError(`Custom emoji URL must have an emoji identifier`);
              entities.push({ type: 'custom_emoji', offset: top.offset, length, custom_emoji_id: m[1]! });
            } else {
              const m = /^tg:\/\/user\?id=(\d+)$/.exec(url);
              if (m) entities.push({ type: 'text_mention', offset: top.offset, length, user: { id: Number(m[1]), is_bot: false, first_name: '' } });
              else if (url.length > 0) entities.push({ type: 'text_link', offset: top.offset, length, url });
            }
          }
        } else if (length > 0) {
          entities.push({ type: top.type, offset: top.offset, length });
        }
        continue;
      }
    }
    // start of an entity
    const src = i;
    let type: V2Type;
    let language: string | undefined;
    if (c === '_') {
      if (text[i + 1] === '_') { type = 'underline'; i += 2; } else { type = 'italic'; i++; }
    } else if (c === '*') { type = 'bold'; i++; }
    else if (c === '~') { type = 'strikethrough'; i++; }
    else if (c === '|') {
      if (text[i + 1] !== '|') reserved(text, i);
      type = 'spoiler'; i += 2;
    } else if (c === '[') { type = 'text_link'; i++; }
    else if (c === '!' && text[i + 1] === '[') { type = 'custom_emoji'; i += 2; }
    else if (c === '`') {
      if (text.startsWith('```', i)) {
        type = 'pre';
        i += 3;
        const lineEnd = text.indexOf('\n', i);
        if (lineEnd !== -1) {
          const lang = text.slice(i, lineEnd);
          if (lang.length > 0 && !/[\s`]/.test(lang)) language = lang;
          if (language !== undefined || lang.length === 0) i = lineEnd + 1;
        }
      } else { type = 'code'; i++; }
    } else reserved(text, i);
    stack.push(language !== undefined ? { type: type!, offset: out.length, src, language } : { type: type!, offset: out.length, src });
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    throw new EntityParseError(`Can't find end of ${V2_NAMES[top.type]} entity at byte offset ${byteOffset(text, top.src)}`);
  }
  if (quote) closeQuote(out.length);
  sortEntities(entities);
  return { text: out, entities };
}

/** Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); escapes only before _ * ` [ */
export function parseMarkdown(text: string): FormattedText {
  let out = '';
  const entities: MessageEntity[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '_' || text[i + 1] === '*' || text[i + 1] === '`' || text[i + 1] === '[')) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (c !== '_' && c !== '*' && c !== '`' && c !== '[') {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    const offset = out.length;
    if (c === '[') {
      const close = text.indexOf(']', i + 1);
      if (close === -1 || text[close + 1] !== '(') {
        throw new EntityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(text, begin)}`);
      }
      const urlEnd = text.indexOf(')', close + 2);
      if (urlEnd === -1) throw new EntityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(text, begin)}`);
      out += text.slice(i + 1, close);
      const url = text.slice(close + 2, urlEnd);
      const length = out.length - offset;
      if (length > 0 && url.length > 0) {
        const m = /^tg:\/\/user\?id=(\d+)$/.exec(url);
        entities.push(m ? { type: 'text_mention', offset, length, user: { id: Number(m[1]), is_bot: false, first_name: '' } } : { type: 'text_link', offset, length, url });
      }
      i = urlEnd + 1;
      continue;
    }
    const isPre = c === '`' && text.startsWith('```', i);
    const marker = isPre ? '```' : c;
    let start = i + marker.length;
    let language: string | undefined;
    if (isPre) {
      const nl = text.indexOf('\n', start);
      const close = text.indexOf('```', start);
      if (nl !== -1 && (close === -1 || nl < close)) {
        const lang = text.slice(start, nl);
        if (lang.length > 0 && !/\s/.test(lang)) language = lang;
        if (language !== undefined || lang.length === 0) start = nl + 1;
      }
    }
    const end = text.indexOf(marker, start);
    if (end === -1) throw new EntityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(text, begin)}`);
    out += text.slice(start, end);
    const length = out.length - offset;
    const type = c === '*' ? 'bold' : c === '_' ? 'italic' : isPre ? 'pre' : 'code';
    if (length > 0) entities.push(language !== undefined ? { type, offset, length, language } : { type, offset, length });
    i = end + marker.length;
  }
  sortEntities(entities);
  return { text: out, entities };
}

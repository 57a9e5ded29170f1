import { zipSync, strToU8, type Zippable } from 'fflate';
import type { Language } from '../../db/schema/index.js';
import type { IndicatorSet } from './indicators.js';
import type { EvidenceView } from './items.js';

/** Telegram bots may upload documents of at most 50 MB. */
export const MAX_ZIP_BYTES = 50 * 1024 * 1024;

/** Texts of the index sheet and folder names, in the member's language (the caller translates). */
export interface ZipLabels {
  indexFile: string;
  linksFile: string;
  sheet: string;
  columns: {
    number: string;
    indicator: string;
    mandatory: string;
    path: string;
    original: string;
    caption: string;
    type: string;
    size: string;
    by: string;
    at: string;
    sha256: string;
  };
  yes: string;
  no: string;
  link: string;
  formatDate: (d: Date) => string;
}

/** A name every system accepts: no path separators or reserved characters, one line, not too long. */
export function safeName(name: string, max = 80): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (cleaned.length <= max) return cleaned || 'berkas';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  return `${cleaned.slice(0, max - ext.length).trim()}${ext}`;
}

export interface ZipEntry {
  indicator: string;
  /** Path inside the ZIP; null for links (listed in the index and the folder's links file). */
  path: string | null;
  item: EvidenceView & { bytes: Buffer | null };
}

/**
 * Where each piece goes: a folder per indicator named by its number and name
 * (`16 Regulasi inovasi daerah/`), files numbered within it (`16-1 SK Bupati.pdf`), so whoever
 * uploads to the ministry's site finds each one by the indicator's number at once.
 */
export function planZip(set: IndicatorSet, lang: Language, items: Array<EvidenceView & { bytes: Buffer | null }>): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (const ind of set.indicators) {
    const folder = safeName(`${ind.number} ${ind.name[lang]}`);
    let n = 0;
    for (const item of items.filter((i) => i.indicator === ind.code)) {
      if (item.kind === 'file' && item.bytes) {
        n++;
        out.push({ indicator: ind.code, path: `${folder}/${safeName(`${ind.number}-${n} ${item.fileName ?? 'berkas'}`)}`, item });
      } else {
        out.push({ indicator: ind.code, path: null, item });
      }
    }
  }
  return out;
}

/** Formula-looking cells are stored as text with a leading apostrophe (no formula injection). */
export function cellText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function indexSheet(set: IndicatorSet, lang: Language, entries: ZipEntry[], labels: ZipLabels): Promise<Buffer> {
  // Loaded on first use: exceljs is heavy and most updates never need it.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Warkop Indah';
  const sheet = book.addWorksheet(labels.sheet);
  const c = labels.columns;
  sheet.columns = [
    { header: c.number, key: 'number', width: 6 },
    { header: c.indicator, key: 'indicator', width: 34 },
    { header: c.mandatory, key: 'mandatory', width: 8 },
    { header: c.path, key: 'path', width: 50 },
    { header: c.original, key: 'original', width: 30 },
    { header: c.caption, key: 'caption', width: 40 },
    { header: c.type, key: 'type', width: 18 },
    { header: c.size, key: 'size', width: 10 },
    { header: c.by, key: 'by', width: 24 },
    { header: c.at, key: 'at', width: 26 },
    { header: c.sha256, key: 'sha256', width: 66 },
  ];
  sheet.getRow(1).font = { bold: true };
  const byCode = new Map(set.indicators.map((i) => [i.code, i]));
  for (const e of entries) {
    const ind = byCode.get(e.indicator)!;
    sheet.addRow({
      number: ind.number,
      indicator: cellText(ind.name[lang]),
      mandatory: ind.mandatory ? labels.yes : labels.no,
      path: cellText(e.path ?? e.item.url ?? ''),
      original: cellText(e.item.kind === 'link' ? labels.link : (e.item.fileName ?? '')),
      caption: cellText(e.item.caption ?? ''),
      type: e.item.mimeType ?? labels.link,
      size: e.item.size ?? '',
      by: cellText(e.item.addedByName),
      at: labels.formatDate(e.item.createdAt),
      sha256: e.item.sha256 ?? '',
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The hand-over ZIP: one folder per indicator with evidence, links in a text file there, and the index at the top. */
export async function buildEvidenceZip(set: IndicatorSet, lang: Language, items: Array<EvidenceView & { bytes: Buffer | null }>, labels: ZipLabels): Promise<{ zip: Buffer; entries: ZipEntry[] }> {
  const entries = planZip(set, lang, items);
  const files: Zippable = {};
  const links = new Map<string, string[]>();
  for (const e of entries) {
    if (e.path && e.item.bytes) {
      // Documents and photos are compressed already: stored as they are, the ZIP is built fast.
      files[e.path] = [new Uint8Array(e.item.bytes.buffer, e.item.bytes.byteOffset, e.item.bytes.byteLength), { level: 0 }];
    } else if (e.item.url) {
      const ind = set.indicators.find((i) => i.code === e.indicator)!;
      const folder = safeName(`${ind.number} ${ind.name[lang]}`);
      const list = links.get(folder) ?? [];
      list.push(e.item.caption ? `${e.item.url}\r\n  ${e.item.caption}` : e.item.url);
      links.set(folder, list);
    }
  }
  for (const [folder, list] of links) files[`${folder}/${labels.linksFile}`] = strToU8(`${list.join('\r\n')}\r\n`);
  files[labels.indexFile] = await indexSheet(set, lang, entries, labels);
  return { zip: Buffer.from(zipSync(files, { level: 6 })), entries };
}

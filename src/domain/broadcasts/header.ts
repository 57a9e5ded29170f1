/**
 * A broadcast arrives with a header saying it is from Warkop Indah and which coordinator sent it.
 * The coordinator's own formatting (Telegram entities, offsets in UTF-16 code units) is kept by
 * moving every entity past the header; the header itself is bold.
 */
import type { Entity } from './broadcasts.js';

export function withHeader(header: string, text: string, entities: unknown[] | null | undefined): { text: string; entities: Entity[] } {
  const prefix = `${header}\n\n`;
  const shift = prefix.length; // JavaScript string length is in UTF-16 code units, as Telegram counts
  const moved = ((entities ?? []) as Entity[]).map((e) => ({ ...e, offset: e.offset + shift }));
  return { text: prefix + text, entities: [{ type: 'bold', offset: 0, length: header.length }, ...moved] };
}

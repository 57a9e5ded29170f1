import { html, type Html } from '../html.js';

/** Issue #11: texts without glitches (drafts being delivered, …). */
export const texts = {
  'drafts.delivering': (p: { name: string; version: number }): Html =>
    html`Draf <b>${p.name}</b> v${p.version} sedang dikirim, satu pesan per bagian. Tunggu sampai selesai, lalu minta lagi bila perlu versi baru.`,
};

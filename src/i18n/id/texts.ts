import { html, type Html } from '../html.js';

/** Issue #11: texts without glitches (drafts being delivered, …). */
export const texts = {
  'ideas.pitch.noDash': (p: { max: number; length: number }): Html =>
    html`Nama inovasi paling banyak ${p.max} karakter, sedangkan yang Anda tulis ${p.length} karakter. Untuk usulan satu baris, pisahkan nama dan ringkasannya dengan tanda pisah “—”, misalnya:\n<code>/usul Getar Dilan — warga sulit mendapat sayur segar; tanam sayur di pekarangan</code>\nAtau ketik /usul saja untuk mengisi langkah demi langkah.`,
  /** Plain text (broadcasts are sent with the coordinator's entities, not HTML). */
  'bc.header': (p: { name: string }): string => `📢 Siaran Warkop Indah — dikirim oleh koordinator ${p.name}`,
  'drafts.delivering': (p: { name: string; version: number }): Html =>
    html`Draf <b>${p.name}</b> v${p.version} sedang dikirim, satu pesan per bagian. Tunggu sampai selesai, lalu minta lagi bila perlu versi baru.`,
};

import { html, type Html } from '../html.js';

/** Backups of the embedded database, sent to an admin on request. */
export const backups = {
  'cmd.backup': 'Kirim cadangan data terbaru (admin)',

  'backup.preparing': 'Cadangan data sedang dibuat. Berkasnya akan dikirim ke percakapan ini sebentar lagi.',
  'backup.postgres':
    'Bot ini menyimpan data di server PostgreSQL. Cadangan data dibuat dengan alat server tersebut (<code>pg_dump</code>), bukan oleh bot. Petunjuknya ada di README, bagian “Backups and moving”.',
  'backup.inMemory': 'Data bot ini hanya tersimpan di memori (tanpa folder data), sehingga tidak ada cadangan yang dapat dibuat.',
  'backup.caption': (p: { when: string; size: string; rows: number }): Html =>
    html`Cadangan data Warkop Indah per ${p.when} (${p.size}, ${p.rows} baris data). Simpan di tempat yang aman: berkas ini memuat data seluruh anggota. Untuk memulihkan: <code>npm run restore -- NAMA_BERKAS</code>.`,
  'backup.tooLarge': (p: { when: string; size: string; file: string }): Html =>
    html`Cadangan data per ${p.when} berukuran ${p.size}, melebihi batas 50 MB untuk berkas yang dikirim bot Telegram, sehingga tidak dapat dikirim lewat percakapan ini. Berkas tersimpan di server: <code>${p.file}</code>. Silakan salin langsung dari sana.`,
  'backup.failed': 'Mohon maaf, cadangan data gagal dibuat. Silakan coba lagi beberapa saat lagi; rinciannya tercatat di log bot.',
};

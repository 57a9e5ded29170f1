import { html, type Html } from '../html.js';

/** Broadcasts by coordinators: compose, audience, preview, progress, report. */
export const broadcasts = {
  'cmd.broadcast': 'Kirim siaran ke grup atau anggota',
  'cmd.broadcastStop': 'Hentikan siaran yang sedang berjalan',

  'bc.askText': 'Ketik <b>pesan siaran</b> Anda (paling banyak 4.096 karakter). Format tebal, miring, dan tautan akan dipertahankan.\n\nKetik /batal untuk membatalkan.',
  'bc.empty': 'Pesan siaran tidak boleh kosong. Silakan ketik teks pesannya.',
  'bc.tooLong': (p: { length: number; max: number }): Html =>
    html`Pesan terlalu panjang: ${p.length} karakter, sedangkan batasnya ${p.max} karakter. Mohon persingkat atau bagi menjadi dua siaran.`,
  'bc.askAudience': 'Kirim ke siapa?',
  'bc.audience.groups': (p: { n: number }): Html => html`📢 Grup terhubung (${p.n})`,
  'bc.audience.members': (p: { n: number }): Html => html`👥 Semua anggota aktif (${p.n})`,
  'bc.audience.agencies': '🏢 Anggota perangkat daerah tertentu',
  'bc.pickAgencies': (p: { selected: number; page: number; pages: number }): Html =>
    html`Pilih perangkat daerah (terpilih: ${p.selected}; halaman ${p.page}/${p.pages}). Tekan lagi untuk membatalkan pilihan.`,
  'bc.agenciesDone': (p: { n: number }): Html => html`✅ Selesai (${p.n} terpilih)`,
  'bc.noAgencySelected': 'Pilih setidaknya satu perangkat daerah.',
  'bc.previewAbove': 'Pratinjau siaran ada di bawah.',
  'bc.confirm': (p: { audience: string; count: number }): Html =>
    html`Penerima: <b>${p.count}</b> (${p.audience}).\nKirim sekarang? Pengiriman berjalan di latar belakang sesuai batas Telegram.`,
  'bc.audienceLabel.groups': 'grup terhubung',
  'bc.audienceLabel.members': 'semua anggota aktif',
  'bc.audienceLabel.agencies': (p: { names: string }): Html => html`anggota ${p.names}`,
  'bc.send': '✅ Kirim',
  'bc.cancel': '❌ Batal',
  'bc.noRecipients': 'Tidak ada penerima untuk pilihan ini. Pilih penerima lain atau ketik /batal.',
  'bc.discarded': 'Siaran dibatalkan; tidak ada yang dikirim.',
  'bc.stale': 'Langkah siaran ini sudah tidak berlaku. Ketik /siaran untuk memulai lagi.',
  'bc.progress': (p: { id: number; done: number; total: number; delivered: number; failed: number; skipped: number }): Html =>
    html`📤 Siaran #${p.id} sedang dikirim: ${p.done}/${p.total}\nTerkirim: ${p.delivered} · Gagal: ${p.failed} · Dilewati: ${p.skipped}\n\nKetik /siaran_batal untuk menghentikan.`,
  'bc.report': (p: { id: number; total: number; delivered: number; failed: number; blocked: number; notFound: number; other: number; skipped: number }): Html =>
    html`✅ <b>Siaran #${p.id} selesai</b> (${p.total} penerima)\nTerkirim: ${p.delivered}\nGagal: ${p.failed} (memblokir bot: ${p.blocked}, tidak ditemukan: ${p.notFound}, lainnya: ${p.other})\nDilewati: ${p.skipped}`,
  'bc.reportStopped': (p: { id: number; total: number; delivered: number; failed: number; skipped: number; cancelled: number }): Html =>
    html`⏹ <b>Siaran #${p.id} dihentikan</b> (${p.total} penerima)\nTerkirim: ${p.delivered} · Gagal: ${p.failed} · Dilewati: ${p.skipped} · Tidak dikirim: ${p.cancelled}`,
  'bc.stopUsage': 'Cara pakai: <code>/siaran_batal</code> (siaran terakhir yang berjalan) atau <code>/siaran_batal NOMOR</code>.',
  'bc.nothingToStop': 'Tidak ada siaran yang sedang berjalan.',
  'bc.notFound': (p: { id: string }): Html => html`Siaran #${p.id} tidak ditemukan.`,
  'bc.alreadyFinished': 'Siaran tersebut sudah selesai atau sudah dihentikan.',
  'bc.stopping': (p: { id: number }): Html => html`Siaran #${p.id} dihentikan. Laporan akhirnya menyusul di pesan kemajuan.`,
};

import { html, type Html } from '../html.js';

/** Bukti dukung IGA (/bukti, /bukti_rekap), the evidence jobs' messages and the hand-over ZIP. */
export const evidence = {
  'cmd.evidence': 'Kumpulkan bukti dukung IGA sebuah inovasi',
  'cmd.evidenceRecap': 'Rekap kelengkapan bukti dukung IGA per perangkat daerah',

  'evidence.usage':
    'Cara pakai:\n<code>/bukti 12</code> — lihat dan lengkapi bukti dukung IGA ide nomor 12\n<code>/bukti 12 unduh</code> — unduh semua bukti dukungnya dalam satu berkas ZIP',
  'evidence.notFound': (p: { id: number }): Html => html`Ide nomor ${p.id} tidak ditemukan. Periksa kembali nomornya.`,
  'evidence.forbidden': (p: { id: number }): Html =>
    html`Bukti dukung ide nomor ${p.id} hanya dapat dikelola oleh pengusulnya, rekan penyusun, pendamping, atau koordinator Warkop Indah.`,
  'evidence.overview': (p: { id: number; name: string; title: string; done: number; total: number }): Html =>
    html`📂 <b>Bukti dukung ${p.title}</b>\nInovasi #${p.id} <b>${p.name}</b>: ${p.done}/${p.total} indikator sudah ada buktinya.\n\n✅ ada bukti · ⬜ belum ada · ❗ wajib\nPilih indikator untuk melihat atau menambah buktinya.`,
  'evidence.button.zip': '📦 Unduh ZIP',
  'evidence.button.back': '⬅️ Daftar indikator',
  'evidence.button.remove': (p: { n: number }): string => `🗑 Hapus ${p.n}`,

  'evidence.indicator.title': (p: { number: number; name: string; mandatory: boolean }): Html =>
    html`<b>${p.number}. ${p.name}</b>${p.mandatory ? ' (wajib)' : ''}`,
  'evidence.indicator.evidence': (p: { text: string }): Html => html`Bukti yang diminta: ${p.text}`,
  'evidence.indicator.levels': (p: { text: string }): Html => html`Tingkatan nilai: ${p.text}`,
  'evidence.indicator.none': 'Belum ada bukti untuk indikator ini.',
  'evidence.indicator.items': 'Bukti yang sudah ada:',
  'evidence.indicator.file': (p: { n: number; name: string; size: string; by: string; date: string; caption: string }): Html =>
    html`${p.n}. 📄 ${p.name} (${p.size}) — ${p.by}, ${p.date}${p.caption ? html`\n    <i>${p.caption}</i>` : ''}`,
  'evidence.indicator.link': (p: { n: number; url: string; by: string; date: string; caption: string }): Html =>
    html`${p.n}. 🔗 ${p.url} — ${p.by}, ${p.date}${p.caption ? html`\n    <i>${p.caption}</i>` : ''}`,
  'evidence.indicator.ask': (p: { maxMb: number }): Html =>
    html`Kirim sekarang dokumen, foto, atau tautan untuk indikator ini, sebaiknya dengan keterangan singkat (misalnya "SK Bupati No. 12 Tahun 2025"). Ukuran berkas paling besar ${p.maxMb} MB. Ketik /batal bila sudah selesai.`,

  'evidence.noIndicator':
    'Untuk menyimpan bukti dukung, pilih dulu inovasi dan indikatornya dengan <code>/bukti nomor-ide</code>, lalu kirim berkasnya.',
  'evidence.tooLarge': (p: { maxMb: number; size: string }): Html =>
    html`Berkas ini berukuran ${p.size}, melebihi batas ${p.maxMb} MB yang dapat diterima bot dari Telegram. Kecilkan atau pecah berkasnya, atau kirim tautan tempat berkas itu disimpan. Bukti yang sudah tersimpan tidak berubah.`,
  'evidence.unsupported': (p: { types: string }): Html =>
    html`Jenis berkas ini tidak diterima sebagai bukti dukung. Jenis yang diterima: ${p.types}. Bukti yang sudah tersimpan tidak berubah.`,
  'evidence.noFile':
    'Pesan ini tidak berisi berkas, foto, atau tautan. Kirim dokumen atau foto (boleh dengan keterangan), atau tautan yang diawali https://, atau ketik /batal.',
  'evidence.busy': (p: { name: string }): Html =>
    html`Berkas sebelumnya (<b>${p.name}</b>) masih diterima. Tunggu konfirmasinya, lalu kirim berkas ini sekali lagi.`,
  'evidence.receiving': (p: { name: string }): Html => html`⏳ Menerima <b>${p.name}</b>… Konfirmasi dikirim begitu berkas tersimpan.`,
  'evidence.stored': (p: { name: string; size: string; number: number; indicator: string; done: number; total: number; id: number }): Html =>
    html`✅ <b>${p.name}</b> (${p.size}) tersimpan sebagai bukti indikator ${p.number}. ${p.indicator}.\nBukti dukung IGA: ${p.done}/${p.total}. Kirim berkas lain untuk indikator yang sama, atau <code>/bukti ${p.id}</code> untuk memilih indikator lain.`,
  'evidence.linkStored': (p: { url: string; number: number; indicator: string; done: number; total: number; id: number }): Html =>
    html`✅ Tautan ${p.url} tersimpan sebagai bukti indikator ${p.number}. ${p.indicator}.\nBukti dukung IGA: ${p.done}/${p.total}. Kirim bukti lain, atau <code>/bukti ${p.id}</code> untuk memilih indikator lain.`,
  'evidence.downloadFailed': (p: { name: string }): Html =>
    html`❌ Maaf, berkas <b>${p.name}</b> gagal diterima dari Telegram. Silakan kirim sekali lagi. Bukti yang sudah tersimpan tidak berubah.`,
  'evidence.downloadTooLarge': (p: { name: string; maxMb: number }): Html =>
    html`❌ Berkas <b>${p.name}</b> melebihi ${p.maxMb} MB sehingga tidak dapat diambil dari Telegram. Kirim versi yang lebih kecil atau tautannya.`,
  'evidence.removed': (p: { number: number }): Html => html`Satu bukti indikator ${p.number} dihapus dari daftar. Catatannya tetap disimpan dalam riwayat.`,
  'evidence.removeForbidden': 'Hanya koordinator yang dapat menghapus bukti dukung.',
  'evidence.removeGone': 'Bukti ini sudah dihapus sebelumnya.',

  'evidence.zip.queued': (p: { name: string }): Html => html`⏳ Menyiapkan berkas ZIP bukti dukung <b>${p.name}</b>…`,
  'evidence.zip.busy': (p: { name: string }): Html => html`Berkas ZIP <b>${p.name}</b> masih disiapkan. Hasilnya akan dikirim begitu selesai.`,
  'evidence.zip.empty': (p: { name: string; id: number }): Html =>
    html`Belum ada bukti dukung untuk <b>${p.name}</b>. Tambahkan lewat <code>/bukti ${p.id}</code>.`,
  'evidence.zip.caption': (p: { name: string; title: string; files: number; links: number; done: number; total: number }): Html =>
    html`📦 Bukti dukung ${p.title} — <b>${p.name}</b>: ${p.files} berkas, ${p.links} tautan, ${p.done}/${p.total} indikator. Satu folder per indikator; daftar lengkapnya ada di berkas indeks.`,
  'evidence.zip.tooLarge': (p: { name: string; size: string }): Html =>
    html`Berkas ZIP bukti dukung <b>${p.name}</b> berukuran ${p.size}, melebihi batas 50 MB untuk berkas yang dikirim bot. Hubungi admin untuk mengambilnya langsung dari basis data, atau kurangi berkas yang besar.`,
  'evidence.zip.failed': (p: { name: string }): Html => html`❌ Maaf, berkas ZIP <b>${p.name}</b> gagal disiapkan. Silakan coba lagi nanti.`,
  'evidence.zip.fileName': (p: { year: number; name: string }): string => `Bukti dukung IGA ${p.year} - ${p.name}.zip`,
  'evidence.zip.indexFile': '00 Daftar bukti dukung.xlsx',
  'evidence.zip.linksFile': 'tautan.txt',
  'evidence.zip.sheet': 'Bukti dukung',
  'evidence.zip.col.number': 'No.',
  'evidence.zip.col.indicator': 'Indikator',
  'evidence.zip.col.mandatory': 'Wajib',
  'evidence.zip.col.path': 'Berkas dalam ZIP / tautan',
  'evidence.zip.col.original': 'Nama berkas asli',
  'evidence.zip.col.caption': 'Keterangan',
  'evidence.zip.col.type': 'Jenis',
  'evidence.zip.col.size': 'Ukuran (bita)',
  'evidence.zip.col.by': 'Diunggah oleh',
  'evidence.zip.col.at': 'Waktu unggah',
  'evidence.zip.col.sha256': 'SHA-256',
  'evidence.zip.yes': 'ya',
  'evidence.zip.no': 'tidak',
  'evidence.zip.link': 'tautan',

  'evidence.card.line': (p: { done: number; total: number }): Html => html`📂 Bukti dukung IGA: ${p.done}/${p.total}`,

  'evidence.recap.usage': 'Cara pakai: <code>/bukti_rekap</code> atau <code>/bukti_rekap 2026</code>',
  'evidence.recap.title': (p: { title: string; count: number }): Html => html`📊 <b>Kelengkapan bukti dukung ${p.title}</b>\n${p.count} inovasi yang sudah diterapkan.`,
  'evidence.recap.empty': (p: { title: string }): Html => html`📊 <b>${p.title}</b>: belum ada inovasi berstatus diterapkan.`,
  'evidence.recap.agency': (p: { name: string }): Html => html`\n<b>${p.name}</b>`,
  'evidence.recap.idea': (p: { id: number; name: string; done: number; total: number; missing: string }): Html =>
    html`• #${p.id} ${p.name}: ${p.done}/${p.total}${p.missing ? html` — wajib belum ada: ${p.missing}` : ''}`,
  'evidence.recap.common': '\n<b>Indikator yang paling sering belum ada buktinya</b>',
  'evidence.recap.commonLine': (p: { number: number; name: string; missing: number }): Html => html`• ${p.number}. ${p.name}: ${p.missing} inovasi`,
  'evidence.recap.chase': '\n<b>Perlu dihubungi</b>',
  'evidence.recap.chaseLine': (p: { name: string; handle: string; id: number; idea: string; agency: string; done: number; total: number }): Html =>
    html`• ${p.name}${p.handle ? ` (${p.handle})` : ''} — #${p.id} ${p.idea}, ${p.agency}: ${p.done}/${p.total}`,
  'evidence.recap.more': (p: { count: number }): Html => html`… dan ${p.count} lainnya.`,
  'evidence.digest.head': (p: { closes: string }): Html =>
    html`🗓 Ringkasan mingguan masa pelaporan IGA. Pelaporan ditutup ${p.closes}.`,
};

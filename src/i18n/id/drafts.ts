import { html, type Html } from '../html.js';

/** Proposal drafts (/draf, /format) and what the drafts job tells the member. */
export const drafts = {
  'cmd.draft': 'Susun draf proposal kompetisi dari sebuah ide',
  'cmd.format': 'Pilih format proposal yang dipakai untuk draf',

  'drafts.usage':
    'Cara pakai:\n<code>/draf 12</code> — susun draf proposal untuk ide nomor 12\n<code>/draf 12 riwayat</code> — daftar versi draf ide tersebut\n<code>/draf 12 v2</code> — kirim ulang draf versi 2\n<code>/draf 12 format kipp-umum-2023</code> — (koordinator) susun draf dengan format tertentu',
  'drafts.notFound': (p: { id: number }): Html => html`Ide nomor ${p.id} tidak ditemukan. Periksa kembali nomornya.`,
  'drafts.forbidden': (p: { id: number }): Html =>
    html`Draf ide nomor ${p.id} hanya dapat diminta oleh pengusulnya, rekan penyusun yang ditambahkan pengusul (/rekan), atau koordinator Warkop Indah.`,
  'drafts.quota': (p: { max: number; at: string }): Html =>
    html`Anda sudah meminta ${p.max} draf dalam satu jam terakhir, batas yang berlaku saat ini. Silakan coba lagi setelah ${p.at}.`,
  'drafts.pending': (p: { name: string }): Html =>
    html`Draf <b>${p.name}</b> yang Anda minta sebelumnya masih disusun. Hasilnya akan dikirim begitu selesai.`,
  'drafts.privateUnreachable': (p: { link: string }): Html =>
    html`Draf dikirim lewat percakapan pribadi, tetapi bot belum dapat mengirim pesan kepada Anda. <a href="${p.link}">Buka percakapan dengan bot</a>, tekan Mulai, lalu minta draf lagi.`,
  'drafts.sentPrivately': (p: { name: string }): Html =>
    html`Draf <b>${p.name}</b> sedang disusun dan akan dikirim di percakapan pribadi dengan bot.`,
  'drafts.sentPrivatelyShort': 'Draf sedang disusun; hasilnya dikirim di percakapan pribadi dengan bot.',

  'drafts.progress.start': (p: { name: string; layout: string }): Html => html`⏳ Menyusun draf <b>${p.name}</b> (${p.layout})…`,
  'drafts.progress.queued': (p: { name: string; layout: string; position: number }): Html =>
    html`⏳ Permintaan draf <b>${p.name}</b> (${p.layout}) masuk antrean, urutan ke-${p.position}. Penyusun draf sedang melayani permintaan lain; draf Anda disusun segera setelahnya, tidak perlu meminta ulang.`,
  'drafts.progress.model': (p: { name: string; layout: string; done: number; total: number }): Html =>
    html`⏳ Menyusun draf <b>${p.name}</b> (${p.layout})… ${p.done}/${p.total} bagian selesai`,
  'drafts.progress.template': (p: { name: string; layout: string }): Html =>
    html`⏳ Menyusun draf <b>${p.name}</b> (${p.layout}) dari data forum…`,
  'drafts.progress.done': (p: { name: string; version: number; sections: number; words: number; source: Html | string }): Html =>
    html`✅ Draf v${p.version} untuk <b>${p.name}</b> siap: ${p.sections} bagian, ${p.words} kata. Sumber: ${p.source}. Setiap bagian dikirim di bawah ini, lalu berkas Word-nya.`,
  'drafts.progress.failed': (p: { name: string }): Html =>
    html`❌ Maaf, draf <b>${p.name}</b> gagal disusun karena kendala teknis. Silakan coba lagi beberapa saat lagi.`,
  'drafts.progress.resend': (p: { name: string; version: number }): Html => html`📤 Mengirim ulang draf v${p.version} untuk <b>${p.name}</b>…`,
  'drafts.progress.resent': (p: { name: string; version: number }): Html => html`📤 Draf v${p.version} untuk <b>${p.name}</b>:`,

  'drafts.source.template': 'template (tanpa model bahasa)',
  'drafts.source.model': (p: { model: string; tokens: string }): Html => html`model ${p.model}, ${p.tokens} token`,
  'drafts.source.modelNoUsage': (p: { model: string }): Html => html`model ${p.model}`,

  'drafts.fallback.timeout': (p: { seconds: number }): Html =>
    html`ℹ️ Model bahasa tidak menjawab dalam ${p.seconds} detik, jadi draf ini disusun dengan template.`,
  'drafts.fallback.unreachable': 'ℹ️ Server model bahasa tidak dapat dihubungi, jadi draf ini disusun dengan template.',
  'drafts.fallback.http': (p: { status: number }): Html =>
    html`ℹ️ Server model bahasa menjawab dengan galat (HTTP ${p.status}), jadi draf ini disusun dengan template.`,
  'drafts.fallback.auth': 'ℹ️ Server model bahasa menolak kunci API yang dipasang, jadi draf ini disusun dengan template. Beri tahu admin.',
  'drafts.fallback.malformed': 'ℹ️ Jawaban model bahasa tidak dapat dibaca walau sudah diminta memperbaikinya, jadi draf ini disusun dengan template.',
  'drafts.fallback.empty': 'ℹ️ Model bahasa memberi jawaban kosong, jadi draf ini disusun dengan template.',
  'drafts.fallback.partial': (p: { count: number }): Html =>
    html`ℹ️ Model bahasa tidak mengisi ${p.count} bagian; bagian tersebut diisi dengan template.`,

  'drafts.header.title': (p: { name: string; version: number }): Html => html`📝 <b>${p.name}</b> — draf v${p.version}`,
  'drafts.header.data': '<b>Data isian</b>',
  'drafts.header.line': (p: { label: string; value: Html }): Html => html`${p.label}: ${p.value}`,
  'drafts.header.warning': (p: { text: string }): Html => html`⚠️ ${p.text}`,
  'drafts.header.howTo':
    '<i>Ini draf awal. Teks bertanda [Lengkapi: …] adalah data yang harus Anda tambahkan; jumlah kata tidak menghitung catatan itu.</i>',
  'drafts.section.head': (p: { number: number; title: string; words: number; max: number }): Html =>
    html`<b>${p.number}. ${p.title}</b> — ${p.words}/${p.max} kata`,
  'drafts.part.head': (p: { label: string; words: number; max: number }): Html => html`<b>${p.label}</b> — ${p.words}/${p.max} kata`,
  'drafts.section.over': ' ⚠️ melebihi batas, perlu dipangkas',
  'drafts.section.continued': (p: { number: number; title: string }): Html => html`<b>${p.number}. ${p.title}</b> (lanjutan)`,
  'drafts.doc.caption': (p: { name: string; version: number }): Html => html`Draf v${p.version} ${p.name} dalam format Word.`,
  'drafts.doc.fileName': (p: { name: string; version: number }): string => `draf-${p.name}-v${p.version}.docx`,

  'drafts.history.title': (p: { name: string }): Html => html`<b>Riwayat draf ${p.name}</b>`,
  'drafts.history.line': (p: { version: number; date: string; source: Html | string; by: string }): Html =>
    html`v${p.version} · ${p.date} · ${p.source} · oleh ${p.by}`,
  'drafts.history.empty': (p: { id: number }): Html => html`Belum ada draf untuk ide nomor ${p.id}. Ketik <code>/draf ${p.id}</code> untuk menyusunnya.`,
  'drafts.history.hint': (p: { id: number; version: number }): Html => html`Kirim ulang satu versi dengan <code>/draf ${p.id} v${p.version}</code>.`,
  'drafts.version.notFound': (p: { id: number; version: number }): Html =>
    html`Draf versi ${p.version} untuk ide nomor ${p.id} tidak ada. Lihat daftar versinya dengan <code>/draf ${p.id} riwayat</code>.`,

  'drafts.draftFormat.forbidden': (p: { id: number; layout: string }): Html =>
    html`Maaf, hanya koordinator Warkop Indah yang dapat memilih format untuk satu draf. Ketik <code>/draf ${p.id}</code> untuk menyusun draf dengan format yang berlaku saat ini (${p.layout}).`,
  'drafts.draftFormat.missing': 'Sebutkan format yang dipakai untuk draf ini. Pilihan yang tersedia (✅ = format yang berlaku untuk semua draf):',
  'drafts.draftFormat.unknown': (p: { id: string }): Html =>
    html`Format “${p.id}” tidak dikenal. Pilihan yang tersedia (✅ = format yang berlaku untuk semua draf):`,
  'drafts.draftFormat.hint': (p: { id: number; layout: string }): Html =>
    html`Contoh: <code>/draf ${p.id} format ${p.layout}</code>. Pilihan ini hanya berlaku untuk draf tersebut; format untuk semua draf diatur dengan /format.`,

  'drafts.format.title': '<b>Format proposal</b>',
  'drafts.format.line': (p: { id: string; title: string; active: boolean }): Html =>
    html`${p.active ? '✅' : '▫️'} <code>${p.id}</code> — ${p.title}`,
  'drafts.format.origin.setting': 'Dipilih oleh koordinator.',
  'drafts.format.origin.config': 'Ditetapkan lewat konfigurasi PROPOSAL_LAYOUT.',
  'drafts.format.origin.newest': 'Format terbaru dipakai karena belum ada yang dipilih.',
  'drafts.format.hint': 'Pilih format dengan tombol di bawah atau ketik <code>/format kipp-umum-2023</code>.',
  'drafts.format.unknown': (p: { id: string }): Html => html`Format “${p.id}” tidak dikenal. Ketik /format untuk melihat pilihan.`,
  'drafts.format.set': (p: { title: string }): Html => html`Draf baru sekarang memakai format <b>${p.title}</b>.`,
};

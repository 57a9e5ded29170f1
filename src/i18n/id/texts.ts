import { html, type Html } from '../html.js';

/** Issue #11: texts without glitches (drafts being delivered, …). */
export const texts = {
  'ideas.delete.undoHint': 'Terhapus tidak sengaja? Pengusul atau koordinator dapat memulihkannya dengan tombol di bawah.',
  'ideas.restore.btn': '↩️ Pulihkan ide',
  'ideas.restore.done': (p: { id: number; name: string }): Html => html`↩️ Ide <b>#${p.id} ${p.name}</b> dipulihkan. Lihat dengan /ide ${p.id}.`,
  'ideas.restore.notAllowed': 'Hanya pengusul ide ini atau koordinator yang dapat memulihkannya.',
  'ideas.restore.notDeleted': 'Ide ini tidak sedang terhapus; mungkin sudah dipulihkan.',
  'ideas.card.btn.supported': '✅ Anda mendukung',
  'ideas.support.btn.withdraw': 'Ya, tarik dukungan',
  'ideas.support.btn.keep': 'Tidak, tetap mendukung',
  'ideas.support.alreadyGroup': (p: { id: number }): Html =>
    html`Anda sudah mendukung ide #${p.id}. Untuk menarik dukungan, buka /ide ${p.id} di percakapan pribadi dengan bot.`,
  'ideas.support.withdrawAsk': (p: { id: number; name: string }): Html =>
    html`Anda sudah mendukung <b>#${p.id} ${p.name}</b>. Tarik dukungan Anda?`,
  'ideas.support.withdrawn': (p: { id: number; count: number }): Html =>
    html`Dukungan Anda untuk ide #${p.id} sudah ditarik. Pendukung sekarang: ${p.count}.`,
  'ideas.support.kept': (p: { id: number }): Html => html`Dukungan Anda untuk ide #${p.id} tetap tercatat 👍`,
  'ideas.search.fuzzyText': 'Tidak ada yang cocok persis; ini ide yang ringkasan atau uraiannya memuat kata yang mirip:',
  'dashboard.board.searchTypoText': 'Tidak ada yang sama persis; ditampilkan ide yang uraiannya memuat kata yang mirip.',
  'ideas.search.anyWord': 'Tidak ada ide yang memuat semua kata itu; ini ide yang memuat sebagian kata, yang paling banyak cocok di atas:',
  'help.group.title': '<b>Perintah Warkop Indah</b> (ringkas, untuk grup)',
  'help.group.more': (p: { link: string }): Html =>
    html`Daftar lengkap beserta contoh pemakaiannya ada di percakapan pribadi: <a href="${p.link}">buka bot</a>, lalu ketik /bantuan.`,
  'help.examples.member':
    '<b>Contoh</b>\n<code>/usul Getar Dilan — warga sulit mendapat sayur segar; tanam sayur di pekarangan</code>\n<code>/cari antrean puskesmas</code>\n<code>/ide 12</code> — kartu ide nomor 12\n<code>/komentar 12 Dinkes siap membantu penyuluhan</code>\n<code>/draf 12</code> — draf proposal KIPP',
  'help.examples.coordinator':
    '<b>Contoh untuk koordinator</b>\n<code>/sesi_baru Kamis depan 09.00 | Aula Bappelitbangda | Bedah proposal | kuota 20</code>\n<code>/tahap 12 dibahas Dibahas pada Warkop Indah</code>\n<code>/penghargaan 12 provinsi TOP 30 KIPP Sulsel 2026</code>',
  'sess.reminder.confirmMaybe': 'Sudah bisa memastikan? Pilih jawaban Anda dengan tombol di bawah.',
  'sess.cancel.confirm': (p: { id: number; reason: string }): Html =>
    html`Batalkan sesi #${p.id}? Semua yang sudah menjawab dan grup yang terhubung akan langsung diberi tahu, dengan alasan: “${p.reason}”.`,
  'sess.cancel.yes': '🗑 Ya, batalkan sesi',
  'sess.cancel.no': 'Tidak jadi',
  'sess.cancel.kept': 'Sesi tidak dibatalkan; tidak ada yang diberi tahu.',
  'sess.cancel.stale': 'Konfirmasi ini sudah tidak berlaku. Ketik /batal_sesi lagi bila perlu.',
  'sess.cancel.useButtons': 'Silakan pilih dengan tombol di atas: batalkan sesi atau tidak jadi.',
  'guard.coordinatorOnlyAsk': (p: { names: string }): Html =>
    html`Maaf, perintah ini hanya untuk koordinator Tim Pelaksana Warkop Indah. Silakan hubungi koordinator: ${p.names}.`,
  'ideas.pitch.noDash': (p: { max: number; length: number }): Html =>
    html`Nama inovasi paling banyak ${p.max} karakter, sedangkan yang Anda tulis ${p.length} karakter. Untuk usulan satu baris, pisahkan nama dan ringkasannya dengan tanda pisah “—”, misalnya:\n<code>/usul Getar Dilan — warga sulit mendapat sayur segar; tanam sayur di pekarangan</code>\nAtau ketik /usul saja untuk mengisi langkah demi langkah.`,
  /** Plain text (broadcasts are sent with the coordinator's entities, not HTML). */
  'bc.header': (p: { name: string }): string => `📢 Siaran Warkop Indah — dikirim oleh koordinator ${p.name}`,
  'drafts.delivering': (p: { name: string; version: number }): Html =>
    html`Draf <b>${p.name}</b> v${p.version} sedang dikirim, satu pesan per bagian. Tunggu sampai selesai, lalu minta lagi bila perlu versi baru.`,
};

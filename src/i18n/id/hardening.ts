import { html, type Html } from '../html.js';

/** Refusals of the hardening work: forged presses, other people's views, floods, co-authors. */
export const hardening = {
  'press.forged': 'Tombol ini sudah tidak berlaku. Silakan kirim perintahnya lagi.',
  'press.notYourView': 'Tombol ini untuk anggota yang mengirim perintahnya. Silakan kirim perintah itu sendiri bila Anda memerlukannya.',
  'flood.slowDown': 'Mohon tunggu sebentar: terlalu banyak perintah dalam waktu singkat. Perintah berikutnya akan dijawab lagi setelah beberapa detik.',
  'flood.chatBusy': 'Grup ini sedang mengirim terlalu banyak perintah sekaligus. Sebagian perintah dilewati; silakan ulangi perintah yang penting sebentar lagi.',
  'comment.registerFirst': 'Komentar di topik ide hanya disimpan dari anggota terdaftar. Daftar dulu lewat percakapan pribadi dengan bot: /daftar',

  'handle.ambiguous': (p: { handle: string }): Html =>
    html`Ada lebih dari satu anggota dengan nama pengguna ${p.handle}. Minta orang yang dimaksud mengirim /start ke bot agar datanya diperbarui, atau gunakan ID Telegram-nya.`,

  'cmd.coauthor': 'Tambah atau hapus rekan penyusun sebuah ide',
  'collab.usage':
    'Cara pakai:\n<code>/rekan 12</code> — daftar rekan penyusun ide nomor 12\n<code>/rekan 12 @nama</code> — tambahkan rekan penyusun\n<code>/rekan 12 hapus @nama</code> — hapus rekan penyusun\nRekan penyusun dapat meminta draf proposal ide tersebut seperti pengusulnya.',
  'collab.forbidden': (p: { id: number }): Html =>
    html`Rekan penyusun ide nomor ${p.id} hanya dapat diubah oleh pengusulnya atau koordinator.`,
  'collab.memberNotFound': (p: { handle: string }): Html =>
    html`Anggota ${p.handle} tidak ditemukan. Pastikan ia sudah mendaftar di bot dan nama penggunanya benar.`,
  'collab.unregistered': (p: { name: string }): Html => html`${p.name} belum mendaftar. Minta ia mendaftar dulu lewat /daftar.`,
  'collab.owner': (p: { name: string }): Html => html`${p.name} adalah pengusul ide ini.`,
  'collab.already': (p: { name: string }): Html => html`${p.name} sudah menjadi rekan penyusun ide ini.`,
  'collab.full': (p: { max: number }): Html => html`Satu ide paling banyak memiliki ${p.max} rekan penyusun.`,
  'collab.added': (p: { name: string; id: number; idea: string }): Html =>
    html`✅ ${p.name} kini rekan penyusun ide #${p.id} ${p.idea} dan dapat meminta draf proposalnya.`,
  'collab.removed': (p: { name: string; id: number }): Html => html`${p.name} tidak lagi menjadi rekan penyusun ide #${p.id}.`,
  'collab.notOne': (p: { name: string; id: number }): Html => html`${p.name} bukan rekan penyusun ide #${p.id}.`,
  'collab.list': (p: { id: number; idea: string; names: string }): Html =>
    html`Rekan penyusun ide #${p.id} ${p.idea}: ${p.names}`,
  'collab.none': (p: { id: number }): Html => html`Ide #${p.id} belum memiliki rekan penyusun. Pengusul dapat menambahkannya dengan <code>/rekan ${p.id} @nama</code>.`,

  'rsvp.confirmLink': (p: { id: number; title: string; answer: string }): Html =>
    html`Tautan yang Anda buka mengusulkan jawaban <b>${p.answer}</b> untuk Sesi #${p.id} ${p.title}. Belum ada yang dicatat: pilih jawaban Anda dengan tombol di bawah.`,
  'role.envAdmin': (p: { name: string }): Html =>
    html`${p.name} adalah admin melalui pengaturan ADMIN_TELEGRAM_IDS, sehingga perannya tidak dapat diubah dengan /peran. Hapus ID-nya dari pengaturan itu dan mulai ulang bot; setelah itu ia menjadi anggota biasa.`,
};

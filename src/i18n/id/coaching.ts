import { html, type Html } from '../html.js';

/** Coaching (pendampingan): coaches, coaching notes, next coaching dates, reminders, weekly digest. */
export const coaching = {
  'cmd.coach': 'Tetapkan atau hapus pendamping sebuah ide',
  'cmd.coaching': 'Daftar ide yang Anda dampingi',
  'cmd.coachingNote': 'Tulis catatan pendampingan untuk sebuah ide',

  'coaching.coach.usage':
    'Cara pakai:\n<code>/pendamping 12 @username</code> — tetapkan pendamping ide nomor 12\n<code>/pendamping 12 hapus @username</code> — hentikan pendampingannya\n<code>/pendamping 12</code> — lihat pendamping ide tersebut',
  'coaching.memberNotFound': (p: { handle: string }): Html =>
    html`Anggota ${p.handle} tidak ditemukan. Pastikan ia sudah memulai bot dan mendaftar dengan /daftar.`,
  'coaching.assigned': (p: { id: number; name: string; coach: string }): Html =>
    html`✅ ${p.coach} kini menjadi pendamping ide #${p.id} <b>${p.name}</b>. Ia diberi tahu lewat pesan pribadi.`,
  'coaching.removed': (p: { id: number; name: string; coach: string }): Html =>
    html`✅ ${p.coach} tidak lagi menjadi pendamping ide #${p.id} <b>${p.name}</b>. Pengingat pendampingannya dibatalkan.`,
  'coaching.refused.not_coordinator': 'Hanya koordinator Warkop Indah yang dapat menetapkan pendamping.',
  'coaching.refused.archived': 'Ide tersebut sudah diarsipkan, sehingga tidak dapat didampingi. Buka kembali idenya terlebih dahulu.',
  'coaching.refused.not_registered': (p: { coach: string }): Html =>
    html`${p.coach} belum terdaftar sebagai anggota. Mintalah ia mendaftar dengan /daftar terlebih dahulu.`,
  'coaching.refused.own_idea': 'Pengusul tidak dapat menjadi pendamping idenya sendiri. Pilih anggota lain.',
  'coaching.refused.already': (p: { coach: string; id: number }): Html => html`${p.coach} sudah menjadi pendamping ide #${p.id}.`,
  'coaching.refused.not_a_coach': (p: { coach: string; id: number }): Html => html`${p.coach} bukan pendamping ide #${p.id}.`,

  'coaching.list.title': (p: { id: number; name: string }): Html => html`<b>Pendamping ide #${p.id} ${p.name}</b>`,
  'coaching.list.item': (p: { name: string; date: string; by: string }): Html => html`• ${p.name} — sejak ${p.date}, ditetapkan oleh ${p.by}`,
  'coaching.list.empty': (p: { id: number }): Html =>
    html`Ide #${p.id} belum memiliki pendamping. Tetapkan dengan <code>/pendamping ${p.id} @username</code>.`,

  'coaching.mine.title': (p: { count: number }): Html => html`<b>Ide yang Anda dampingi</b> (${p.count})`,
  'coaching.mine.item': (p: { id: number; name: string; agency: string; stage: string; last: string }): Html =>
    html`#${p.id} <b>${p.name}</b> · ${p.agency} · ${p.stage}\n   Pendampingan terakhir: ${p.last}`,
  'coaching.mine.next': (p: { when: string }): Html => html`\n   Pendampingan berikutnya: ${p.when}`,
  'coaching.mine.never': 'belum ada',
  'coaching.mine.empty': 'Anda belum ditetapkan sebagai pendamping ide mana pun. Koordinator menetapkannya dengan /pendamping.',
  'coaching.mine.hint': 'Tulis catatan dengan <code>/catatan N teks</code> atau tombol 📒 pada kartu ide.',

  'coaching.note.usage':
    'Cara pakai:\n<code>/catatan 12 teks catatan</code> — catatan pendampingan untuk ide nomor 12\n<code>/catatan 12 teks catatan | Kamis 09.00</code> — sekaligus menetapkan jadwal pendampingan berikutnya\nDi percakapan pribadi, <code>/catatan 12</code> saja akan memandu Anda.',
  'coaching.note.notAllowed': (p: { id: number }): Html =>
    html`Catatan pendampingan ide #${p.id} hanya dapat ditulis oleh pendamping ide tersebut atau koordinator Warkop Indah.`,
  'coaching.note.archived': 'Ide tersebut sudah diarsipkan; catatan pendampingan tidak dapat ditambahkan.',
  'coaching.note.pastDate': 'Jadwal pendampingan berikutnya harus waktu yang akan datang.',
  'coaching.note.ask': (p: { id: number; name: string }): Html =>
    html`📒 Catatan pendampingan untuk ide #${p.id} <b>${p.name}</b> (1/2).\nTuliskan apa yang dibahas dan tindak lanjutnya.\n\nKetik /batal untuk membatalkan.`,
  'coaching.note.askNext': (p: { id: number }): Html =>
    html`📅 Kapan pendampingan berikutnya untuk ide #${p.id}? (2/2)\nKetik tanggal dan jamnya (WITA), misalnya <code>Kamis 09.00</code> atau <code>10/12/2026 14.00</code>; atau tekan <i>Lewati</i> bila belum ada jadwal.`,
  'coaching.note.btn.skip': 'Lewati',
  'coaching.note.btn.write': '📒 Catatan pendampingan',
  'coaching.note.tooLong': (p: { max: number; length: number }): Html =>
    html`Catatan terlalu panjang (${p.length} karakter, paling banyak ${p.max}). Mohon persingkat.`,
  'coaching.note.empty': 'Catatan tidak boleh kosong. Silakan tuliskan catatannya.',
  'coaching.note.saved': (p: { id: number; name: string }): Html => html`✅ Catatan pendampingan untuk ide #${p.id} <b>${p.name}</b> disimpan.`,
  'coaching.note.savedNext': (p: { when: string }): Html =>
    html`📅 Pendampingan berikutnya: ${p.when}. Pendamping dan pengusul akan diingatkan.`,
  'coaching.note.ownerTold': 'Pengusul diberi tahu lewat pesan pribadi.',
  'coaching.note.groupHint': (p: { id: number }): Html => html`Tulis catatan di grup dengan /catatan ${p.id} teks, atau tekan tombol ini di percakapan pribadi dengan bot.`,
  'coaching.note.stale': 'Tombol ini sudah tidak berlaku. Mulai lagi dengan tombol 📒 pada kartu ide.',

  'coaching.notice.assigned': (p: { id: number; name: string; actor: string }): Html =>
    html`🤝 ${p.actor} menetapkan Anda sebagai pendamping ide #${p.id} <b>${p.name}</b>.\nLihat idenya dengan /ide ${p.id}; tulis catatan pendampingan dengan <code>/catatan ${p.id} teks</code>. Daftar ide dampingan Anda: /dampingan.`,
  'coaching.notice.note': (p: { id: number; name: string; author: string; text: string }): Html =>
    html`📒 Catatan pendampingan baru untuk ide Anda #${p.id} <b>${p.name}</b> dari ${p.author}:\n\n${p.text}`,
  'coaching.notice.next': (p: { when: string }): Html => html`\n\n📅 Pendampingan berikutnya: ${p.when}. Anda akan diingatkan.`,

  'coaching.reminder': (p: { id: number; name: string; relative: string; when: string }): Html =>
    html`⏰ Pengingat pendampingan ide #${p.id} <b>${p.name}</b>: ${p.relative}\n🗓 ${p.when}\n\nLihat idenya dengan /ide ${p.id}.`,

  'coaching.digest.title': (p: { days: number; count: number }): Html =>
    html`📋 <b>Rekap mingguan pendampingan</b>\n${p.count} ide yang didampingi belum mendapat pendampingan selama lebih dari ${p.days} hari:`,
  'coaching.digest.item': (p: { id: number; name: string; agency: string; last: string }): Html => html`• #${p.id} <b>${p.name}</b> (${p.agency}) — ${p.last}`,
  'coaching.digest.lastNote': (p: { date: string }): Html => html`catatan terakhir ${p.date}`,
  'coaching.digest.noNote': (p: { date: string }): Html => html`belum ada catatan sejak ditetapkan ${p.date}`,
  'coaching.digest.more': (p: { n: number }): Html => html`… dan ${p.n} ide lainnya.`,
  'coaching.digest.hint': 'Lihat pendampingnya dengan <code>/pendamping N</code>.',

  'coaching.card.coaches': (p: { names: string }): Html => html`🤝 Pendamping: ${p.names}`,
  'coaching.card.last': (p: { date: string }): Html => html`📒 Pendampingan terakhir: ${p.date}`,
  'coaching.card.next': (p: { when: string }): Html => html`📅 Pendampingan berikutnya: ${p.when}`,
  'coaching.card.history': (p: { date: string; actor: string }): Html => html`• ${p.date} — catatan pendampingan oleh ${p.actor}`,
};

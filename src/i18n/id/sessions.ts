import { html, type Html } from '../html.js';

type H = Html | string;

/** Sessions: linking groups, scheduling, announcements, RSVP, reminders, minutes. */
export const sessions = {
  'cmd.link': 'Jadikan grup/topik ini tujuan pengumuman sesi',
  'cmd.unlink': 'Lepaskan grup ini dari pengumuman',
  'cmd.groups': 'Daftar grup terhubung',
  'cmd.newSession': 'Jadwalkan sesi Warkop Indah',
  'cmd.sessions': 'Sesi mendatang dan jawaban Anda',
  'cmd.agenda': 'Tambahkan ide ke agenda sesi',
  'cmd.editSession': 'Ubah waktu, tempat, judul, agenda, atau kuota sesi',
  'cmd.cancelSession': 'Batalkan sesi',
  'cmd.calendar': 'File kalender (.ics) sebuah sesi',
  'cmd.reminders': 'Atur pengingat sesi Anda',
  'cmd.minutes': 'Catat notulen sesi',
  'cmd.attendance': 'Konfirmasi kehadiran peserta sesi',

  'sess.link.linked': 'Grup ini sekarang terhubung: pengumuman sesi dan siaran Warkop Indah akan dikirim ke sini.',
  'sess.link.linkedTopic': 'Topik ini sekarang terhubung: pengumuman sesi dan siaran Warkop Indah akan dikirim ke topik ini.',
  'sess.link.moved': 'Tujuan pengumuman untuk grup ini dipindahkan ke topik ini.',
  'sess.link.already': 'Grup ini sudah terhubung ke sini.',
  'sess.unlink.done': 'Grup ini tidak lagi menerima pengumuman sesi dan siaran.',
  'sess.unlink.notLinked': 'Grup ini belum terhubung. Gunakan /hubungkan untuk menghubungkannya.',
  'sess.groups.title': (p: { count: number }): Html => html`<b>Grup terhubung</b> (${p.count})`,
  'sess.groups.none': 'Belum ada grup terhubung. Tambahkan bot ke grup, lalu kirim /hubungkan di grup atau topik tujuan.',
  'sess.groups.line': (p: { title: string; topic: number | null; reachable: boolean }): Html =>
    html`${p.reachable ? '✅' : '⚠️'} ${p.title}${p.topic !== null ? html` · topik #${p.topic}` : ''} — ${p.reachable ? 'dapat dijangkau' : 'tidak dapat dijangkau (bot dikeluarkan atau tidak punya akses)'}`,

  'sess.date.past': 'Waktu tersebut sudah lewat. Masukkan waktu yang akan datang.',
  'sess.date.unparseable': 'Maaf, tanggal dan jam tersebut tidak saya pahami.',
  'sess.date.invalidDate': 'Tanggal tersebut tidak ada di kalender.',
  'sess.date.invalidTime': 'Jam tersebut tidak valid (gunakan 00.00–23.59).',
  'sess.date.weekdayMismatch': 'Nama hari tidak cocok dengan tanggalnya.',
  'sess.date.noTime': 'Mohon sertakan jamnya juga.',
  'sess.date.tooFar': 'Tanggal tersebut terlalu jauh ke depan (paling lama dua tahun).',
  'sess.date.empty': 'Mohon ketik tanggal dan jamnya.',
  'sess.date.examples':
    'Contoh yang dapat dipakai (WITA): <code>2026-12-03 09:00</code>, <code>3/12/2026 09.00</code>, <code>3 Des 2026 9:00</code>, <code>Kamis 09.00</code>, <code>besok 14:00</code>, <code>lusa 10.00</code>.',
  'sess.date.dateExamples': 'Contoh: <code>31/3/2027</code> atau <code>31 Maret 2027</code>.',

  'sess.new.usage':
    'Ketik /sesi_baru untuk dipandu langkah demi langkah, atau dalam satu baris:\n<code>/sesi_baru 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP</code>\nBagian tambahan (opsional): <code>| agenda …</code>, <code>| kuota 30</code>, <code>| mingguan sampai 31/3/2027</code>.',
  'sess.new.askTitle': 'Membuat sesi baru (1/6). Ketik <b>judul</b> sesi, misalnya <i>Bedah proposal KIPP 2027</i>.\n\nKetik /batal untuk membatalkan.',
  'sess.new.askWhen': (p: { title: string }): Html =>
    html`Judul: <b>${p.title}</b>\n\n(2/6) Kapan sesi dimulai? Ketik tanggal dan jam (WITA), misalnya <code>Kamis 09.00</code> atau <code>3/12/2026 09.00</code>.`,
  'sess.new.askPlace': (p: { when: string }): Html =>
    html`Waktu: <b>${p.when}</b>\n\n(3/6) Di mana? Ketik <b>tempat</b> atau tautan rapat daring.`,
  'sess.new.askAgenda': '(4/6) Ketik <b>agenda</b> sesi, atau <code>-</code> bila belum ada. Ide dari daftar usulan dapat ditambahkan kemudian dengan /agenda.',
  'sess.new.askCapacity': '(5/6) Berapa <b>kuota</b> peserta yang hadir? Ketik angka, atau pilih tanpa batas.',
  'sess.new.askRecurrence': '(6/6) Apakah sesi ini <b>berulang</b>?',
  'sess.new.askUntil': (p: { label: string }): Html =>
    html`Berulang ${p.label}. Sampai <b>tanggal berapa</b>? Misalnya <code>31/3/2027</code>.`,
  'sess.new.noLimit': '♾️ Tanpa batas',
  'sess.new.once': 'Tidak berulang',
  'sess.new.save': '✅ Simpan dan umumkan',
  'sess.new.discard': '❌ Batal',
  'sess.new.summary': (p: { details: Html }): Html => html`<b>Periksa kembali sesi baru</b>\n\n${p.details}\n\nSimpan dan umumkan ke grup terhubung?`,
  'sess.new.capacity': (p: { capacity: number }): Html => html`👥 Kuota: ${p.capacity} orang`,
  'sess.new.noCapacity': '👥 Kuota: tanpa batas',
  'sess.new.useButtons': 'Silakan pilih dengan tombol di atas, atau ketik /batal.',
  'sess.new.discarded': 'Baik, sesi tidak jadi dibuat.',
  'sess.new.stale': 'Langkah pembuatan sesi ini sudah tidak berlaku. Ketik /sesi_baru untuk memulai lagi.',
  'sess.new.created': (p: { id: number; when: string; groups: number }): Html =>
    html`Sesi <b>#${p.id}</b> dijadwalkan: ${p.when}.\n${p.groups > 0 ? html`Pengumuman dikirim ke ${p.groups} grup terhubung.` : 'Belum ada grup terhubung, jadi belum ada yang diumumkan. Hubungkan grup dengan /hubungkan.'}\n\nTambahkan ide ke agenda dengan <code>/agenda ${p.id} NOMOR_IDE</code>.`,
  'sess.new.createdSeries': (p: { count: number; first: number; last: number; until: string }): Html =>
    html`Seri berulang: ${p.count} pertemuan (#${p.first}–#${p.last}) sampai ${p.until}. Setiap pertemuan diumumkan setelah pertemuan sebelumnya selesai.`,

  'sess.field.title': 'judul',
  'sess.field.time': 'waktu',
  'sess.field.place': 'tempat',
  'sess.field.agenda': 'agenda',
  'sess.field.capacity': 'kuota',
  'sess.input.title': 'Judul harus 3–200 karakter.',
  'sess.input.place': 'Tempat harus 2–300 karakter (nama ruangan atau tautan rapat daring).',
  'sess.input.agenda': 'Agenda terlalu panjang (paling banyak 1.500 karakter).',
  'sess.input.capacity.not_positive': 'Kuota harus lebih dari 0. Ketik angka positif, atau pilih tanpa batas.',
  'sess.input.capacity.invalid': 'Kuota harus berupa angka, misalnya <code>30</code>, atau <code>tanpa</code> untuk tanpa batas.',
  'sess.input.capacity.too_large': 'Kuota paling banyak 10.000.',
  'sess.input.recurrence': 'Pilihan pengulangan: <code>mingguan</code>, <code>dua mingguan</code>, <code>bulanan</code>, atau <code>tidak</code>.',
  'sess.input.untilMissing': 'Sesi berulang memerlukan tanggal akhir, misalnya <code>mingguan sampai 31/3/2027</code>.',
  'sess.input.untilBeforeStart': 'Tanggal akhir tidak boleh sebelum sesi pertama.',

  'sess.recurrence.weekly': 'setiap minggu',
  'sess.recurrence.biweekly': 'setiap dua minggu',
  'sess.recurrence.monthly': 'setiap bulan',
  'sess.recurrence.button.weekly': 'Mingguan',
  'sess.recurrence.button.biweekly': 'Dua mingguan',
  'sess.recurrence.button.monthly': 'Bulanan',

  'sess.ann.header': (p: { id: number }): Html => html`📣 <b>Sesi Warkop Indah #${p.id}</b>`,
  'sess.ann.when': (p: { when: string }): Html => html`🗓 ${p.when}`,
  'sess.ann.place': (p: { place: H }): Html => html`📍 ${p.place}`,
  'sess.ann.onlineLink': 'Tautan rapat daring',
  'sess.ann.agenda': (p: { agenda: string }): Html => html`📝 <b>Agenda:</b> ${p.agenda}`,
  'sess.ann.ideas': '💡 <b>Ide yang dibahas:</b>',
  'sess.ann.idea': (p: { id: number; name: string; expansion: string | null }): Html =>
    html`• #${p.id} <b>${p.name}</b>${p.expansion ? html` (${p.expansion})` : ''}`,
  'sess.ann.moreIdeas': (p: { n: number }): Html => html`… dan ${p.n} ide lainnya`,
  'sess.ann.recurrence': (p: { label: string; until: string }): Html => html`🔁 Berulang ${p.label} sampai ${p.until}`,
  'sess.ann.capacity': (p: { seated: number; capacity: number; waitlist: number }): Html =>
    html`👥 Kuota: ${p.seated}/${p.capacity}${p.waitlist > 0 ? html` · daftar tunggu: ${p.waitlist}` : ''}`,
  'sess.ann.counts': (p: { yes: number; maybe: number; no: number }): Html => html`✅ Hadir: ${p.yes} · 🤔 Mungkin: ${p.maybe} · ❌ Tidak: ${p.no}`,
  'sess.ann.hint': 'Pilih jawaban Anda dengan tombol di bawah.',
  'sess.ann.cancelled': (p: { reason: string }): Html => html`🚫 <b>DIBATALKAN</b> — ${p.reason}`,
  'sess.ann.done': '✔️ Sesi telah selesai. Terima kasih atas partisipasinya.',
  'sess.ann.started': '▶️ Sesi sudah dimulai.',
  'sess.ann.icsCaption': (p: { id: number }): Html => html`📅 File kalender sesi #${p.id} — buka untuk menambahkannya ke kalender Anda.`,

  'sess.rsvp.yes': '✅ Hadir',
  'sess.rsvp.maybe': '🤔 Mungkin',
  'sess.rsvp.no': '❌ Tidak',
  'sess.answer.yes': 'Hadir',
  'sess.answer.maybe': 'Mungkin',
  'sess.answer.no': 'Tidak hadir',
  'sess.answer.waitlist': (p: { position: number }): Html => html`Hadir (daftar tunggu no. ${p.position})`,
  'sess.answer.none': 'belum menjawab',
  'sess.rsvp.recorded': (p: { id: number; answer: string }): Html => html`Jawaban Anda untuk sesi #${p.id}: ${p.answer}.`,
  'sess.rsvp.waitlisted': (p: { id: number; position: number }): Html =>
    html`Kuota sesi #${p.id} penuh. Anda masuk daftar tunggu nomor ${p.position}; kami kabari bila ada kursi.`,
  'sess.rsvp.unchanged': (p: { answer: string }): Html => html`Jawaban Anda tetap: ${p.answer}.`,
  'sess.rsvp.refused.not_found': 'Sesi tersebut tidak ditemukan.',
  'sess.rsvp.refused.cancelled': 'Sesi ini sudah dibatalkan.',
  'sess.rsvp.refused.done': 'Sesi ini sudah selesai.',
  'sess.rsvp.refused.started': 'Sesi ini sudah dimulai; jawaban tidak dapat diubah lagi.',
  'sess.rsvp.registerFirst': 'Silakan daftar terlebih dahulu. Jawaban Anda disimpan dan dicatat setelah Anda terdaftar.',
  'sess.rsvp.kept': (p: { id: number; answer: string }): Html =>
    html`Jawaban Anda untuk sesi #${p.id} (${p.answer}) sudah kami simpan dan akan dicatat setelah Anda menyelesaikan pendaftaran.`,
  'sess.rsvp.applied': (p: { id: number; title: string; answer: string; when: string }): Html =>
    html`Terima kasih telah mendaftar. Jawaban Anda untuk sesi #${p.id} <b>${p.title}</b> (${p.when}) sudah dicatat: <b>${p.answer}</b>.`,
  'sess.rsvp.dropped': (p: { id: number; title: string }): Html =>
    html`Jawaban Anda untuk sesi #${p.id} <b>${p.title}</b> tidak dapat dicatat karena sesi tersebut sudah dibatalkan atau sudah dimulai.`,

  'sess.notice.changed': (p: { id: number; title: string; field: string; before: string; details: Html }): Html =>
    html`✏️ <b>Sesi #${p.id} diubah</b> — ${p.field} (sebelumnya: ${p.before})\n\n<b>${p.title}</b>\n${p.details}\n\nFile kalender terbaru: /kalender ${p.id}`,
  'sess.notice.cancelled': (p: { id: number; title: string; when: string; reason: string }): Html =>
    html`🚫 <b>Sesi #${p.id} dibatalkan</b>\n<b>${p.title}</b>\n🗓 ${p.when}\n\nAlasan: ${p.reason}`,
  'sess.notice.promoted': (p: { id: number; title: string; when: string; place: H }): Html =>
    html`🎉 Ada kursi untuk Anda! Anda sekarang terdaftar <b>hadir</b> di sesi #${p.id} <b>${p.title}</b>.\n🗓 ${p.when}\n📍 ${p.place}\n\nBila berhalangan, ubah jawaban Anda agar kursinya dapat diberikan kepada orang berikutnya.`,

  'sess.reminder.member': (p: { id: number; title: string; relative: string; when: string; place: H; answer: string }): Html =>
    html`⏰ <b>Pengingat sesi #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n\nJawaban Anda: ${p.answer}. Atur pengingat dengan /pengingat.`,
  'sess.reminder.group': (p: { id: number; title: string; relative: string; when: string; place: H; yes: number }): Html =>
    html`⏰ <b>Pengingat sesi Warkop Indah #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n✅ ${p.yes} orang akan hadir.`,
  'sess.rel.today': (p: { time: string; in: string }): Html => html`hari ini pukul ${p.time} (${p.in} lagi)`,
  'sess.rel.tomorrow': (p: { time: string }): Html => html`besok pukul ${p.time}`,
  'sess.rel.later': (p: { date: string }): Html => html`${p.date}`,
  'sess.dur.minutes': (p: { n: number }): Html => html`${p.n} menit`,
  'sess.dur.hours': (p: { n: number }): Html => html`${p.n} jam`,
  'sess.dur.hoursMinutes': (p: { h: number; m: number }): Html => html`${p.h} jam ${p.m} menit`,
  'sess.minutes.prompt': (p: { id: number; title: string }): Html =>
    html`📝 Sesi #${p.id} <b>${p.title}</b> telah selesai. Mohon catat notulennya:\n<code>/notulen ${p.id} ringkasan hasil diskusi…</code>\n\nKonfirmasi kehadiran peserta dengan /kehadiran ${p.id}.`,

  'sess.list.title': '<b>Sesi Warkop Indah mendatang</b>',
  'sess.list.none': 'Belum ada sesi yang dijadwalkan.',
  'sess.list.line': (p: { id: number; when: string; title: string; answer: string }): Html =>
    html`#${p.id} · ${p.when}\n   <b>${p.title}</b> — Anda: ${p.answer}`,
  'sess.list.hint': 'Ketik <code>/sesi NOMOR</code> untuk rincian dan menjawab kehadiran.',

  'sess.detail.header': (p: { id: number; title: string }): Html => html`<b>Sesi #${p.id}: ${p.title}</b>`,
  'sess.detail.yourAnswer': (p: { answer: string }): Html => html`Jawaban Anda: <b>${p.answer}</b>`,
  'sess.detail.attendees': '<b>Peserta hadir menurut perangkat daerah</b>',
  'sess.detail.maybe': '<b>Mungkin hadir</b>',
  'sess.detail.waitlist': '<b>Daftar tunggu</b>',
  'sess.detail.agencyLine': (p: { agency: string; names: string }): Html => html`• ${p.agency}: ${p.names}`,
  'sess.detail.waitLine': (p: { position: number; name: string; agency: string }): Html => html`${p.position}. ${p.name} (${p.agency})`,
  'sess.detail.noAttendees': 'Belum ada yang menjawab hadir.',
  'sess.detail.namesInPrivate': 'Nama peserta ditampilkan di percakapan pribadi dengan bot.',
  'sess.detail.minutes': (p: { text: string }): Html => html`<b>Notulen:</b>\n${p.text}`,
  'sess.detail.usage': 'Ketik <code>/sesi NOMOR</code>, misalnya <code>/sesi 12</code>.',
  'sess.session.notFound': (p: { id: string }): Html => html`Sesi #${p.id} tidak ditemukan. Ketik /sesi untuk melihat sesi mendatang.`,

  'sess.agenda.usage': 'Cara pakai: <code>/agenda NOMOR_SESI NOMOR_IDE</code>, misalnya <code>/agenda 12 4</code>. Untuk menghapus: <code>/agenda 12 -4</code>.',
  'sess.agenda.added': (p: { session: number; idea: number; name: string }): Html =>
    html`Ide #${p.idea} <b>${p.name}</b> ditambahkan ke agenda sesi #${p.session}.`,
  'sess.agenda.removed': (p: { session: number; idea: number; name: string }): Html =>
    html`Ide #${p.idea} <b>${p.name}</b> dihapus dari agenda sesi #${p.session}.`,
  'sess.agenda.duplicate': (p: { session: number; idea: number }): Html => html`Ide #${p.idea} sudah ada di agenda sesi #${p.session}.`,
  'sess.agenda.notOnAgenda': (p: { session: number; idea: number }): Html => html`Ide #${p.idea} tidak ada di agenda sesi #${p.session}.`,
  'sess.agenda.ideaNotFound': (p: { idea: string }): Html => html`Ide #${p.idea} tidak ditemukan.`,
  'sess.agenda.closed': 'Agenda hanya dapat diubah untuk sesi yang masih terjadwal.',

  'sess.edit.usage':
    'Cara pakai: <code>/ubah_sesi NOMOR BAGIAN NILAI</code>\nBagian: <code>waktu</code>, <code>tempat</code>, <code>judul</code>, <code>agenda</code>, <code>kuota</code>.\nContoh: <code>/ubah_sesi 12 waktu Jumat 14.00</code>, <code>/ubah_sesi 12 kuota 40</code>, <code>/ubah_sesi 12 kuota tanpa</code>.',
  'sess.edit.done': (p: { id: number; field: string; notified: number }): Html =>
    html`Sesi #${p.id} diubah (${p.field}).${p.notified > 0 ? html` ${p.notified} pemberitahuan dikirim ke peserta dan grup.` : ''}`,
  'sess.edit.promoted': (p: { count: number }): Html => html`${p.count} orang dari daftar tunggu mendapat kursi dan diberi tahu.`,
  'sess.edit.unchanged': 'Tidak ada yang berubah: nilainya sama dengan sebelumnya.',
  'sess.session.refused.cancelled': 'Sesi tersebut sudah dibatalkan.',
  'sess.session.refused.done': 'Sesi tersebut sudah selesai.',
  'sess.session.refused.started': 'Sesi tersebut sudah dimulai, jadi tidak dapat diubah atau dibatalkan lagi.',

  'sess.cancel.usage': 'Cara pakai: <code>/batal_sesi NOMOR alasan</code>, misalnya <code>/batal_sesi 12 Aula dipakai rapat Bupati</code>.',
  'sess.cancel.reasonMissing': 'Mohon sertakan alasan pembatalan, agar peserta mengetahuinya.',
  'sess.cancel.done': (p: { id: number; notified: number }): Html =>
    html`Sesi #${p.id} dibatalkan. ${p.notified} pemberitahuan dikirim; pengingat sesi ini tidak akan dikirim.`,

  'sess.calendar.usage': 'Cara pakai: <code>/kalender NOMOR_SESI</code>, misalnya <code>/kalender 12</code>.',
  'sess.calendar.caption': (p: { id: number; title: string }): Html => html`📅 Sesi #${p.id}: ${p.title}`,
  'sess.calendar.name': 'Warkop Indah',
  'sess.calendar.agendaLabel': 'Agenda',
  'sess.calendar.ideasLabel': 'Ide yang dibahas',

  'sess.reminders.current': (p: { list: string }): Html => html`<b>Pengingat sesi Anda</b>: ${p.list}.`,
  'sess.reminders.defaultTag': '(bawaan)',
  'sess.reminders.off': '<b>Pengingat sesi Anda</b>: dimatikan.',
  'sess.reminders.help':
    'Pengingat dikirim untuk sesi yang Anda jawab Hadir atau Mungkin. Pilih di bawah, atau atur sendiri, misalnya <code>/pengingat 1d@16:00,2h</code> (d = hari, h = jam, m = menit; <code>@16:00</code> = pukul 16.00 WITA).',
  'sess.reminders.default': (p: { list: string }): Html => html`Bawaan: ${p.list}`,
  'sess.reminders.only': (p: { label: string }): Html => html`Hanya ${p.label}`,
  'sess.reminders.turnOff': '🔕 Matikan',
  'sess.reminders.saved': (p: { list: string }): Html => html`Pengingat disimpan: ${p.list}. Berlaku juga untuk sesi yang sudah Anda jawab.`,
  'sess.reminders.turnedOff': 'Pengingat sesi dimatikan. Ketik /pengingat untuk menyalakannya kembali.',
  'sess.reminders.invalid': (p: { bad: string }): Html =>
    html`“${p.bad}” tidak dapat saya pahami. Contoh: <code>/pengingat 1d@16:00,1h</code> atau <code>/pengingat 30m</code>; <code>/pengingat mati</code> untuk mematikan.`,
  'sess.offset.dayBefore': (p: { time: string }): Html => html`sehari sebelumnya pukul ${p.time}`,
  'sess.offset.daysBefore': (p: { days: number; time: string }): Html => html`${p.days} hari sebelumnya pukul ${p.time}`,
  'sess.offset.sameDay': (p: { time: string }): Html => html`pada harinya pukul ${p.time}`,
  'sess.offset.before': (p: { duration: string }): Html => html`${p.duration} sebelumnya`,
  'sess.dur.days': (p: { n: number }): Html => html`${p.n} hari`,
  'sess.list.and': 'dan',

  'sess.minutes.usage': 'Cara pakai: <code>/notulen NOMOR_SESI isi notulen</code>.',
  'sess.minutes.tooLong': (p: { max: number }): Html => html`Notulen terlalu panjang (paling banyak ${p.max} karakter).`,
  'sess.minutes.notStarted': 'Sesi tersebut belum dimulai; notulen dapat dicatat setelah sesi berlangsung.',
  'sess.minutes.cancelled': 'Sesi tersebut dibatalkan, jadi tidak ada notulen.',
  'sess.minutes.saved': (p: { id: number }): Html => html`Notulen sesi #${p.id} tersimpan dan sesi ditandai selesai.`,
  'sess.minutes.updated': (p: { id: number }): Html => html`Notulen sesi #${p.id} diperbarui.`,
  'sess.minutes.askDiscuss': 'Pindahkan ide yang dibahas ke tahap <b>Dibahas</b>?',
  'sess.minutes.moveOne': (p: { id: number; name: string }): Html => html`➡️ #${p.id} ${p.name}`,
  'sess.minutes.moveAll': '➡️ Semua ide',
  'sess.minutes.keep': 'Tidak perlu',
  'sess.minutes.moved': (p: { ideas: string }): Html => html`Dipindahkan ke tahap Dibahas: ${p.ideas}.`,
  'sess.minutes.nothingMoved': 'Tidak ada ide yang dipindahkan (mungkin sudah dipindahkan sebelumnya).',
  'sess.minutes.kept': 'Baik, tahap ide tidak diubah.',

  'sess.attendance.usage': 'Cara pakai: <code>/kehadiran NOMOR_SESI</code>.',
  'sess.attendance.notStarted': 'Kehadiran dapat dikonfirmasi setelah sesi dimulai.',
  'sess.attendance.title': (p: { id: number; title: string; confirmed: number; total: number; page: number; pages: number }): Html =>
    html`<b>Kehadiran sesi #${p.id}</b>: ${p.title}\nTerkonfirmasi hadir: ${p.confirmed} dari ${p.total}. Tekan nama untuk mengubah (halaman ${p.page}/${p.pages}).`,
  'sess.attendance.none': 'Belum ada peserta yang menjawab Hadir atau Mungkin untuk sesi ini.',
  'sess.attendance.person': (p: { mark: string; name: string; agency: string }): Html => html`${p.mark} ${p.name} (${p.agency})`,
  'sess.attendance.noAnswer': 'Anggota tersebut tidak menjawab undangan sesi ini.',

  'sess.session.badNumber': (p: { text: string }): Html => html`“${p.text}” bukan nomor sesi. Nomor sesi tertulis di pengumuman, misalnya #12.`,
};

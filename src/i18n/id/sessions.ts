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

  'link.linked': 'Grup ini sekarang terhubung: pengumuman sesi dan siaran Warkop Indah akan dikirim ke sini.',
  'link.linkedTopic': 'Topik ini sekarang terhubung: pengumuman sesi dan siaran Warkop Indah akan dikirim ke topik ini.',
  'link.moved': 'Tujuan pengumuman untuk grup ini dipindahkan ke topik ini.',
  'link.already': 'Grup ini sudah terhubung ke sini.',
  'unlink.done': 'Grup ini tidak lagi menerima pengumuman sesi dan siaran.',
  'unlink.notLinked': 'Grup ini belum terhubung. Gunakan /hubungkan untuk menghubungkannya.',
  'groups.title': (p: { count: number }): Html => html`<b>Grup terhubung</b> (${p.count})`,
  'groups.none': 'Belum ada grup terhubung. Tambahkan bot ke grup, lalu kirim /hubungkan di grup atau topik tujuan.',
  'groups.line': (p: { title: string; topic: number | null; reachable: boolean }): Html =>
    html`${p.reachable ? '✅' : '⚠️'} ${p.title}${p.topic !== null ? html` · topik #${p.topic}` : ''} — ${p.reachable ? 'dapat dijangkau' : 'tidak dapat dijangkau (bot dikeluarkan atau tidak punya akses)'}`,

  'date.past': 'Waktu tersebut sudah lewat. Masukkan waktu yang akan datang.',
  'date.unparseable': 'Maaf, tanggal dan jam tersebut tidak saya pahami.',
  'date.invalidDate': 'Tanggal tersebut tidak ada di kalender.',
  'date.invalidTime': 'Jam tersebut tidak valid (gunakan 00.00–23.59).',
  'date.weekdayMismatch': 'Nama hari tidak cocok dengan tanggalnya.',
  'date.noTime': 'Mohon sertakan jamnya juga.',
  'date.tooFar': 'Tanggal tersebut terlalu jauh ke depan (paling lama dua tahun).',
  'date.empty': 'Mohon ketik tanggal dan jamnya.',
  'date.examples':
    'Contoh yang dapat dipakai (WITA): <code>2026-12-03 09:00</code>, <code>3/12/2026 09.00</code>, <code>3 Des 2026 9:00</code>, <code>Kamis 09.00</code>, <code>besok 14:00</code>, <code>lusa 10.00</code>.',
  'date.dateExamples': 'Contoh: <code>31/3/2027</code> atau <code>31 Maret 2027</code>.',

  'new.usage':
    'Ketik /sesi_baru untuk dipandu langkah demi langkah, atau dalam satu baris:\n<code>/sesi_baru 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP</code>\nBagian tambahan (opsional): <code>| agenda …</code>, <code>| kuota 30</code>, <code>| mingguan sampai 31/3/2027</code>.',
  'new.askTitle': 'Membuat sesi baru (1/6). Ketik <b>judul</b> sesi, misalnya <i>Bedah proposal KIPP 2027</i>.\n\nKetik /batal untuk membatalkan.',
  'new.askWhen': (p: { title: string }): Html =>
    html`Judul: <b>${p.title}</b>\n\n(2/6) Kapan sesi dimulai? Ketik tanggal dan jam (WITA), misalnya <code>Kamis 09.00</code> atau <code>3/12/2026 09.00</code>.`,
  'new.askPlace': (p: { when: string }): Html =>
    html`Waktu: <b>${p.when}</b>\n\n(3/6) Di mana? Ketik <b>tempat</b> atau tautan rapat daring.`,
  'new.askAgenda': '(4/6) Ketik <b>agenda</b> sesi, atau <code>-</code> bila belum ada. Ide dari daftar usulan dapat ditambahkan kemudian dengan /agenda.',
  'new.askCapacity': '(5/6) Berapa <b>kuota</b> peserta yang hadir? Ketik angka, atau pilih tanpa batas.',
  'new.askRecurrence': '(6/6) Apakah sesi ini <b>berulang</b>?',
  'new.askUntil': (p: { label: string }): Html =>
    html`Berulang ${p.label}. Sampai <b>tanggal berapa</b>? Misalnya <code>31/3/2027</code>.`,
  'new.noLimit': '♾️ Tanpa batas',
  'new.once': 'Tidak berulang',
  'new.save': '✅ Simpan dan umumkan',
  'new.discard': '❌ Batal',
  'new.summary': (p: { details: Html }): Html => html`<b>Periksa kembali sesi baru</b>\n\n${p.details}\n\nSimpan dan umumkan ke grup terhubung?`,
  'new.capacity': (p: { capacity: number }): Html => html`👥 Kuota: ${p.capacity} orang`,
  'new.noCapacity': '👥 Kuota: tanpa batas',
  'new.useButtons': 'Silakan pilih dengan tombol di atas, atau ketik /batal.',
  'new.discarded': 'Baik, sesi tidak jadi dibuat.',
  'new.stale': 'Langkah pembuatan sesi ini sudah tidak berlaku. Ketik /sesi_baru untuk memulai lagi.',
  'new.created': (p: { id: number; when: string; groups: number }): Html =>
    html`Sesi <b>#${p.id}</b> dijadwalkan: ${p.when}.\n${p.groups > 0 ? html`Pengumuman dikirim ke ${p.groups} grup terhubung.` : 'Belum ada grup terhubung, jadi belum ada yang diumumkan. Hubungkan grup dengan /hubungkan.'}\n\nTambahkan ide ke agenda dengan <code>/agenda ${p.id} NOMOR_IDE</code>.`,
  'new.createdSeries': (p: { count: number; first: number; last: number; until: string }): Html =>
    html`Seri berulang: ${p.count} pertemuan (#${p.first}–#${p.last}) sampai ${p.until}. Setiap pertemuan diumumkan setelah pertemuan sebelumnya selesai.`,

  'field.title': 'judul',
  'field.time': 'waktu',
  'field.place': 'tempat',
  'field.agenda': 'agenda',
  'field.capacity': 'kuota',
  'input.title': 'Judul harus 3–200 karakter.',
  'input.place': 'Tempat harus 2–300 karakter (nama ruangan atau tautan rapat daring).',
  'input.agenda': 'Agenda terlalu panjang (paling banyak 1.500 karakter).',
  'input.capacity.not_positive': 'Kuota harus lebih dari 0. Ketik angka positif, atau pilih tanpa batas.',
  'input.capacity.invalid': 'Kuota harus berupa angka, misalnya <code>30</code>, atau <code>tanpa</code> untuk tanpa batas.',
  'input.capacity.too_large': 'Kuota paling banyak 10.000.',
  'input.recurrence': 'Pilihan pengulangan: <code>mingguan</code>, <code>dua mingguan</code>, <code>bulanan</code>, atau <code>tidak</code>.',
  'input.untilMissing': 'Sesi berulang memerlukan tanggal akhir, misalnya <code>mingguan sampai 31/3/2027</code>.',
  'input.untilBeforeStart': 'Tanggal akhir tidak boleh sebelum sesi pertama.',

  'recurrence.weekly': 'setiap minggu',
  'recurrence.biweekly': 'setiap dua minggu',
  'recurrence.monthly': 'setiap bulan',
  'recurrence.button.weekly': 'Mingguan',
  'recurrence.button.biweekly': 'Dua mingguan',
  'recurrence.button.monthly': 'Bulanan',

  'ann.header': (p: { id: number }): Html => html`📣 <b>Sesi Warkop Indah #${p.id}</b>`,
  'ann.when': (p: { when: string }): Html => html`🗓 ${p.when}`,
  'ann.place': (p: { place: H }): Html => html`📍 ${p.place}`,
  'ann.onlineLink': 'Tautan rapat daring',
  'ann.agenda': (p: { agenda: string }): Html => html`📝 <b>Agenda:</b> ${p.agenda}`,
  'ann.ideas': '💡 <b>Ide yang dibahas:</b>',
  'ann.idea': (p: { id: number; name: string; expansion: string | null }): Html =>
    html`• #${p.id} <b>${p.name}</b>${p.expansion ? html` (${p.expansion})` : ''}`,
  'ann.recurrence': (p: { label: string; until: string }): Html => html`🔁 Berulang ${p.label} sampai ${p.until}`,
  'ann.capacity': (p: { seated: number; capacity: number; waitlist: number }): Html =>
    html`👥 Kuota: ${p.seated}/${p.capacity}${p.waitlist > 0 ? html` · daftar tunggu: ${p.waitlist}` : ''}`,
  'ann.counts': (p: { yes: number; maybe: number; no: number }): Html => html`✅ Hadir: ${p.yes} · 🤔 Mungkin: ${p.maybe} · ❌ Tidak: ${p.no}`,
  'ann.hint': 'Pilih jawaban Anda dengan tombol di bawah.',
  'ann.cancelled': (p: { reason: string }): Html => html`🚫 <b>DIBATALKAN</b> — ${p.reason}`,
  'ann.done': '✔️ Sesi telah selesai. Terima kasih atas partisipasinya.',
  'ann.started': '▶️ Sesi sudah dimulai.',
  'ann.icsCaption': (p: { id: number }): Html => html`📅 File kalender sesi #${p.id} — buka untuk menambahkannya ke kalender Anda.`,

  'rsvp.yes': '✅ Hadir',
  'rsvp.maybe': '🤔 Mungkin',
  'rsvp.no': '❌ Tidak',
  'answer.yes': 'Hadir',
  'answer.maybe': 'Mungkin',
  'answer.no': 'Tidak hadir',
  'answer.waitlist': (p: { position: number }): Html => html`Hadir (daftar tunggu no. ${p.position})`,
  'answer.none': 'belum menjawab',
  'rsvp.recorded': (p: { id: number; answer: string }): Html => html`Jawaban Anda untuk sesi #${p.id}: ${p.answer}.`,
  'rsvp.waitlisted': (p: { id: number; position: number }): Html =>
    html`Kuota sesi #${p.id} penuh. Anda masuk daftar tunggu nomor ${p.position}; kami kabari bila ada kursi.`,
  'rsvp.unchanged': (p: { answer: string }): Html => html`Jawaban Anda tetap: ${p.answer}.`,
  'rsvp.refused.not_found': 'Sesi tersebut tidak ditemukan.',
  'rsvp.refused.cancelled': 'Sesi ini sudah dibatalkan.',
  'rsvp.refused.done': 'Sesi ini sudah selesai.',
  'rsvp.refused.started': 'Sesi ini sudah dimulai; jawaban tidak dapat diubah lagi.',
  'rsvp.registerFirst': 'Silakan daftar terlebih dahulu. Jawaban Anda disimpan dan dicatat setelah Anda terdaftar.',
  'rsvp.kept': (p: { id: number; answer: string }): Html =>
    html`Jawaban Anda untuk sesi #${p.id} (${p.answer}) sudah kami simpan dan akan dicatat setelah Anda menyelesaikan pendaftaran.`,
  'rsvp.applied': (p: { id: number; title: string; answer: string; when: string }): Html =>
    html`Terima kasih telah mendaftar. Jawaban Anda untuk sesi #${p.id} <b>${p.title}</b> (${p.when}) sudah dicatat: <b>${p.answer}</b>.`,
  'rsvp.dropped': (p: { id: number; title: string }): Html =>
    html`Jawaban Anda untuk sesi #${p.id} <b>${p.title}</b> tidak dapat dicatat karena sesi tersebut sudah dibatalkan atau sudah dimulai.`,

  'notice.changed': (p: { id: number; title: string; field: string; before: string; details: Html }): Html =>
    html`✏️ <b>Sesi #${p.id} diubah</b> — ${p.field} (sebelumnya: ${p.before})\n\n<b>${p.title}</b>\n${p.details}\n\nFile kalender terbaru: /kalender ${p.id}`,
  'notice.cancelled': (p: { id: number; title: string; when: string; reason: string }): Html =>
    html`🚫 <b>Sesi #${p.id} dibatalkan</b>\n<b>${p.title}</b>\n🗓 ${p.when}\n\nAlasan: ${p.reason}`,
  'notice.promoted': (p: { id: number; title: string; when: string; place: H }): Html =>
    html`🎉 Ada kursi untuk Anda! Anda sekarang terdaftar <b>hadir</b> di sesi #${p.id} <b>${p.title}</b>.\n🗓 ${p.when}\n📍 ${p.place}\n\nBila berhalangan, ubah jawaban Anda agar kursinya dapat diberikan kepada orang berikutnya.`,

  'reminder.member': (p: { id: number; title: string; relative: string; when: string; place: H; answer: string }): Html =>
    html`⏰ <b>Pengingat sesi #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n\nJawaban Anda: ${p.answer}. Atur pengingat dengan /pengingat.`,
  'reminder.group': (p: { id: number; title: string; relative: string; when: string; place: H; yes: number }): Html =>
    html`⏰ <b>Pengingat sesi Warkop Indah #${p.id}</b>: ${p.relative}\n<b>${p.title}</b>\n🗓 ${p.when}\n📍 ${p.place}\n✅ ${p.yes} orang akan hadir.`,
  'rel.today': (p: { time: string; in: string }): Html => html`hari ini pukul ${p.time} (${p.in} lagi)`,
  'rel.tomorrow': (p: { time: string }): Html => html`besok pukul ${p.time}`,
  'rel.later': (p: { date: string }): Html => html`${p.date}`,
  'dur.minutes': (p: { n: number }): Html => html`${p.n} menit`,
  'dur.hours': (p: { n: number }): Html => html`${p.n} jam`,
  'dur.hoursMinutes': (p: { h: number; m: number }): Html => html`${p.h} jam ${p.m} menit`,
  'minutes.prompt': (p: { id: number; title: string }): Html =>
    html`📝 Sesi #${p.id} <b>${p.title}</b> telah selesai. Mohon catat notulennya:\n<code>/notulen ${p.id} ringkasan hasil diskusi…</code>\n\nKonfirmasi kehadiran peserta dengan /kehadiran ${p.id}.`,

  'list.title': '<b>Sesi Warkop Indah mendatang</b>',
  'list.none': 'Belum ada sesi yang dijadwalkan.',
  'list.line': (p: { id: number; when: string; title: string; answer: string }): Html =>
    html`#${p.id} · ${p.when}\n   <b>${p.title}</b> — Anda: ${p.answer}`,
  'list.hint': 'Ketik <code>/sesi NOMOR</code> untuk rincian dan menjawab kehadiran.',

  'detail.header': (p: { id: number; title: string }): Html => html`<b>Sesi #${p.id}: ${p.title}</b>`,
  'detail.yourAnswer': (p: { answer: string }): Html => html`Jawaban Anda: <b>${p.answer}</b>`,
  'detail.attendees': '<b>Peserta hadir menurut perangkat daerah</b>',
  'detail.maybe': '<b>Mungkin hadir</b>',
  'detail.waitlist': '<b>Daftar tunggu</b>',
  'detail.agencyLine': (p: { agency: string; names: string }): Html => html`• ${p.agency}: ${p.names}`,
  'detail.waitLine': (p: { position: number; name: string; agency: string }): Html => html`${p.position}. ${p.name} (${p.agency})`,
  'detail.noAttendees': 'Belum ada yang menjawab hadir.',
  'detail.namesInPrivate': 'Nama peserta ditampilkan di percakapan pribadi dengan bot.',
  'detail.minutes': (p: { text: string }): Html => html`<b>Notulen:</b>\n${p.text}`,
  'detail.usage': 'Ketik <code>/sesi NOMOR</code>, misalnya <code>/sesi 12</code>.',
  'session.notFound': (p: { id: string }): Html => html`Sesi #${p.id} tidak ditemukan. Ketik /sesi untuk melihat sesi mendatang.`,

  'agenda.usage': 'Cara pakai: <code>/agenda NOMOR_SESI NOMOR_IDE</code>, misalnya <code>/agenda 12 4</code>. Untuk menghapus: <code>/agenda 12 -4</code>.',
  'agenda.added': (p: { session: number; idea: number; name: string }): Html =>
    html`Ide #${p.idea} <b>${p.name}</b> ditambahkan ke agenda sesi #${p.session}.`,
  'agenda.removed': (p: { session: number; idea: number; name: string }): Html =>
    html`Ide #${p.idea} <b>${p.name}</b> dihapus dari agenda sesi #${p.session}.`,
  'agenda.duplicate': (p: { session: number; idea: number }): Html => html`Ide #${p.idea} sudah ada di agenda sesi #${p.session}.`,
  'agenda.notOnAgenda': (p: { session: number; idea: number }): Html => html`Ide #${p.idea} tidak ada di agenda sesi #${p.session}.`,
  'agenda.ideaNotFound': (p: { idea: string }): Html => html`Ide #${p.idea} tidak ditemukan.`,
  'agenda.closed': 'Agenda hanya dapat diubah untuk sesi yang masih terjadwal.',

  'edit.usage':
    'Cara pakai: <code>/ubah_sesi NOMOR BAGIAN NILAI</code>\nBagian: <code>waktu</code>, <code>tempat</code>, <code>judul</code>, <code>agenda</code>, <code>kuota</code>.\nContoh: <code>/ubah_sesi 12 waktu Jumat 14.00</code>, <code>/ubah_sesi 12 kuota 40</code>, <code>/ubah_sesi 12 kuota tanpa</code>.',
  'edit.done': (p: { id: number; field: string; notified: number }): Html =>
    html`Sesi #${p.id} diubah (${p.field}).${p.notified > 0 ? html` ${p.notified} pemberitahuan dikirim ke peserta dan grup.` : ''}`,
  'edit.promoted': (p: { count: number }): Html => html`${p.count} orang dari daftar tunggu mendapat kursi dan diberi tahu.`,
  'edit.unchanged': 'Tidak ada yang berubah: nilainya sama dengan sebelumnya.',
  'session.refused.cancelled': 'Sesi tersebut sudah dibatalkan.',
  'session.refused.done': 'Sesi tersebut sudah selesai.',
  'session.refused.started': 'Sesi tersebut sudah dimulai, jadi tidak dapat diubah atau dibatalkan lagi.',

  'cancel.usage': 'Cara pakai: <code>/batal_sesi NOMOR alasan</code>, misalnya <code>/batal_sesi 12 Aula dipakai rapat Bupati</code>.',
  'cancel.reasonMissing': 'Mohon sertakan alasan pembatalan, agar peserta mengetahuinya.',
  'cancel.done': (p: { id: number; notified: number }): Html =>
    html`Sesi #${p.id} dibatalkan. ${p.notified} pemberitahuan dikirim; pengingat sesi ini tidak akan dikirim.`,

  'calendar.usage': 'Cara pakai: <code>/kalender NOMOR_SESI</code>, misalnya <code>/kalender 12</code>.',
  'calendar.caption': (p: { id: number; title: string }): Html => html`📅 Sesi #${p.id}: ${p.title}`,
  'calendar.name': 'Warkop Indah',
  'calendar.agendaLabel': 'Agenda',
  'calendar.ideasLabel': 'Ide yang dibahas',

  'reminders.current': (p: { list: string }): Html => html`<b>Pengingat sesi Anda</b>: ${p.list}.`,
  'reminders.defaultTag': '(bawaan)',
  'reminders.off': '<b>Pengingat sesi Anda</b>: dimatikan.',
  'reminders.help':
    'Pengingat dikirim untuk sesi yang Anda jawab Hadir atau Mungkin. Pilih di bawah, atau atur sendiri, misalnya <code>/pengingat 1d@16:00,2h</code> (d = hari, h = jam, m = menit; <code>@16:00</code> = pukul 16.00 WITA).',
  'reminders.default': (p: { list: string }): Html => html`Bawaan: ${p.list}`,
  'reminders.only': (p: { label: string }): Html => html`Hanya ${p.label}`,
  'reminders.turnOff': '🔕 Matikan',
  'reminders.saved': (p: { list: string }): Html => html`Pengingat disimpan: ${p.list}. Berlaku juga untuk sesi yang sudah Anda jawab.`,
  'reminders.turnedOff': 'Pengingat sesi dimatikan. Ketik /pengingat untuk menyalakannya kembali.',
  'reminders.invalid': (p: { bad: string }): Html =>
    html`“${p.bad}” tidak dapat saya pahami. Contoh: <code>/pengingat 1d@16:00,1h</code> atau <code>/pengingat 30m</code>; <code>/pengingat mati</code> untuk mematikan.`,
  'offset.dayBefore': (p: { time: string }): Html => html`sehari sebelumnya pukul ${p.time}`,
  'offset.daysBefore': (p: { days: number; time: string }): Html => html`${p.days} hari sebelumnya pukul ${p.time}`,
  'offset.sameDay': (p: { time: string }): Html => html`pada harinya pukul ${p.time}`,
  'offset.before': (p: { duration: string }): Html => html`${p.duration} sebelumnya`,
  'dur.days': (p: { n: number }): Html => html`${p.n} hari`,
  'list.and': 'dan',

  'minutes.usage': 'Cara pakai: <code>/notulen NOMOR_SESI isi notulen</code>.',
  'minutes.tooLong': (p: { max: number }): Html => html`Notulen terlalu panjang (paling banyak ${p.max} karakter).`,
  'minutes.notStarted': 'Sesi tersebut belum dimulai; notulen dapat dicatat setelah sesi berlangsung.',
  'minutes.cancelled': 'Sesi tersebut dibatalkan, jadi tidak ada notulen.',
  'minutes.saved': (p: { id: number }): Html => html`Notulen sesi #${p.id} tersimpan dan sesi ditandai selesai.`,
  'minutes.updated': (p: { id: number }): Html => html`Notulen sesi #${p.id} diperbarui.`,
  'minutes.askDiscuss': 'Pindahkan ide yang dibahas ke tahap <b>Dibahas</b>?',
  'minutes.moveOne': (p: { id: number; name: string }): Html => html`➡️ #${p.id} ${p.name}`,
  'minutes.moveAll': '➡️ Semua ide',
  'minutes.keep': 'Tidak perlu',
  'minutes.moved': (p: { ideas: string }): Html => html`Dipindahkan ke tahap Dibahas: ${p.ideas}.`,
  'minutes.nothingMoved': 'Tidak ada ide yang dipindahkan (mungkin sudah dipindahkan sebelumnya).',
  'minutes.kept': 'Baik, tahap ide tidak diubah.',

  'attendance.usage': 'Cara pakai: <code>/kehadiran NOMOR_SESI</code>.',
  'attendance.notStarted': 'Kehadiran dapat dikonfirmasi setelah sesi dimulai.',
  'attendance.title': (p: { id: number; title: string; confirmed: number; total: number; page: number; pages: number }): Html =>
    html`<b>Kehadiran sesi #${p.id}</b>: ${p.title}\nTerkonfirmasi hadir: ${p.confirmed} dari ${p.total}. Tekan nama untuk mengubah (halaman ${p.page}/${p.pages}).`,
  'attendance.none': 'Belum ada peserta yang menjawab Hadir atau Mungkin untuk sesi ini.',
  'attendance.person': (p: { mark: string; name: string; agency: string }): Html => html`${p.mark} ${p.name} (${p.agency})`,
  'attendance.noAnswer': 'Anggota tersebut tidak menjawab undangan sesi ini.',

  'session.badNumber': (p: { text: string }): Html => html`“${p.text}” bukan nomor sesi. Nomor sesi tertulis di pengumuman, misalnya #12.`,
};

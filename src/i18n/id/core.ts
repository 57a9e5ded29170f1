import { html, type Html } from '../html.js';

/** Bahasa Indonesia is the source catalogue: every key starts here. */
export const core = {
  'lang.name': 'Bahasa Indonesia',
  'role.member': 'anggota',
  'role.coordinator': 'koordinator',
  'role.admin': 'admin',

  'start.welcome': (p: { name: string }): Html =>
    html`Selamat datang di <b>Warkop Indah</b>, ${p.name}!\n\nWarung Koordinasi dan Pembangunan Inovasi Daerah Kabupaten Luwu Utara. Di sini Anda dapat mengusulkan ide inovasi pelayanan publik, mendukung ide rekan dari perangkat daerah lain, mengikuti sesi diskusi Warkop Indah, dan menyiapkan proposal kompetisi.`,
  'start.registerHint': 'Silakan mendaftar terlebih dahulu dengan /daftar agar usulan Anda tercatat atas nama Anda dan perangkat daerah Anda.',
  'start.registeredHint': 'Ketik /bantuan untuk melihat perintah yang dapat Anda gunakan.',
  'start.unknownLink': 'Tautan tersebut tidak dikenali atau sudah tidak berlaku. Ketik /bantuan untuk melihat perintah yang tersedia.',

  'help.title': '<b>Perintah Warkop Indah</b>',
  'help.roleLine': (p: { role: string }): Html => html`Peran Anda: <i>${p.role}</i>`,
  'help.section.anyone': '<b>Umum</b>',
  'help.section.member': '<b>Anggota</b>',
  'help.section.coordinator': '<b>Koordinator</b>',
  'help.section.admin': '<b>Admin</b>',
  'help.unregistered': 'Anda belum terdaftar. Perintah anggota dapat digunakan setelah /daftar.',

  'cmd.start': 'Mulai dan perkenalan',
  'cmd.help': 'Daftar perintah',
  'cmd.language': 'Ganti bahasa',
  'cmd.register': 'Daftar sebagai anggota forum',
  'cmd.profile': 'Lihat atau ubah profil Anda',
  'cmd.cancel': 'Batalkan langkah yang sedang berjalan',
  'cmd.agencies': 'Daftar perangkat daerah',
  'cmd.role': 'Atur peran anggota',

  'lang.choose': 'Pilih bahasa yang Anda inginkan:',
  'lang.changed': 'Bahasa diubah ke Bahasa Indonesia.',

  'reg.askName': 'Silakan ketik <b>nama lengkap</b> Anda (beserta gelar bila ada), misalnya: <i>Andi Rahmawati, S.Sos.</i>\n\nKetik /batal untuk membatalkan.',
  'reg.nameInvalid': (p: { min: number; max: number }): Html =>
    html`Nama harus terdiri dari ${p.min}–${p.max} karakter dan berupa teks. Silakan ketik ulang nama lengkap Anda.`,
  'reg.askAgency': (p: { page: number; pages: number }): Html =>
    html`Pilih <b>perangkat daerah</b> tempat Anda bertugas (halaman ${p.page}/${p.pages}). Anda juga dapat mengetik sebagian namanya untuk mencari, misalnya <i>kesehatan</i> atau <i>Masamba</i>.`,
  'reg.agencyMatches': (p: { query: string }): Html => html`Hasil pencarian untuk “${p.query}”. Pilih perangkat daerah Anda:`,
  'reg.agencyNoMatch': (p: { query: string }): Html =>
    html`Tidak ada perangkat daerah yang cocok dengan “${p.query}”. Coba kata lain atau pilih dari daftar.`,
  'reg.agencyGone': 'Perangkat daerah tersebut tidak tersedia lagi. Silakan pilih yang lain.',
  'reg.done': (p: { name: string; agency: string }): Html =>
    html`Terima kasih, <b>${p.name}</b>${p.name.endsWith('.') ? '' : '.'} Anda terdaftar sebagai anggota dari <b>${p.agency}</b>.\n\nKetik /bantuan untuk melihat apa yang dapat Anda lakukan.`,
  'reg.notInConversation': 'Langkah pendaftaran ini sudah tidak berlaku. Ketik /daftar untuk memulai lagi.',
  'reg.privateOnly': (p: { link: string }): Html =>
    html`Pendaftaran dilakukan di percakapan pribadi dengan bot. <a href="${p.link}">Buka percakapan pribadi</a> lalu ketik /daftar.`,
  'reg.required': 'Perintah ini hanya untuk anggota terdaftar. Silakan /daftar terlebih dahulu di percakapan pribadi dengan bot.',
  'reg.requiredLink': (p: { link: string }): Html =>
    html`Perintah ini hanya untuk anggota terdaftar. <a href="${p.link}">Daftar di sini</a> terlebih dahulu.`,

  'profile.view': (p: { name: string; agency: string; role: string; language: string; username: string }): Html =>
    html`<b>Profil Anda</b>\nNama: ${p.name}\nPerangkat daerah: ${p.agency}\nPeran: ${p.role}\nBahasa: ${p.language}\nTelegram: ${p.username}`,
  'profile.changeName': '✏️ Ubah nama',
  'profile.changeAgency': '🏢 Ubah perangkat daerah',
  'profile.changeLanguage': '🌐 Ubah bahasa',
  'profile.nameChanged': (p: { name: string }): Html => html`Nama Anda diubah menjadi <b>${p.name}</b>.`,
  'profile.agencyChanged': (p: { agency: string }): Html => html`Perangkat daerah Anda diubah menjadi <b>${p.agency}</b>.`,
  'profile.notRegistered': 'Anda belum terdaftar. Ketik /daftar untuk mendaftar.',

  'cancel.done': 'Baik, langkah tersebut dibatalkan.',
  'cancel.nothing': 'Tidak ada langkah yang sedang berjalan.',

  'role.usage': 'Cara pakai: <code>/peran @username koordinator</code> atau <code>/peran 123456789 anggota</code>. Peran yang tersedia: anggota, koordinator, admin.',
  'role.unknownRole': (p: { role: string }): Html =>
    html`Peran “${p.role}” tidak dikenal. Gunakan salah satu: anggota, koordinator, admin.`,
  'role.memberNotFound': (p: { handle: string }): Html =>
    html`Anggota ${p.handle} tidak ditemukan. Orang tersebut perlu mengirim pesan ke bot terlebih dahulu (misalnya /start).`,
  'role.changed': (p: { name: string; role: string }): Html => html`Peran <b>${p.name}</b> sekarang: <b>${p.role}</b>.`,
  'role.selfDemotion': 'Anda tidak dapat melepas peran admin Anda sendiri. Mintalah admin lain untuk melakukannya.',
  'role.notified': (p: { role: string }): Html => html`Peran Anda di Warkop Indah sekarang: <b>${p.role}</b>.`,

  'guard.coordinatorOnly': 'Maaf, perintah ini hanya untuk koordinator Tim Pelaksana Warkop Indah.',
  'guard.adminOnly': 'Maaf, perintah ini hanya untuk admin.',
  'guard.privateOnly': 'Perintah ini hanya dapat digunakan di percakapan pribadi dengan bot.',
  'guard.groupOnly': 'Perintah ini hanya dapat digunakan di dalam grup.',
  'guard.staleButton': 'Tombol ini sudah tidak berlaku.',
  'guard.notYourButton': 'Tombol ini bukan untuk Anda.',

  'agencies.title': (p: { count: number }): Html => html`<b>Perangkat daerah</b> (${p.count})`,
  'agencies.addUsage': 'Cara menambah: <code>/instansi tambah Nama Lengkap | Singkatan</code>\nContoh: <code>/instansi tambah Badan Riset dan Inovasi Daerah | Brida</code>',
  'agencies.added': (p: { name: string; shortName: string }): Html =>
    html`Perangkat daerah <b>${p.name}</b> (${p.shortName}) ditambahkan.`,
  'agencies.duplicate': (p: { name: string }): Html => html`Perangkat daerah “${p.name}” sudah ada.`,
  'agencies.invalid': 'Nama lengkap harus 3–200 karakter dan singkatan 2–40 karakter.',
  'agencies.renameUsage': 'Cara mengganti nama: <code>/instansi ubah ID Nama Baru | Singkatan</code>',
  'agencies.renamed': (p: { name: string; shortName: string }): Html => html`Perangkat daerah diubah menjadi <b>${p.name}</b> (${p.shortName}).`,
  'agencies.deactivated': (p: { name: string }): Html => html`Perangkat daerah <b>${p.name}</b> dinonaktifkan.`,
  'agencies.activated': (p: { name: string }): Html => html`Perangkat daerah <b>${p.name}</b> diaktifkan kembali.`,
  'agencies.notFound': (p: { id: string }): Html => html`Perangkat daerah dengan nomor ${p.id} tidak ditemukan.`,

  'group.hello': 'Terima kasih telah menambahkan bot <b>Warkop Indah</b> ke grup ini. Anggota dapat mengusulkan ide dengan <code>/usul Nama Inovasi — masalah dan solusi singkat</code>. Koordinator dapat menghubungkan grup ini untuk pengumuman sesi dengan /hubungkan.',

  'unhandled.private': 'Maaf, saya belum memahami pesan tersebut. Ketik /bantuan untuk melihat perintah yang tersedia.',
  'error.generic': 'Maaf, terjadi kendala saat memproses permintaan Anda. Silakan coba lagi sebentar lagi.',
  'error.busy': 'Maaf, layanan sedang sibuk atau basis data tidak dapat dijangkau. Silakan coba lagi sebentar lagi.',

  'pager.prev': '◀️ Sebelumnya',
  'pager.next': 'Berikutnya ▶️',
  'common.none': '—',
  'common.yes': 'Ya',
  'common.no': 'Tidak',
  'common.cancel': 'Batal',
};

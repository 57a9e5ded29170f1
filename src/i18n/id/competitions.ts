import { html, type Html } from '../html.js';

/** Competition rounds, candidates, deadline reminders and assessment (issue #16, part B). */
export const competitions = {
  'cmd.comp.competitions': 'Daftar kompetisi inovasi; /kompetisi N menampilkan jadwalnya',
  'cmd.comp.newCompetition': 'Buat putaran kompetisi dari templat',
  'cmd.comp.candidate': 'Daftarkan ide sebagai kandidat kompetisi',
  'cmd.comp.candidateStep': 'Pindahkan tahap kandidat kompetisi',
  'cmd.comp.assessor': 'Tetapkan penilai untuk kompetisi',
  'cmd.comp.score': 'Nilai proposal kandidat (bedah proposal)',
  'cmd.comp.ranking': 'Peringkat kandidat kompetisi',
  'cmd.comp.closeScoring': 'Tutup penilaian kompetisi dan kirim umpan balik',
  'cmd.comp.shortlist': 'Tetapkan dan umumkan daftar pendek kandidat',

  'comp.kind.KIPP': 'KIPP KemenPAN-RB',
  'comp.kind.JIPP': 'KIPP JIPP Sulsel',
  'comp.kind.IGA': 'IGA Kemendagri',
  'comp.kind.district': 'Seleksi kabupaten',
  'comp.reported': ' (perkiraan)',
  'comp.noDate': 'belum ditetapkan',

  'comp.list.title': '🏆 <b>Kompetisi inovasi</b>',
  'comp.list.empty': 'Belum ada kompetisi. Koordinator dapat membuatnya dengan /kompetisi_baru.',
  'comp.list.item': (p: { id: number; name: string; deadline: string; candidates: number }): Html =>
    html`K${p.id} · <b>${p.name}</b> — batas pendaftaran ${p.deadline} · ${p.candidates} kandidat`,
  'comp.list.footer': 'Ketik <code>/kompetisi 3</code> untuk jadwal dan kandidat kompetisi K3.',

  'comp.show.title': (p: { id: number; name: string; level: string; layout: string }): Html =>
    html`🏆 <b>K${p.id} · ${p.name}</b>\nTingkat: ${p.level} · format proposal: ${p.layout}`,
  'comp.show.stages': '<b>Jadwal</b>',
  'comp.show.stage': (p: { label: string; date: string; key: string }): Html => html`• ${p.label}: ${p.date} <code>${p.key}</code>`,
  'comp.show.reportedNote': 'Tanggal bertanda (perkiraan) diambil dari pemberitaan tahun sebelumnya; periksa pedoman resmi.',
  'comp.show.rules': (p: { days: string; passing: string; margin: number }): Html =>
    html`Pengingat: ${p.days} hari sebelum batas · ambang kelulusan: ${p.passing} · batas selisih penilai: ${p.margin}`,
  'comp.show.scoringClosed': '🔒 Penilaian sudah ditutup.',
  'comp.show.candidates': '<b>Kandidat</b>',
  'comp.show.noCandidates': 'Belum ada kandidat. Koordinator: <code>/kandidat 12 K3</code>.',
  'comp.show.candidate': (p: { id: number; idea: number; name: string; agency: string; step: string; shortlisted: boolean }): Html =>
    html`• C${p.id} · #${p.idea} ${p.name} (${p.agency}) — ${p.step}${p.shortlisted ? ' ⭐' : ''}`,
  'comp.show.assessors': (p: { names: string }): Html => html`Penilai: ${p.names}`,
  'comp.show.editHelp':
    'Koordinator: <code>/kompetisi 3 tanggal registration_close 20 Mei 2027</code> · <code>/kompetisi 3 pengingat 14 7 2</code> · <code>/kompetisi 3 ambang 85</code>',

  'comp.usage':
    'Cara pakai:\n<code>/kompetisi</code> — daftar kompetisi\n<code>/kompetisi 3</code> — jadwal dan kandidat K3\n<code>/kompetisi 3 tanggal registration_close 20 Mei 2027</code> — ubah tanggal (koordinator)\n<code>/kompetisi 3 pengingat 14 7 2</code> — hari pengingat sebelum batas (koordinator)\n<code>/kompetisi 3 ambang 85</code> — ambang kelulusan, <code>ambang -</code> untuk menghapus (koordinator)',
  'comp.badNumber': (p: { input: string }): Html => html`“${p.input}” bukan nomor kompetisi. Contoh: <code>K3</code> atau <code>3</code>.`,
  'comp.notFound': (p: { id: number }): Html => html`Kompetisi K${p.id} tidak ditemukan. Lihat daftarnya dengan /kompetisi.`,
  'comp.badStage': (p: { key: string; keys: string }): Html => html`Tahap “${p.key}” tidak ada di kompetisi ini. Pilihan: ${p.keys}.`,
  'comp.badDate': (p: { input: string }): Html => html`Tanggal “${p.input}” tidak dapat dibaca. Contoh: <code>20 Mei 2027</code> atau <code>2027-05-20</code>.`,
  'comp.dateSaved': (p: { label: string; before: string; after: string; reminders: boolean }): Html =>
    html`✅ ${p.label}: ${p.before} → <b>${p.after}</b>.${p.reminders ? '\nPengingat batas waktu para kandidat sudah dijadwalkan ulang.' : ''}`,
  'comp.badDays': 'Tulis hari pengingat sebagai angka 1–90, misalnya <code>/kompetisi 3 pengingat 14 7 2</code>.',
  'comp.daysSaved': (p: { days: string }): Html => html`✅ Pengingat dikirim ${p.days} hari sebelum batas; jadwal pengingat kandidat sudah diperbarui.`,
  'comp.badGrade': 'Ambang kelulusan berupa angka 0–100, misalnya <code>/kompetisi 3 ambang 85</code>, atau <code>-</code> untuk menghapus.',
  'comp.gradeSaved': (p: { grade: string }): Html => html`✅ Ambang kelulusan: ${p.grade}.`,

  'comp.new.usage': 'Cara pakai: <code>/kompetisi_baru kipp 2027</code>. Templat yang tersedia:',
  'comp.new.template': (p: { id: string; name: string; kind: string }): Html => html`• <code>${p.id}</code> — ${p.name} (${p.kind})`,
  'comp.new.badTemplate': (p: { input: string }): Html => html`Templat “${p.input}” tidak dikenal.`,
  'comp.new.badYear': (p: { input: string }): Html => html`Tahun “${p.input}” tidak valid. Tulis tahun empat angka, misalnya 2027.`,
  'comp.new.created': (p: { id: number; name: string }): Html =>
    html`✅ Kompetisi <b>K${p.id} · ${p.name}</b> dibuat. Tanggalnya masih perkiraan dari tahun sebelumnya; ubah dengan <code>/kompetisi ${p.id} tanggal …</code>.`,

  'comp.cand.usage': 'Cara pakai: <code>/kandidat 12 K3</code> — daftarkan ide nomor 12 sebagai kandidat kompetisi K3.',
  'comp.cand.forbidden': 'Maaf, ide hanya dapat didaftarkan sebagai kandidat oleh pengusulnya (dengan persetujuan koordinator) atau oleh koordinator.',
  'comp.cand.requested': (p: { name: string; round: string; coordinators: number }): Html =>
    html`📨 Permintaan mendaftarkan <b>${p.name}</b> di ${p.round} diteruskan kepada ${p.coordinators} koordinator. Anda akan diberi tahu setelah disetujui.`,
  'comp.cand.request': (p: { who: string; idea: number; name: string; agency: string; round: string }): Html =>
    html`📨 ${p.who} meminta ide <b>#${p.idea} ${p.name}</b> (${p.agency}) didaftarkan sebagai kandidat ${p.round}.`,
  'comp.cand.approve': '✅ Daftarkan',
  'comp.cand.approved': (p: { id: number; name: string; round: string }): Html =>
    html`✅ Ide <b>${p.name}</b> sudah didaftarkan koordinator sebagai kandidat C${p.id} di ${p.round}. Pengingat batas waktu akan dikirim kepada Anda.`,
  'comp.cand.registered': (p: { id: number; idea: number; name: string; round: string; step: string; reminders: number }): Html =>
    html`✅ <b>#${p.idea} ${p.name}</b> terdaftar sebagai kandidat <b>C${p.id}</b> di ${p.round} (tahap: ${p.step}). Pengingat batas waktu terjadwal: ${p.reminders}.`,
  'comp.cand.already': (p: { id: number }): Html => html`Ide ini sudah menjadi kandidat C${p.id} di kompetisi tersebut.`,
  'comp.cand.badNumber': (p: { input: string }): Html => html`“${p.input}” bukan nomor kandidat. Contoh: <code>C4</code> atau <code>4</code>.`,
  'comp.cand.notFound': (p: { id: number }): Html => html`Kandidat C${p.id} tidak ditemukan. Lihat kandidat dengan <code>/kompetisi N</code>.`,
  'comp.cand.step.usage': 'Cara pakai: <code>/tahap_kandidat C4 dikirim</code> (kode atau nama tahap). Tahap yang tersedia:',
  'comp.cand.step.badStep': (p: { input: string; steps: string }): Html => html`Tahap “${p.input}” tidak ada. Pilihan: ${p.steps}.`,
  'comp.cand.step.same': 'Kandidat sudah berada di tahap itu.',
  'comp.cand.step.moved': (p: { id: number; name: string; from: string; to: string }): Html => html`✅ C${p.id} ${p.name}: ${p.from} → <b>${p.to}</b>.`,
  'comp.cand.step.award': (p: { result: string }): Html => html`🏆 Dicatat sebagai penghargaan ide: ${p.result}.`,

  'comp.deadline.title': (p: { round: string; days: number; date: string }): Html =>
    html`⏰ <b>${p.round}</b>: pendaftaran ditutup ${p.days} hari lagi (${p.date}).`,
  'comp.deadline.idea': (p: { idea: number; name: string; id: number }): Html => html`Kandidat C${p.id}: ide #${p.idea} <b>${p.name}</b>.`,
  'comp.deadline.missingTitle': '<b>Yang masih perlu dilengkapi:</b>',
  'comp.deadline.complete': '✅ Draf terakhir tampak lengkap. Periksa kembali dan kirimkan sebelum batas waktu.',
  'comp.deadline.noDraft': (p: { idea: number }): Html => html`• Belum ada draf proposal. Susun dengan <code>/draf ${p.idea}</code>.`,
  'comp.deadline.todo': (p: { sections: string }): Html => html`• Bagian bertanda [Lengkapi]: ${p.sections}`,
  'comp.deadline.tooLong': (p: { sections: string }): Html => html`• Melebihi batas kata: ${p.sections}`,
  'comp.deadline.tooLongItem': (p: { title: string; words: number; max: number }): string => `${p.title} (${p.words}/${p.max} kata)`,
  'comp.deadline.noImplementation': (p: { years: number }): Html =>
    html`• Tanggal mulai penerapan belum diisi; kompetisi ini mensyaratkan inovasi sudah diterapkan minimal ${p.years} tahun.`,
  'comp.deadline.tooYoung': (p: { years: number; since: string }): Html =>
    html`• Inovasi diterapkan sejak ${p.since}: belum ${p.years} tahun pada batas pendaftaran.`,

  'comp.assessor.usage': 'Cara pakai: <code>/penilai K3 @username</code>',
  'comp.assessor.unknownUser': (p: { handle: string }): Html =>
    html`Anggota ${p.handle} belum terdaftar di bot. Minta ia membuka bot dan mengetik /daftar terlebih dahulu.`,
  'comp.assessor.added': (p: { name: string; round: string }): Html => html`✅ ${p.name} menjadi penilai ${p.round}.`,
  'comp.assessor.already': (p: { name: string; round: string }): Html => html`${p.name} sudah menjadi penilai ${p.round}.`,
  'comp.assessor.notice': (p: { round: string; id: number }): Html =>
    html`📋 Anda ditunjuk sebagai penilai <b>${p.round}</b>. Lihat kandidatnya dengan <code>/kompetisi ${p.id}</code>, lalu nilai dengan <code>/nilai C…</code>.`,

  'comp.score.usage': 'Cara pakai: <code>/nilai C4</code> — nilai proposal kandidat C4.',
  'comp.score.notAssessor': 'Maaf, Anda bukan penilai kompetisi kandidat ini. Penilai ditetapkan koordinator dengan /penilai.',
  'comp.score.ownAgency': (p: { agency: string }): Html =>
    html`Maaf, Anda tidak dapat menilai kandidat ini karena berasal dari perangkat daerah Anda sendiri (${p.agency}). Penilai tidak menilai inovasi instansinya sendiri untuk menghindari konflik kepentingan.`,
  'comp.score.closed': 'Penilaian kompetisi ini sudah ditutup koordinator; nilai tidak dapat diubah lagi.',
  'comp.score.noCriteria': 'Format proposal kompetisi ini tidak memiliki kriteria berbobot.',
  'comp.score.header': (p: { id: number; idea: number; name: string; agency: string; round: string; draft: string }): Html =>
    html`📝 <b>Bedah proposal C${p.id}</b> · #${p.idea} ${p.name} (${p.agency})\n${p.round} · ${p.draft}`,
  'comp.score.draft': (p: { version: number; date: string }): string => `draf terakhir v${p.version} (${p.date}), tombol 📄 mengirimkannya kepada Anda`,
  'comp.score.openDraft': (p: { version: number }): string => `📄 Buka draf v${p.version}`,
  'comp.score.noDraftToOpen': 'Kandidat ini belum memiliki draf proposal.',
  'comp.score.noDraft': 'belum ada draf proposal',
  'comp.score.criterion': (p: { n: number; total: number; title: string; weight: number; current: string; comment: Html | string }): Html =>
    html`\n\nKriteria ${p.n}/${p.total}: <b>${p.title}</b> (bobot ${p.weight}%)\nNilai Anda: ${p.current}${p.comment}\n\nPilih nilai 1–10. Setelah memilih, Anda dapat mengetik komentar untuk kriteria ini.`,
  'comp.score.commentShown': (p: { comment: string }): Html => html`\nKomentar: <i>${p.comment}</i>`,
  'comp.score.none': 'belum ada',
  'comp.score.prev': '◀️ Sebelumnya',
  'comp.score.next': 'Berikutnya ▶️',
  'comp.score.done': '✅ Selesai',
  'comp.score.saved': (p: { score: number }): string => `Nilai ${p.score} disimpan.`,
  'comp.score.summary': (p: { total: string; scored: number; count: number }): Html =>
    html`\n\n<b>Ringkasan penilaian Anda</b>: ${p.scored}/${p.count} kriteria dinilai · total berbobot ${p.total}/100.\nNilai dapat diubah dengan /nilai sampai koordinator menutup penilaian.`,
  'comp.score.summaryLine': (p: { title: string; score: string }): Html => html`\n• ${p.title}: ${p.score}`,
  'comp.score.commentSaved': (p: { title: string }): Html => html`💬 Komentar untuk <b>${p.title}</b> disimpan.`,
  'comp.score.commentFirst': 'Pilih nilai kriteria ini dahulu, lalu ketik komentarnya.',
  'comp.score.commentTooLong': (p: { max: number }): Html => html`Komentar terlalu panjang (maksimal ${p.max} karakter).`,

  'comp.rank.title': (p: { round: string; criteria: number }): Html => html`📊 <b>Peringkat ${p.round}</b> (${p.criteria} kriteria berbobot)`,
  'comp.rank.item': (p: { rank: string; id: number; name: string; agency: string; total: string; assessors: number; spread: string; flags: string }): Html =>
    html`${p.rank}. C${p.id} ${p.name} (${p.agency}) — <b>${p.total}</b> · ${p.assessors} penilai · selisih ${p.spread}${p.flags}`,
  'comp.rank.unscored': (p: { id: number; name: string; agency: string; incomplete: number }): Html =>
    html`– C${p.id} ${p.name} (${p.agency}) — belum dinilai lengkap${p.incomplete ? ` (${p.incomplete} penilai belum selesai)` : ''}`,
  'comp.rank.disagree': ' ⚠️ penilai berbeda jauh',
  'comp.rank.below': ' ⬇️ di bawah ambang',
  'comp.rank.shortlisted': ' ⭐',
  'comp.rank.passing': (p: { grade: number }): Html => html`Ambang kelulusan: ${p.grade}. Kandidat di bawahnya ditandai ⬇️, tidak disembunyikan.`,
  'comp.rank.margin': (p: { margin: number }): Html => html`⚠️ menandai selisih nilai total antarpenilai lebih dari ${p.margin}.`,
  'comp.rank.empty': 'Belum ada kandidat di kompetisi ini.',
  'comp.rank.forbidden': 'Maaf, peringkat hanya dapat dilihat koordinator dan penilai kompetisi ini.',

  'comp.close.done': (p: { round: string; feedback: number }): Html =>
    html`🔒 Penilaian ${p.round} ditutup. Umpan balik dikirim kepada ${p.feedback} pengusul.`,
  'comp.close.already': (p: { round: string }): Html => html`Penilaian ${p.round} sudah ditutup sebelumnya.`,

  'comp.shortlist.usage':
    'Cara pakai: <code>/daftar_pendek K3 7</code> — tetapkan 7 kandidat teratas sebagai daftar pendek dan umumkan ke grup; <code>/daftar_pendek K3 7 + C12 C15</code> — ditambah kandidat pilihan (partisipatif).',
  'comp.shortlist.badSize': 'Jumlah daftar pendek berupa angka 0–100.',
  'comp.shortlist.notInRound': (p: { ids: string }): Html => html`Kandidat ${p.ids} tidak terdaftar di kompetisi ini.`,
  'comp.shortlist.extras': (p: { count: number }): Html => html`Ditambah ${p.count} kandidat pilihan (partisipatif):`,
  'comp.shortlist.none': 'Belum ada kandidat yang dinilai lengkap; daftar pendek belum dapat ditetapkan.',
  'comp.shortlist.saved': (p: { round: string; count: number; groups: boolean }): Html =>
    html`⭐ Daftar pendek ${p.round}: ${p.count} kandidat.${p.groups ? ' Pengumuman dikirim ke grup yang terhubung.' : ''}`,
  'comp.shortlist.announce': (p: { round: string; count: number }): Html => html`⭐ <b>Daftar pendek ${p.round}</b> (${p.count} kandidat teratas menurut penilaian):`,
  'comp.shortlist.item': (p: { n: number; name: string; agency: string }): Html => html`${p.n}. ${p.name} (${p.agency})`,
  'comp.shortlist.footer': 'Selamat kepada para kandidat. Pendampingan berikutnya akan dijadwalkan Tim Pelaksana Warkop Indah.',

  'comp.feedback.title': (p: { round: string; idea: number; name: string }): Html =>
    html`📋 <b>Umpan balik bedah proposal</b>\n${p.round} · #${p.idea} ${p.name}`,
  'comp.feedback.criterion': (p: { title: string; mean: string }): Html => html`\n<b>${p.title}</b>: rata-rata ${p.mean}`,
  'comp.feedback.comment': (p: { comment: string }): Html => html`\n  – ${p.comment}`,
  'comp.feedback.total': (p: { total: string; rank: string }): Html => html`\n\nNilai total berbobot: <b>${p.total}</b>/100 · peringkat ${p.rank}`,
  'comp.feedback.footer': '\n\nNama penilai tidak ditampilkan.',

  'comp.export.sheet.candidates': 'Kandidat',
  'comp.export.sheet.scores': 'Nilai',
  'comp.export.sheet.results': 'Hasil',
  'comp.export.col.round': 'Kompetisi',
  'comp.export.col.candidate': 'Kandidat',
  'comp.export.col.idea': 'Ide',
  'comp.export.col.step': 'Tahap',
  'comp.export.col.shortlisted': 'Daftar pendek',
  'comp.export.col.assessor': 'Penilai',
  'comp.export.col.criterion': 'Kriteria',
  'comp.export.col.score': 'Nilai',
  'comp.export.col.comment': 'Komentar',
  'comp.export.col.total': 'Total berbobot',
  'comp.export.col.rank': 'Peringkat',
  'comp.export.col.assessors': 'Jumlah penilai',
  'comp.export.col.spread': 'Selisih',
  'comp.export.col.disagreement': 'Penilai berbeda jauh',
  'comp.export.col.below': 'Di bawah ambang',
};

import { html, type Html } from '../html.js';

/** The recap (`/rekap`): short text, picture, yearly report. Chart and report texts are plain strings. */
export const recap = {
  'recap.title': (p: { year: number }): Html => html`📊 <b>Rekap Satu Perangkat Daerah Satu Inovasi ${p.year}</b>`,
  'recap.target': (p: { met: number; total: number; change: string }): Html =>
    html`🎯 Target tercapai: <b>${p.met} dari ${p.total} perangkat daerah</b> (${p.change})`,
  'recap.change.up': (p: { year: number; count: number; diff: number }): string => `${p.year}: ${p.count}, naik ${p.diff}`,
  'recap.change.down': (p: { year: number; count: number; diff: number }): string => `${p.year}: ${p.count}, turun ${p.diff}`,
  'recap.change.same': (p: { year: number; count: number }): string => `${p.year}: ${p.count}, sama`,
  'recap.metList': (p: { names: string }): Html => html`✅ Sudah tercapai: ${p.names}`,
  'recap.metNone': 'Belum ada perangkat daerah yang mencapai target.',
  'recap.andMore': (p: { count: number }): string => `dan ${p.count} lainnya`,
  'recap.close': (p: { count: number; names: string }): Html =>
    html`⏳ Hampir tercapai: <b>${p.count}</b> perangkat daerah punya ide di tahap Uji coba (${p.names})`,
  'recap.ideas': (p: { year: number; pitched: number; progress: number }): Html =>
    html`💡 Ide diusulkan pada ${p.year}: <b>${p.pitched}</b> · sedang berjalan sekarang: <b>${p.progress}</b>`,
  'recap.results': (p: { year: number; count: number }): Html => html`🏆 Hasil kompetisi ${p.year}: <b>${p.count}</b>`,
  'recap.resultLine': (p: { result: string; competition: string; level: string; idea: string; agency: string }): Html =>
    html`  • ${p.result} (${p.competition}, ${p.level}) — ${p.idea}, ${p.agency}`,
  'recap.rule': (p: { year: number }): Html =>
    html`<i>Cara menghitung: target tercapai bila perangkat daerah punya inovasi yang mulai diterapkan pada ${p.year} dan masih diterapkan. Ide dihitung menurut tahun diusulkan; “sedang berjalan” adalah tahap sekarang (Usulan sampai Uji coba), dari tahun mana pun.</i>`,
  'recap.more': (p: { year: number }): Html =>
    html`Tabel lengkap per perangkat daerah ada di gambar. Laporan Word untuk pimpinan: <code>/rekap ${p.year} laporan</code> (koordinator).`,
  'recap.usage': 'Cara pakai: <code>/rekap</code>, <code>/rekap 2026</code>, atau <code>/rekap 2026 laporan</code> (koordinator).',
  'recap.badYear': (p: { input: string }): Html => html`Tahun “${p.input}” tidak valid. Contoh: <code>/rekap 2026</code>`,
  'recap.photoCaption': (p: { year: number }): Html => html`📊 Rekap ${p.year} per perangkat daerah dan per tahun.`,
  'recap.documentCaption': (p: { year: number }): Html =>
    html`📎 Gambar rekap ${p.year} dalam ukuran penuh (terlalu tinggi untuk dikirim sebagai foto).`,
  'recap.chartFailed': 'Maaf, gambar rekap tidak dapat dibuat saat ini. Ringkasan di atas tetap berlaku.',
  'recap.reportWorking': (p: { year: number }): Html => html`⏳ Laporan ${p.year} sedang disusun…`,
  'recap.reportCaption': (p: { year: number }): Html => html`📎 Laporan Pelaksanaan Warkop Indah Tahun ${p.year}.`,
  'recap.file.chart': (p: { year: number }): string => `rekap-${p.year}.png`,
  'recap.file.report': (p: { year: number }): string => `Laporan-Warkop-Indah-${p.year}.docx`,

  // The picture (plain text: drawn by the chart library).
  'recap.chart.title': (p: { year: number }): string => `Satu Perangkat Daerah Satu Inovasi ${p.year}`,
  'recap.chart.subtitle': (p: { year: number; met: number; total: number }): string =>
    `Target: minimal 1 inovasi mulai diterapkan pada ${p.year} · tercapai ${p.met} dari ${p.total} perangkat daerah (✓)`,
  'recap.chart.implemented': (p: { year: number }): string => `Mulai diterapkan ${p.year}`,
  'recap.chart.now': (p: { stage: string }): string => `${p.stage} (sekarang)`,
  'recap.chart.rightAxis': (p: { year: number }): string => `Ide ${p.year} · ★ hasil`,
  'recap.chart.target': 'Target',
  'recap.chart.axis': 'Jumlah ide / inovasi',
  'recap.chart.yearsTitle': 'Per tahun',
  'recap.chart.pitched': 'Ide diusulkan',
  'recap.chart.implementedYears': 'Inovasi mulai diterapkan',
  'recap.chart.results': 'Hasil kompetisi',
  'recap.chart.metAgencies': 'Perangkat daerah tercapai',
  'recap.chart.footer': (p: { date: string }): string => `Tahap “sekarang” per ${p.date}. Sumber: bot Warkop Indah, Bagian Organisasi Setda Luwu Utara.`,

  // The report (.docx).
  'recap.report.title': (p: { year: number }): string => `Laporan Pelaksanaan Warkop Indah Tahun ${p.year}`,
  'recap.report.subtitle': 'Warung Koordinasi dan Pembangunan Inovasi Daerah · Kabupaten Luwu Utara',
  'recap.report.issued': (p: { date: string }): string => `Disusun pada ${p.date}`,
  'recap.report.h.summary': 'I. Ringkasan',
  'recap.report.h.chart': 'II. Gambaran per Perangkat Daerah dan per Tahun',
  'recap.report.h.table': 'III. Capaian Setiap Perangkat Daerah',
  'recap.report.h.implemented': (p: { year: number }): string => `IV. Inovasi yang Mulai Diterapkan pada ${p.year}`,
  'recap.report.h.results': (p: { year: number }): string => `V. Hasil Kompetisi Inovasi ${p.year}`,
  'recap.report.h.sessions': (p: { year: number }): string => `VI. Sesi Warkop Indah ${p.year}`,
  'recap.report.summary.target': (p: { met: number; total: number; percent: string; year: number }): string =>
    `Sebanyak ${p.met} dari ${p.total} perangkat daerah (${p.percent}) telah mencapai target Satu Perangkat Daerah Satu Inovasi pada tahun ${p.year}.`,
  'recap.report.summary.change': (p: { previousYear: number; previous: number }): string => `Pada tahun ${p.previousYear}: ${p.previous} perangkat daerah.`,
  'recap.report.summary.close': (p: { count: number }): string => `Sebanyak ${p.count} perangkat daerah lainnya memiliki ide pada tahap uji coba dan hampir mencapai target.`,
  'recap.report.summary.ideas': (p: { year: number; pitched: number; implemented: number; progress: number }): string =>
    `Pada tahun ${p.year} diusulkan ${p.pitched} ide inovasi; ${p.implemented} inovasi mulai diterapkan; saat ini ${p.progress} ide sedang berjalan (tahap Usulan sampai Uji coba).`,
  'recap.report.summary.results': (p: { year: number; count: number }): string => `Hasil kompetisi inovasi yang tercatat untuk tahun ${p.year}: ${p.count}.`,
  'recap.report.summary.sessions': (p: { count: number; attended: number }): string =>
    `Sesi Warkop Indah yang terlaksana: ${p.count}, dengan ${p.attended} kehadiran tercatat.`,
  'recap.report.rule': (p: { year: number }): string =>
    `Cara menghitung: target tercapai bila perangkat daerah memiliki inovasi yang mulai diterapkan pada tahun ${p.year} dan masih diterapkan (termasuk yang direplikasi). Ide dihitung menurut tahun diusulkan. Kolom “sedang berjalan” adalah tahap ide saat laporan disusun, dari tahun mana pun. Inovasi yang diarsipkan tidak dihitung.`,
  'recap.report.col.no': 'No.',
  'recap.report.col.agency': 'Perangkat Daerah',
  'recap.report.col.pitched': (p: { year: number }): string => `Ide diusulkan ${p.year}`,
  'recap.report.col.progress': 'Sedang berjalan',
  'recap.report.col.implemented': (p: { year: number }): string => `Mulai diterapkan ${p.year}`,
  'recap.report.col.results': 'Hasil kompetisi',
  'recap.report.col.met': 'Target',
  'recap.report.met': 'Tercapai',
  'recap.report.notMet': 'Belum',
  'recap.report.total': 'Jumlah',
  'recap.report.col.innovation': 'Inovasi',
  'recap.report.col.dates': 'Tahapan',
  'recap.report.col.stage': 'Tahap sekarang',
  'recap.report.dates': (p: { pitched: string; trial: string; implemented: string }): string =>
    `Diusulkan ${p.pitched} · Uji coba ${p.trial} · Diterapkan ${p.implemented}`,
  'recap.report.col.result': 'Hasil',
  'recap.report.col.competition': 'Kompetisi',
  'recap.report.col.date': 'Tanggal',
  'recap.report.col.session': 'Sesi',
  'recap.report.col.place': 'Tempat',
  'recap.report.col.attended': 'Hadir (dikonfirmasi)',
  'recap.report.col.registered': 'Menjawab Hadir',
  'recap.report.none': 'Tidak ada.',
  'recap.export.col.pitched': 'Ide diusulkan (tahun ini)',
  'recap.export.col.now.pitched': 'Usulan (sekarang)',
  'recap.export.col.now.discussed': 'Dibahas (sekarang)',
  'recap.export.col.now.initiative': 'Inisiatif (sekarang)',
  'recap.export.col.now.trial': 'Uji coba (sekarang)',
  'recap.export.col.progress': 'Sedang berjalan (sekarang)',
  'recap.export.col.implemented': 'Inovasi mulai diterapkan (tahun ini)',
  'recap.report.footer': 'Disusun otomatis oleh bot Warkop Indah dari data forum.',
};

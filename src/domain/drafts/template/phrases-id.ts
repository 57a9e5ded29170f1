import type { AwardLevel, IdeaForm, Stage } from '../../../db/schema/index.js';

/**
 * The template writer's Indonesian. User text continues a sentence a person would write
 * ("Inovasi ini lahir karena data balita…"), its first letter lowered unless it is an acronym or
 * a name (words.ts lowerFirst). English (phrases-en.ts) must have the same shape.
 */
export const phrasesId = {
  locale: 'id-ID',
  and: 'dan',
  form: { governance: 'tata kelola pemerintahan', public_service: 'pelayanan publik', other: 'urusan pemerintahan daerah lainnya' } satisfies Record<IdeaForm, string>,
  digital: { true: 'digital', false: 'non-digital' },
  stage: {
    pitched: 'usulan',
    discussed: 'dibahas',
    initiative: 'inisiatif',
    trial: 'uji coba',
    implemented: 'diterapkan',
    replicated: 'direplikasi',
    archived: 'diarsipkan',
  } satisfies Record<Stage, string>,
  level: { kabupaten: 'kabupaten', provinsi: 'provinsi', nasional: 'nasional' } satisfies Record<AwardLevel, string>,

  // ---- facts
  identity: (p: { name: string; agency: string; kind?: string }) =>
    p.kind ? `${p.name} adalah inovasi ${p.kind} dari ${p.agency}.` : `${p.name} adalah inovasi dari ${p.agency}.`,
  kind: (p: { form?: string; digital?: string }) =>
    [p.form && `di bidang ${p.form}`, p.digital && `yang bersifat ${p.digital}`].filter(Boolean).join(' '),
  // Writers pass user text with its first letter lowered where it continues the sentence (lowerFirst).
  problem: (text: string) => `Inovasi ini lahir karena ${text}`,
  solution: (text: string) => `Melalui inovasi ini, ${text}`,
  pitchSummary: (text: string) => `Ringkasnya, ${text}`,
  pitchBackground: (p: { owner: string; text: string }) => `Dalam usulannya, ${p.owner} menulis bahwa ${p.text}`,
  pitchNovelty: (p: { name: string; text: string }) => `Gagasan ${p.name} diringkas pengusulnya sebagai berikut: “${p.text}”.`,
  beneficiaries: (who: string) => `Penerima manfaat utamanya adalah ${who}.`,
  affected: (who: string) => `Pihak yang paling merasakan masalah ini adalah ${who}.`,
  before: (p: { name: string; text: string }) => `Sebelum ada ${p.name}, ${p.text}`,
  goalLead: 'Tujuan inovasi ini dirumuskan secara terukur sebagai berikut:',
  novelty: (p: { name: string; text: string }) => `Melalui ${p.name}, ${p.text}`,
  kindSentence: (p: { name: string; kind: string }) => `${p.name} merupakan inovasi ${p.kind}.`,
  stageTrial: (since: string) => `Inovasi ini sedang diuji coba sejak ${since}.`,
  stageImplemented: (p: { trial?: string; since: string }) =>
    p.trial ? `Inovasi ini diuji coba mulai ${p.trial} dan diterapkan secara rutin sejak ${p.since}.` : `Inovasi ini diterapkan secara rutin sejak ${p.since}.`,
  stageReplicated: 'Inovasi ini juga telah direplikasi.',
  stageEarly: (stage: string) => `Saat draf ini disusun, inovasi ini berada pada tahap ${stage} di forum Warkop Indah.`,
  stageArchived: (reason?: string) =>
    reason ? `Catatan: gagasan ini sedang diarsipkan di forum dengan alasan: ${reason}` : 'Catatan: gagasan ini sedang diarsipkan di forum.',
  support: (p: { people: number; agencies: number }) =>
    p.people === 1
      ? 'Di forum Warkop Indah, seorang ASN menyatakan dukungan terhadap gagasan ini.'
      : p.agencies > 1
      ? `Di forum Warkop Indah, ${p.people} ASN dari ${p.agencies} perangkat daerah menyatakan dukungan terhadap gagasan ini.`
      : `Di forum Warkop Indah, ${p.people} ASN menyatakan dukungan terhadap gagasan ini.`,
  supportRelevance: (p: { people: number; agencies: number; list: string }) =>
    `Dukungan di forum Warkop Indah menunjukkan bahwa masalah ini dirasakan luas: ${p.people} ASN dari ${p.agencies} perangkat daerah (${p.list}) menyatakan dukungan.`,
  award: (p: { text: string; level: string }) => `${p.text} (tingkat ${p.level})`,
  awards: (list: string) => `Capaian yang tercatat: ${list}.`,
  awardsRecognition: (list: string) => `Inovasi ini juga telah mendapat pengakuan: ${list}.`,
  commentQuote: (p: { author: string; agency?: string; text: string }) =>
    `${p.author}${p.agency ? ` (${p.agency})` : ''} mencatat dalam diskusi forum: “${p.text}”`,
  commentsLead: 'Masukan dari diskusi di forum Warkop Indah menguatkan gambaran ini.',
  feedbackLead: 'Tanggapan di forum Warkop Indah antara lain:',
  minutesMention: (p: { date: string; text: string }) => `Dalam sesi Warkop Indah pada ${p.date} dicatat: “${p.text}”`,
  minutesCount: (p: { count: number; dates: string }) => `Inovasi ini telah dibahas dalam ${p.count} sesi Warkop Indah (${p.dates}).`,
  pitched: (p: { owner: string; date: string }) => `Gagasan ini diusulkan di forum Warkop Indah oleh ${p.owner} pada ${p.date}.`,
  timelineLead: 'Selanjutnya, gagasan ini',
  timeline: {
    discussed: (d: string) => `dibahas dalam forum pada ${d}`,
    initiative: (d: string) => `ditetapkan sebagai inisiatif pada ${d}`,
    trial: (d: string) => `mulai diuji coba pada ${d}`,
    implemented: (d: string) => `diterapkan secara rutin sejak ${d}`,
    replicated: (d: string) => `direplikasi pada ${d}`,
  },
  stageNote: (p: { stage: string; note: string }) => `Catatan tahap ${p.stage}: ${p.note}`,
  significanceImplemented: (p: { name: string; since: string }) =>
    `${p.name} telah diterapkan sejak ${p.since}, sehingga dampaknya dapat diukur dengan membandingkan kondisi sebelum dan sesudah penerapan.`,
  significanceTrial: (since: string) => `Karena inovasi ini masih diuji coba sejak ${since}, dampak yang dapat dilaporkan adalah hasil uji coba.`,
  significanceEarly: 'Inovasi ini belum diterapkan, sehingga bagian ini baru dapat diisi setelah ada hasil uji coba.',
  replicatedYes: (p: { name: string; since?: string }) =>
    p.since ? `${p.name} telah direplikasi sejak ${p.since}.` : `${p.name} telah direplikasi.`,
  replicatedNo: (name: string) => `Sampai draf ini disusun, forum Warkop Indah belum mencatat replikasi ${name}.`,
  potentialLead: (name: string) => `${name} dapat diterapkan oleh perangkat daerah atau daerah lain yang menghadapi masalah serupa.`,
  potentialInterest: (list: string) => `Minat dari luar perangkat daerah pengusul sudah terlihat: ${list} menyatakan dukungan di forum Warkop Indah.`,
  potentialDigital: 'Sebagai inovasi digital, perangkat lunaknya dapat dipakai bersama atau disalin dengan penyesuaian.',
  managedBy: (p: { name: string; agency: string; owner: string }) => `${p.name} dikelola oleh ${p.agency} dan diprakarsai oleh ${p.owner}.`,
  resourceBudget: 'Anggaran:',
  resourceStaff: 'SDM:',
  resourceMethod: 'Metode:',
  resourceTools: 'Sarana dan peralatan:',
  institutional: 'Keberlanjutan kelembagaan.',
  managerial: 'Keberlanjutan manajerial.',
  social: 'Keberlanjutan sosial.',
  responsibleAgency: (p: { name: string; agency: string }) => `${p.name} berada di bawah tanggung jawab ${p.agency}.`,
  socialNetwork: (p: { people: number; agencies: number }) =>
    p.people === 1
      ? 'Jejaring dukungan mulai terbentuk di forum Warkop Indah: seorang ASN menyatakan dukungan.'
      : p.agencies > 1
      ? `Jejaring dukungan sudah terbentuk di forum Warkop Indah: ${p.people} ASN dari ${p.agencies} perangkat daerah.`
      : `Jejaring dukungan mulai terbentuk di forum Warkop Indah: ${p.people} ASN menyatakan dukungan.`,
  genericFacts: 'Data dari forum yang dapat dipakai untuk bagian ini:',

  // ---- notes for the innovator (shown as [Lengkapi: …])
  todo: {
    summaryImpact: 'satu atau dua angka dampak utama, misalnya kondisi sebelum dan sesudah penerapan',
    problem: 'uraikan masalah dan kondisi sebelum inovasi',
    problemMore: 'uraikan lebih rinci masalah dan kondisi sebelum inovasi',
    solutionMore: 'uraikan lebih rinci gagasan inovasi: apa yang dilakukan, oleh siapa, dan untuk siapa',
    baseline: 'data kondisi awal — angka sebelum inovasi (misalnya waktu layanan, jumlah kasus, cakupan) beserta sumber dan tahunnya',
    affected: 'siapa yang terdampak masalah ini dan berapa jumlahnya',
    goals: 'tujuan yang terukur, misalnya “menurunkan waktu layanan dari … hari menjadi … hari pada tahun …”',
    solution: 'uraikan gagasan inovasi: apa yang dilakukan, oleh siapa, dan untuk siapa',
    kind: 'bentuk inovasi (tata kelola atau pelayanan publik) dan jenisnya (digital atau non-digital)',
    novelty: 'apa yang baru atau unik — bandingkan dengan cara lama dan dengan inovasi serupa di daerah lain',
    steps: 'langkah-langkah pelaksanaan, tim pelaksana, wilayah dan sasaran, serta kendala dan cara mengatasinya',
    beforeAfter: 'isi data sebelum/sesudah — angka kondisi sebelum inovasi dan sesudah penerapan untuk indikator yang sama, misalnya waktu layanan, jumlah penerima manfaat, atau biaya',
    measurement: 'cara mengukur dampak (survei, data layanan, evaluasi) dan sumber datanya',
    story: 'kisah atau testimoni penerima manfaat',
    replicatedWho: 'siapa yang mereplikasi, di mana, dan sejak kapan',
    replicatedIfAny: 'bila sudah ada yang meniru inovasi ini, sebutkan siapa, di mana, dan sejak kapan; bila belum, tulis rencana replikasinya',
    requirements: 'syarat minimal untuk meniru inovasi ini (biaya, SDM, regulasi, peralatan) dan calon pengadopsinya',
    budget: 'besar dan sumber anggaran, misalnya APBD, DAK, dana desa, atau CSR',
    staff: 'jumlah dan peran petugas yang terlibat',
    method: 'metode kerja yang dipakai',
    tools: 'sarana dan peralatan yang dipakai',
    toolsDigital: 'sarana dan peralatan, termasuk aplikasi, server, dan perangkat yang dipakai',
    regulation: (agency: string) =>
      `regulasi yang menaungi inovasi, misalnya SK Kepala ${agency}, Peraturan Bupati, atau peraturan desa, beserta nomor dan tahunnya`,
    management: 'penanggung jawab dan tim, SOP yang berlaku, serta cara menjaga mutu (monitoring dan evaluasi)',
    stakeholders: 'pemangku kepentingan (masyarakat, desa, swasta, media) dan peran masing-masing',
    category: 'kategori sesuai pedoman tahun berjalan',
    video: 'tautan video profil inovasi',
    sdgs: 'tujuan SDGs yang didukung',
    startedOn: 'tanggal mulai penerapan',
  },

  // ---- header and warnings
  notRecorded: 'belum tercatat di forum',
  finalist: (list: string) => `Ya — ${list}`,
  notFinalist: 'Tidak tercatat',
  warnNotImplemented: (years: number) =>
    `Inovasi ini belum tercatat diterapkan. Proposal ${years > 0 ? `mensyaratkan penerapan minimal ${years} tahun` : 'mensyaratkan inovasi yang sudah diterapkan'}; periksa kembali sebelum mendaftar.`,
  warnTooYoung: (p: { years: number; since: string; eligible: string }) =>
    `Inovasi ini diterapkan sejak ${p.since}; syarat penerapan minimal ${p.years} tahun baru terpenuhi pada ${p.eligible}.`,

  // ---- the Word document
  doc: {
    title: (name: string) => `Draf proposal: ${name}`,
    subtitle: (p: { layout: string; version: number }) => `${p.layout} · draf v${p.version}`,
    generated: (p: { date: string; source: string }) => `Disusun ${p.date} oleh bot Warkop Indah (${p.source}).`,
    sourceTemplate: 'template',
    sourceModel: (model: string) => `model ${model}`,
    howTo:
      'Ini draf awal, bukan naskah akhir. Teks bertanda [Lengkapi: …] adalah catatan tentang data yang harus Anda tambahkan; hapus catatannya setelah diisi. Jumlah kata di bawah tidak menghitung catatan tersebut.',
    header: 'Data isian',
    warnings: 'Perhatian',
    limits: (p: { max: number; weight: number; words: number }) => `Batas ${p.max} kata · bobot ${p.weight}% · draf ini ${p.words} kata`,
    partLimits: (p: { max: number; words: number }) => `Batas ${p.max} kata · draf ini ${p.words} kata`,
    guidance: 'Panduan: ',
  },
};

export type Phrases = typeof phrasesId;

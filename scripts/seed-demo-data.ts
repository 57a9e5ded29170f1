/**
 * Sample data for the playground: people from a dozen perangkat daerah and ideas at every stage.
 * Getar Dilan, Rompi KPK, Peta Baper and ANC Hipnoterapi are the forum's real examples
 * (../shared/DOMAIN.md); the rest, the people and every result below are invented for the demo.
 */
import type { AwardLevel, Competition, IdeaForm, Role, Stage } from '../src/db/schema/index.js';

/** Telegram ids of demo people: far from the playground's own (100000001…), so nobody is both. */
export const DEMO_ID_BASE = 200_000_000;

export interface DemoMember {
  key: string;
  firstName: string;
  fullName: string;
  username: string;
  agency: string; // short name
  role?: Role;
  language?: 'id' | 'en';
}

export const demoMembers: DemoMember[] = [
  { key: 'rahmat', firstName: 'Rahmat', fullName: 'Rahmat Hidayat, S.STP., M.Si.', username: 'rahmat_org', agency: 'Organisasi', role: 'coordinator' },
  { key: 'nurul', firstName: 'Nurul', fullName: 'Nurul Fadhilah, S.AP.', username: 'nurulfadhilah', agency: 'Organisasi', role: 'coordinator' },
  { key: 'andi', firstName: 'Andi', fullName: 'Andi Rahmawati, S.Sos.', username: 'andirahma', agency: 'DKP' },
  { key: 'syamsul', firstName: 'Syamsul', fullName: 'Syamsul Bahri, S.P.', username: 'syamsul_dkp', agency: 'DKP' },
  { key: 'hasnah', firstName: 'Hasnah', fullName: 'Hasnah Ilyas, S.H.', username: 'hasnah_insp', agency: 'Inspektorat' },
  { key: 'yusuf', firstName: 'Yusuf', fullName: 'Muh. Yusuf Tandi, S.T., M.T.', username: 'yusuftandi', agency: 'Bappelitbangda' },
  { key: 'rini', firstName: 'Rini', fullName: 'Rini Pabottingi, S.Kom.', username: 'rinipb', agency: 'Bappelitbangda' },
  { key: 'sitti', firstName: 'Sitti', fullName: 'dr. Sitti Aminah', username: 'dr_sitti', agency: 'Dinkes' },
  { key: 'marlina', firstName: 'Marlina', fullName: 'Marlina, S.Tr.Keb.', username: 'bidan_marlina', agency: 'Dinkes' },
  { key: 'agus', firstName: 'Agus', fullName: 'Agus Salim, S.Kep., Ns.', username: 'agus_rsud', agency: 'RSUD Andi Djemma' },
  { key: 'fitri', firstName: 'Fitri', fullName: 'Fitriani Baso, S.Pd., M.Pd.', username: 'fitribaso', agency: 'Disdikbud' },
  { key: 'irwan', firstName: 'Irwan', fullName: 'Irwan Kadir, S.Kom.', username: 'irwan_kominfo', agency: 'Diskominfo', language: 'en' },
  { key: 'dewi', firstName: 'Dewi', fullName: 'Dewi Lestari, S.E.', username: 'dewi_capil', agency: 'Disdukcapil' },
  { key: 'wahyuni', firstName: 'Wahyuni', fullName: 'Sri Wahyuni, S.Psi.', username: 'yuni_dp3a', agency: 'DP3A' },
  { key: 'baharuddin', firstName: 'Baharuddin', fullName: 'Baharuddin, S.Sos.', username: 'bahar_masamba', agency: 'Kec. Masamba' },
  { key: 'hendra', firstName: 'Hendra', fullName: 'Hendra Gunawan, S.IP.', username: 'hendra_sabbang', agency: 'Kec. Sabbang' },
  { key: 'ratna', firstName: 'Ratna', fullName: 'Ratna Sari, S.Sos.', username: 'ratna_dinsos', agency: 'Dinsos' },
  { key: 'arman', firstName: 'Arman', fullName: 'Arman Pratama, S.T.', username: 'arman_bpbd', agency: 'BPBD' },
  { key: 'nirwana', firstName: 'Nirwana', fullName: 'Nirwana Amir, S.Hut.', username: 'nirwana_dlh', agency: 'DLH' },
  { key: 'ilham', firstName: 'Ilham', fullName: 'Ilham Syahrir, S.E.', username: 'ilham_ptsp', agency: 'DPMPTSP' },
];

export interface DemoIdea {
  key: string;
  name: string;
  expansion: string | null;
  owner: string; // member key
  problem: string;
  solution: string;
  beneficiaries: string;
  form: IdeaForm;
  digital: boolean;
  /** The path it took, oldest first, with days ago and who moved it (member key) and why. */
  history: Array<{ stage: Stage; daysAgo: number; by: string; note?: string }>;
  supporters: string[];
  comments: Array<{ by: string; daysAgo: number; text: string }>;
  awards?: Array<{ level: AwardLevel; competition: Competition; year: number; result: string }>;
}

export const demoIdeas: DemoIdea[] = [
  {
    key: 'getar-dilan',
    name: 'Getar Dilan',
    expansion: 'Gerakan Tanam Sayur di Lahan Pekarangan',
    owner: 'andi',
    problem: 'Harga sayur naik setiap musim hujan dan banyak keluarga di desa kekurangan asupan sayur, padahal pekarangan rumah dibiarkan kosong.',
    solution: 'Kelompok wanita tani dibina menanam sayur di pekarangan dengan bibit dari kebun bibit desa, dan hasilnya dijual di pasar tani mingguan.',
    beneficiaries: 'Keluarga di desa rawan pangan, kelompok wanita tani',
    form: 'public_service',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 1150, by: 'andi' },
      { stage: 'discussed', daysAgo: 1120, by: 'rahmat', note: 'Dibahas di Warkop Indah; disarankan mulai di dua desa.' },
      { stage: 'initiative', daysAgo: 1090, by: 'rahmat' },
      { stage: 'trial', daysAgo: 1000, by: 'rahmat', note: 'Uji coba di Desa Baebunta dan Desa Lantang Tallang.' },
      { stage: 'implemented', daysAgo: 760, by: 'nurul', note: 'Diperluas ke 24 desa dengan SK Kepala Dinas.' },
    ],
    supporters: ['syamsul', 'sitti', 'marlina', 'yusuf', 'baharuddin', 'ratna', 'fitri'],
    comments: [
      { by: 'syamsul', daysAgo: 1100, text: 'Kebun bibit desa bisa memakai lahan kantor desa.' },
      { by: 'sitti', daysAgo: 900, text: 'Puskesmas siap membantu penyuluhan gizi untuk ibu hamil di desa uji coba.' },
    ],
    awards: [
      { level: 'kabupaten', competition: 'other', year: 2023, result: 'Top 7 seleksi inovasi kabupaten' },
      { level: 'provinsi', competition: 'JIPP', year: 2023, result: 'Top 30 KIPP Provinsi Sulawesi Selatan' },
    ],
  },
  {
    key: 'rompi-kpk',
    name: 'Rompi KPK',
    expansion: 'Kelas Pencegahan Korupsi',
    owner: 'hasnah',
    problem: 'Temuan pemeriksaan berulang di desa karena perangkat desa belum memahami aturan pengelolaan keuangan.',
    solution: 'Kelas rutin pencegahan korupsi bagi kepala desa dan bendahara, dengan studi kasus temuan nyata dan klinik konsultasi.',
    beneficiaries: 'Kepala desa, bendahara desa, masyarakat desa',
    form: 'governance',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 800, by: 'hasnah' },
      { stage: 'discussed', daysAgo: 780, by: 'rahmat' },
      { stage: 'initiative', daysAgo: 740, by: 'rahmat' },
      { stage: 'trial', daysAgo: 650, by: 'nurul', note: 'Angkatan pertama: 30 desa.' },
      { stage: 'implemented', daysAgo: 420, by: 'nurul' },
    ],
    supporters: ['yusuf', 'baharuddin', 'hendra', 'ilham'],
    comments: [{ by: 'baharuddin', daysAgo: 640, text: 'Kecamatan Masamba siap menjadi lokasi angkatan kedua.' }],
    awards: [{ level: 'kabupaten', competition: 'other', year: 2024, result: 'Inovasi terbaik kategori tata kelola' }],
  },
  {
    key: 'peta-baper',
    name: 'Peta Baper',
    expansion: 'Pemetaan Berbasis Partisipatif',
    owner: 'yusuf',
    problem: 'Data sarana desa untuk perencanaan tidak mutakhir, sehingga usulan musrenbang sering tidak tepat sasaran.',
    solution: 'Warga dan pemuda desa memetakan sarana dan masalah desa dengan ponsel; hasilnya menjadi peta dasar musrenbang.',
    beneficiaries: 'Pemerintah desa, Bappelitbangda, warga',
    form: 'governance',
    digital: true,
    history: [
      { stage: 'pitched', daysAgo: 500, by: 'yusuf' },
      { stage: 'discussed', daysAgo: 470, by: 'rahmat' },
      { stage: 'initiative', daysAgo: 430, by: 'rahmat' },
      { stage: 'trial', daysAgo: 300, by: 'nurul', note: 'Uji coba di 5 desa Kecamatan Sabbang.' },
    ],
    supporters: ['rini', 'irwan', 'hendra', 'arman'],
    comments: [
      { by: 'irwan', daysAgo: 460, text: 'Diskominfo bisa menyediakan server peta.' },
      { by: 'hendra', daysAgo: 280, text: 'Pemuda di Sabbang antusias, tetapi sinyal di dusun atas lemah.' },
    ],
  },
  {
    key: 'anc-hipnoterapi',
    name: 'ANC Hipnoterapi',
    expansion: 'Antenatal Care dengan Hipnoterapi',
    owner: 'marlina',
    problem: 'Ibu hamil cemas menjelang persalinan dan banyak yang tidak menuntaskan kunjungan pemeriksaan kehamilan.',
    solution: 'Kelas ibu hamil di puskesmas ditambah sesi relaksasi hipnoterapi oleh bidan terlatih pada setiap kunjungan antenatal.',
    beneficiaries: 'Ibu hamil dan keluarganya',
    form: 'public_service',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 1300, by: 'marlina' },
      { stage: 'discussed', daysAgo: 1280, by: 'rahmat' },
      { stage: 'initiative', daysAgo: 1250, by: 'rahmat' },
      { stage: 'trial', daysAgo: 1150, by: 'rahmat' },
      { stage: 'implemented', daysAgo: 900, by: 'nurul' },
      { stage: 'replicated', daysAgo: 300, by: 'nurul', note: 'Diadopsi puskesmas di dua kabupaten tetangga.' },
    ],
    supporters: ['sitti', 'agus', 'wahyuni', 'fitri', 'ratna'],
    comments: [{ by: 'agus', daysAgo: 880, text: 'RSUD bisa merujuk ibu hamil risiko tinggi ke kelas ini.' }],
    awards: [
      { level: 'provinsi', competition: 'JIPP', year: 2022, result: 'Top 30 KIPP Provinsi Sulawesi Selatan' },
      { level: 'nasional', competition: 'KIPP', year: 2023, result: 'Top 99 KIPP' },
    ],
  },
  {
    key: 'ojek-dokumen',
    name: 'Ojek Dokumen',
    expansion: 'Antar Jemput Dokumen Kependudukan ke Desa',
    owner: 'baharuddin',
    problem: 'Warga dusun jauh harus menempuh perjalanan sehari ke kecamatan untuk mengurus dokumen kependudukan.',
    solution: 'Petugas kecamatan menjemput berkas di kantor desa setiap Selasa dan mengantar dokumen jadi pada minggu berikutnya.',
    beneficiaries: 'Warga desa terpencil',
    form: 'public_service',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 620, by: 'baharuddin' },
      { stage: 'discussed', daysAgo: 600, by: 'nurul' },
      { stage: 'initiative', daysAgo: 570, by: 'nurul' },
      { stage: 'trial', daysAgo: 500, by: 'nurul' },
      { stage: 'implemented', daysAgo: 330, by: 'rahmat' },
    ],
    supporters: ['dewi', 'hendra', 'ratna'],
    comments: [{ by: 'dewi', daysAgo: 590, text: 'Disdukcapil bisa melatih petugas kecamatan memeriksa kelengkapan berkas.' }],
  },
  {
    key: 'sipandu',
    name: 'SIPANDU',
    expansion: 'Sistem Pelayanan Administrasi Kependudukan Terpadu',
    owner: 'dewi',
    problem: 'Antrean panjang di kantor Disdukcapil karena berkas sering kurang lengkap.',
    solution: 'Pendaftaran dan pemeriksaan berkas lewat WhatsApp dan web; warga datang hanya untuk mengambil dokumen.',
    beneficiaries: 'Warga yang mengurus KTP, KK dan akta',
    form: 'public_service',
    digital: true,
    history: [
      { stage: 'pitched', daysAgo: 240, by: 'dewi' },
      { stage: 'discussed', daysAgo: 220, by: 'rahmat' },
      { stage: 'initiative', daysAgo: 190, by: 'rahmat' },
      { stage: 'trial', daysAgo: 90, by: 'dewi' },
    ],
    supporters: ['irwan', 'baharuddin', 'ilham'],
    comments: [{ by: 'irwan', daysAgo: 200, text: 'Gunakan layanan WhatsApp resmi pemda agar nomor tidak berganti-ganti.' }],
  },
  {
    key: 'mpp-keliling',
    name: 'MPP Keliling',
    expansion: 'Mal Pelayanan Publik Keliling',
    owner: 'ilham',
    problem: 'Layanan perizinan terpusat di Masamba, jauh dari kecamatan di wilayah pegunungan.',
    solution: 'Mobil layanan membawa loket perizinan, kependudukan dan BPJS ke kecamatan secara bergiliran.',
    beneficiaries: 'Pelaku usaha dan warga di kecamatan jauh',
    form: 'public_service',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 160, by: 'ilham' },
      { stage: 'discussed', daysAgo: 140, by: 'nurul' },
      { stage: 'initiative', daysAgo: 100, by: 'nurul' },
    ],
    supporters: ['dewi', 'hendra'],
    comments: [],
  },
  {
    key: 'lapor-ceban',
    name: 'Lapor Ceban',
    expansion: 'Lapor Cepat Bencana',
    owner: 'arman',
    problem: 'Laporan banjir dan longsor dari desa sampai terlambat karena berantai lewat telepon.',
    solution: 'Relawan desa melapor dengan foto dan lokasi melalui bot Telegram; BPBD menerima peta kejadian seketika.',
    beneficiaries: 'Warga di daerah rawan banjir dan longsor',
    form: 'public_service',
    digital: true,
    history: [
      { stage: 'pitched', daysAgo: 75, by: 'arman' },
      { stage: 'discussed', daysAgo: 60, by: 'rahmat', note: 'Perlu pelatihan relawan dan uji sinyal di Rongkong dan Seko.' },
    ],
    supporters: ['irwan', 'yusuf', 'nirwana', 'hendra'],
    comments: [
      { by: 'yusuf', daysAgo: 58, text: 'Bisa disambungkan dengan peta dari Peta Baper.' },
      { by: 'nirwana', daysAgo: 40, text: 'DLH ingin ikut memakai untuk laporan pembalakan liar.' },
    ],
  },
  {
    key: 'seradi',
    name: 'SERADI',
    expansion: 'Sekolah Ramah Anak Digital',
    owner: 'fitri',
    problem: 'Guru kesulitan memantau perundungan daring antarsiswa.',
    solution: 'Kanal pengaduan anonim bagi siswa dan pelatihan guru pendamping di setiap SMP.',
    beneficiaries: 'Siswa SMP, guru BK',
    form: 'public_service',
    digital: true,
    history: [
      { stage: 'pitched', daysAgo: 45, by: 'fitri' },
      { stage: 'discussed', daysAgo: 30, by: 'nurul' },
    ],
    supporters: ['wahyuni', 'irwan'],
    comments: [{ by: 'wahyuni', daysAgo: 28, text: 'DP3A punya konselor yang bisa mendampingi.' }],
  },
  {
    key: 'siap-nikah',
    name: 'SIAP NIKAH',
    expansion: 'Sistem Informasi Pencegahan Pernikahan Anak',
    owner: 'wahyuni',
    problem: 'Angka pernikahan usia anak masih tinggi di beberapa kecamatan.',
    solution: 'Pendataan remaja berisiko bersama KUA dan desa, dengan konseling keluarga sebelum dispensasi nikah.',
    beneficiaries: 'Remaja dan keluarganya',
    form: 'other',
    digital: true,
    history: [{ stage: 'pitched', daysAgo: 20, by: 'wahyuni' }],
    supporters: ['ratna', 'fitri', 'sitti'],
    comments: [],
  },
  {
    key: 'posyandu-keliling',
    name: 'Posyandu Keliling',
    expansion: null,
    owner: 'sitti',
    problem: 'Cakupan penimbangan balita rendah di dusun yang jauh dari posyandu.',
    solution: 'Kader posyandu bergilir mendatangi dusun dengan timbangan dan buku KIA setiap bulan.',
    beneficiaries: 'Balita dan ibu di dusun terpencil',
    form: 'public_service',
    digital: false,
    history: [{ stage: 'pitched', daysAgo: 12, by: 'sitti' }],
    supporters: ['marlina'],
    comments: [],
  },
  {
    key: 'bank-sampah',
    name: 'Baskol',
    expansion: 'Bank Sampah Sekolah',
    owner: 'nirwana',
    problem: 'Sampah plastik di sekolah dibakar atau dibuang ke sungai.',
    solution: 'Siswa menabung sampah terpilah; hasil penjualan menjadi tabungan siswa dan dana kegiatan lingkungan.',
    beneficiaries: 'Siswa SD dan SMP, warga sekitar sekolah',
    form: 'other',
    digital: false,
    history: [
      { stage: 'pitched', daysAgo: 210, by: 'nirwana' },
      { stage: 'discussed', daysAgo: 190, by: 'rahmat' },
      { stage: 'initiative', daysAgo: 150, by: 'rahmat' },
    ],
    supporters: ['fitri'],
    comments: [{ by: 'fitri', daysAgo: 185, text: 'Disdikbud bisa memasukkannya ke program Adiwiyata.' }],
  },
  {
    key: 'e-arsip-desa',
    name: 'E-Arsip Desa',
    expansion: null,
    owner: 'rini',
    problem: 'Arsip desa rusak karena disimpan di lemari lembap.',
    solution: 'Pemindaian arsip desa dan penyimpanan di server kabupaten.',
    beneficiaries: 'Pemerintah desa',
    form: 'governance',
    digital: true,
    history: [
      { stage: 'pitched', daysAgo: 400, by: 'rini' },
      { stage: 'discussed', daysAgo: 380, by: 'nurul' },
      { stage: 'archived', daysAgo: 350, by: 'nurul', note: 'Digantikan aplikasi nasional SRIKANDI; desa diarahkan ke sana.' },
    ],
    supporters: [],
    comments: [{ by: 'irwan', daysAgo: 360, text: 'Sebaiknya tunggu integrasi SRIKANDI agar tidak dobel.' }],
  },
  {
    key: 'sapa-lansia',
    name: 'Sapa Lansia',
    expansion: null,
    owner: 'ratna',
    problem: 'Lansia yang tinggal sendiri tidak terpantau kesehatannya.',
    solution: 'Pendamping desa menelepon dan mengunjungi lansia tunggal secara terjadwal, berkoordinasi dengan puskesmas.',
    beneficiaries: 'Lansia yang tinggal sendiri',
    form: 'public_service',
    digital: false,
    history: [{ stage: 'pitched', daysAgo: 5, by: 'ratna' }],
    supporters: [],
    comments: [],
  },
];

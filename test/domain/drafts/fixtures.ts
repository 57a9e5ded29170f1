import type { DraftSources } from '../../../src/domain/drafts/sources.js';

const at = (iso: string) => new Date(iso);

/** An idea with every field filled and a history: what a mature innovation looks like in the forum. */
export function completeSources(): DraftSources {
  return {
    idea: {
      id: 7,
      name: 'Getar Dilan',
      expansion: 'Gerakan Tanam Sayur di Lahan Pekarangan',
      problem:
        'Angka stunting di Kecamatan Sabbang tinggi dan banyak keluarga tidak mampu membeli sayur setiap hari. Lahan pekarangan rumah dibiarkan kosong.',
      solution:
        'Kader PKK dan penyuluh pertanian mendampingi keluarga menanam sayur di pekarangan dengan bibit gratis dari Dinas Ketahanan Pangan, lalu hasilnya dipantau setiap bulan di posyandu.',
      beneficiaries: 'keluarga dengan balita berisiko stunting di 12 desa',
      summary: null,
      form: 'public_service',
      digital: false,
      stage: 'implemented',
      trialStartedOn: '2022-03-01',
      implementedOn: '2023-01-15',
      archivedReason: null,
      createdAt: at('2021-10-05T02:00:00Z'),
    },
    agency: { id: 10, name: 'Dinas Ketahanan Pangan', shortName: 'DKP' },
    owner: { name: 'Andi Rahmawati, S.P.' },
    history: [
      { stage: 'discussed', at: at('2021-11-04T02:00:00Z'), note: null },
      { stage: 'initiative', at: at('2021-12-02T02:00:00Z'), note: 'Disepakati bersama Dinkes untuk fokus ke desa lokus stunting.' },
      { stage: 'trial', at: at('2022-03-01T02:00:00Z'), note: null },
      { stage: 'implemented', at: at('2023-01-15T02:00:00Z'), note: null },
    ],
    supporters: [
      { name: 'Budi', agencyId: 10, agency: 'DKP' },
      { name: 'Citra', agencyId: 11, agency: 'Dinkes' },
      { name: 'Dedi', agencyId: 12, agency: 'DPMD' },
      { name: 'Eka', agencyId: 11, agency: 'Dinkes' },
    ],
    comments: [
      { author: 'Citra', agency: 'Dinkes', text: 'Data posyandu bisa dipakai untuk mengukur perubahan berat badan balita sebelum dan sesudah program.', at: at('2021-11-05T02:00:00Z') },
      { author: 'Dedi', agency: 'DPMD', text: 'Dana desa bisa mendukung bibit dan pupuk kalau desa memasukkannya ke RKPDes.', at: at('2021-11-06T02:00:00Z') },
      { author: 'Budi', agency: 'DKP', text: 'Setuju!', at: at('2021-11-07T02:00:00Z') },
    ],
    awards: [{ competition: 'KIPP', level: 'provinsi', year: 2024, result: 'Top 30' }],
    minutes: [{ date: at('2021-11-04T02:00:00Z'), text: 'Getar Dilan dipresentasikan; peserta meminta data stunting per desa.' }],
  };
}

/** A freshly pitched idea: a name and a line of problem, nothing else. */
export function sparseSources(): DraftSources {
  return {
    idea: {
      id: 8,
      name: 'Rompi KPK',
      expansion: null,
      problem: 'ASN belum paham gratifikasi',
      solution: null,
      beneficiaries: null,
      summary: null,
      form: null,
      digital: null,
      stage: 'pitched',
      trialStartedOn: null,
      implementedOn: null,
      archivedReason: null,
      createdAt: at('2026-11-20T02:00:00Z'),
    },
    agency: { id: 3, name: 'Inspektorat', shortName: 'Inspektorat' },
    owner: { name: 'Sri' },
    history: [],
    supporters: [],
    comments: [],
    awards: [],
    minutes: [],
  };
}

/**
 * An idea pitched in one line in a group (`/usul Sapa Lansia — …`), then supported, commented on,
 * moved to "dibahas" with a note and named in a session's minutes: what the demo script does.
 */
export function oneLineSources(): DraftSources {
  return {
    idea: {
      id: 1,
      name: 'Sapa Lansia',
      expansion: null,
      problem: null,
      solution: null,
      beneficiaries: null,
      summary: 'lansia yang tinggal sendiri tidak terpantau; pendamping desa menyapa mereka tiap minggu',
      form: null,
      digital: null,
      stage: 'initiative',
      trialStartedOn: null,
      implementedOn: null,
      archivedReason: null,
      createdAt: at('2026-11-30T01:05:00Z'),
    },
    agency: { id: 11, name: 'Dinas Kesehatan', shortName: 'Dinkes' },
    owner: { name: 'Ana Lestari, S.Sos.' },
    history: [
      { stage: 'discussed', at: at('2026-11-30T02:00:00Z'), note: 'Dibahas pada Warkop Indah bulan November' },
      { stage: 'initiative', at: at('2026-11-30T02:01:00Z'), note: null },
    ],
    supporters: [{ name: 'Citra Dewi, S.Kep.', agencyId: 20, agency: 'RSUD' }],
    comments: [
      { author: 'Citra Dewi, S.Kep.', agency: 'RSUD', text: 'Di RSUD kami banyak pasien lansia yang pulang tanpa pendamping, ide ini membantu.', at: at('2026-11-30T01:10:00Z') },
    ],
    awards: [],
    minutes: [{ date: at('2026-12-02T02:00:00Z'), text: 'Sapa Lansia disepakati untuk dirancang bersama Dinas Sosial dan DPMD.' }],
  };
}

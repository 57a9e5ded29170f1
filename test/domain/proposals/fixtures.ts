import type { DraftSources } from '../../../src/domain/proposals/sources.js';

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

/**
 * Words people use for an agency instead of its name: "puskesmas" → Dinas Kesehatan. Editable:
 * each word (lower case, matched as a whole word of the query) names agencies by short name.
 * A short name that is not in the database (renamed, deactivated) simply finds nothing.
 */
export const AGENCY_ALIASES: Record<string, string[]> = {
  puskesmas: ['Dinkes'],
  pustu: ['Dinkes'],
  posyandu: ['Dinkes'],
  'rumah sakit': ['RSUD Andi Djemma'],
  rs: ['RSUD Andi Djemma'],
  rsud: ['RSUD Andi Djemma'],
  sekolah: ['Disdikbud'],
  guru: ['Disdikbud'],
  ktp: ['Disdukcapil'],
  kk: ['Disdukcapil'],
  'akta kelahiran': ['Disdukcapil'],
  capil: ['Disdukcapil'],
  pajak: ['Bapenda'],
  kepegawaian: ['BKPSDM'],
  bencana: ['BPBD'],
  desa: ['DPMD'],
  perizinan: ['DPMPTSP'],
  izin: ['DPMPTSP'],
  kominfo: ['Diskominfo'],
  sampah: ['DLH'],
  pasar: ['Disperindag'],
  umkm: ['Diskop UKM'],
  pertanian: ['Distan'],
  nelayan: ['Diskan'],
  bappeda: ['Bappelitbangda'],
  bapperida: ['Bappelitbangda'],
};

/** Short names the query's words point to through an alias. */
export function aliasShortNames(text: string): string[] {
  const query = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const out = new Set<string>();
  for (const [alias, shortNames] of Object.entries(AGENCY_ALIASES)) {
    if (query.includes(` ${alias} `)) for (const s of shortNames) out.add(s);
  }
  return [...out];
}

import { openDatabase, type Database } from '../../src/db/client.js';
import { seedAgencies } from '../../src/domain/agencies.js';
import type { BenchDatabase } from './lib.js';

/**
 * Test data for the scenarios, written straight into the bench database with set-based SQL
 * (generate_series), so 100,000 ideas take seconds rather than minutes. Everything is
 * deterministic: the same sizes give the same rows on both engines.
 */

/** Telegram ids of bench members: BENCH_USER_BASE + n (n from 1). */
export const BENCH_USER_BASE = 500_000_000;
export const memberTelegramId = (n: number) => BENCH_USER_BASE + n;

/**
 * Words the generated ideas are made of. Each idea is about one topic (five topical words, as
 * "posyandu gizi balita stunting bidan"), and the rest of its text is common words, so a topical
 * word matches a few percent of the ideas and a common word most of them, as in a real forum.
 */
const COMMON = `warga desa layanan program kegiatan pemerintah daerah kabupaten kecamatan kantor petugas data informasi
  waktu biaya cepat mudah murah aman terbuka gratis keliling terpadu pelatihan kader relawan masyarakat keluarga anak
  perempuan pemuda lansia sekolah kerja usaha modal rumah jalan air digital aplikasi laporan hasil mutu standar tim`
  .split(/\s+/)
  .filter(Boolean);
const TOPICAL = `posyandu gizi balita stunting bidan sampah bank_sampah daur kompos plastik sawah irigasi pupuk bibit petani
  nelayan tambak ikan perahu pelabuhan kakao durian sagu cengkeh pala akta kelahiran kependudukan nikah dokumen
  perpustakaan buku literasi baca dongeng banjir longsor bencana evakuasi siaga pasar harga pangan lumbung beras
  pajak retribusi aset anggaran kas arsip surat naskah disposisi tanda_tangan izin perizinan investasi umkm koperasi
  vaksin ternak sapi kambing ayam listrik surya tenaga jaringan lampu sanitasi jamban drainase limbah mck hutan pohon
  bakau reboisasi satwa wisata pantai danau kuliner cendera tenun anyaman rotan bambu kerajinan guru murid kelas
  ijazah beasiswa ambulans klinik obat apotek rujukan absensi disiplin kinerja pegawai asn pengaduan korupsi
  transparansi mediasi hukum sertifikat tanah batas sengketa peta angkutan ojek terminal lalu_lintas parkir musrenbang
  survei indeks kepuasan partisipasi madu lebah hasil_hutan getah damar kopi arabika sangrai kemasan ekspor internet
  sinyal menara wifi telepon disabilitas kursi_roda isyarat inklusi pendamping`
  .split(/\s+/)
  .filter(Boolean)
  .map((w) => w.replace(/_/g, ' '));

/** Acronym-like syllables for idea names (Getar Dilan, Rompi KPK …). */
const SYLLABLES = `ge tar di lan rom pi pe ta ba per si ma ja ri ka sa mu la ra na bu ko de wi ti go lo ha tu se ba ru an da
  ku nci pin tar ce pat se hat su per mak nyus lin tas bi jak ca kap`
  .split(/\s+/)
  .filter(Boolean);

const sqlArray = (items: string[]) => `array[${items.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface SeedSizes {
  /** Total agencies (the committed list, topped up with generated ones). */
  agencies?: number;
  members: number;
  ideas: number;
  sessions?: number;
  /** Future sessions among them (the rest lie in the past and are done). */
  futureSessions?: number;
  /** RSVPs per future session (members answering "yes"). */
  rsvpsPerSession?: number;
  /** Years the ideas' creation dates spread over (ending now). */
  years?: number;
}

export interface Seeded {
  agencyIds: number[];
  /** members.id of member n is memberIds[n - 1]. */
  memberIds: number[];
  ideaIds: { first: number; last: number };
  futureSessionIds: number[];
}

/** Opens the bench database in this process (migrating it), runs `fn`, closes it again (PGlite is single-process). */
export async function withDatabase<T>(bench: BenchDatabase, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: bench.url, dataDir: bench.dataDir, poolSize: 4 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function seedAgencyList(database: Database, total = 0): Promise<number[]> {
  await seedAgencies(database.db);
  const [{ n }] = (await database.query<{ n: number }>('select count(*)::int as n from agencies')) as [{ n: number }];
  if (total > n) {
    await database.query(
      `insert into agencies (name, short_name) select 'Perangkat Daerah Uji ' || g, 'PD Uji ' || g from generate_series(1, $1::int) g`,
      [total - n],
    );
  }
  return (await database.query<{ id: number }>('select id from agencies order by id')).map((r) => Number(r.id));
}

/** Registered members 1..count (telegram id BENCH_USER_BASE + n), spread over the agencies; member 1 is an admin. */
export async function seedMembers(database: Database, count: number): Promise<number[]> {
  await database.query(
    `with a as (select array_agg(id order by id) as ids, count(*)::int as n from agencies)
     insert into members (telegram_id, first_name, username, full_name, agency_id, role, registered_at, created_at, updated_at)
     select $1::bigint + g, 'Pengguna' || g, 'pengguna' || g, 'Pengguna Uji ' || g, a.ids[1 + (g % a.n)],
            case when g = 1 then 'admin' when g <= 3 then 'coordinator' else 'member' end,
            now() - interval '400 days', now() - interval '400 days', now() - interval '400 days'
     from generate_series(1, $2::int) g, a
     on conflict (telegram_id) do nothing`,
    [BENCH_USER_BASE, count],
  );
  const rows = await database.query<{ id: number }>(
    'select id from members where telegram_id > $1::bigint and telegram_id <= $2::bigint order by telegram_id',
    [BENCH_USER_BASE, BENCH_USER_BASE + count],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Ideas with names of two or three syllable pairs, a summary and problem/solution texts of
 * vocabulary words, created over the last `years` years, at every stage (implemented ones with
 * an implementation date), owned by members of their agency.
 */
export async function seedIdeas(database: Database, count: number, years = 3): Promise<{ first: number; last: number }> {
  const common = sqlArray(COMMON);
  const topical = sqlArray(TOPICAL);
  const syl = sqlArray(SYLLABLES);
  const nc = COMMON.length;
  const topics = Math.floor(TOPICAL.length / 5);
  const ns = SYLLABLES.length;
  // Half of an idea's words come from its topic, half are common words.
  const words = (n: number, mult: number) =>
    `array_to_string(array(select case when (g::bigint * ${mult} + k * 7) % 10 < 5
        then (${topical})[1 + (g % ${topics}) * 5 + ((g::bigint * ${mult} + k * 3) % 5)]
        else (${common})[1 + ((g::bigint * ${mult} + k * ${mult * 7 + 13} + k * k * 3) % ${nc})] end
      from generate_series(1, ${n}) k), ' ')`;
  const [before] = await database.query<{ max: number | null }>('select max(id) as max from ideas');
  const batch = 20_000;
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    await database.query(
      `with m as (select array_agg(id order by id) as ids, count(*)::int as n from members where registered_at is not null)
       insert into ideas (name, expansion, summary, problem, solution, beneficiaries, agency_id, owner_id, stage, implemented_on, support_count, comment_count, created_at, updated_at)
       select initcap(s[1 + (g * 7) % ${ns}] || s[1 + (g * 13 + 5) % ${ns}]) || ' ' || initcap(s[1 + (g * 17 + 3) % ${ns}] || s[1 + (g * 29 + 11) % ${ns}]) || ' ' || g,
              ${words(5, 11)},
              ${words(12, 17)},
              ${words(25, 23)},
              ${words(25, 31)},
              ${words(4, 37)},
              o.agency_id, o.id, x.stage,
              case when x.stage in ('implemented', 'replicated') then (now() - ((g % ${years * 365}) || ' days')::interval + interval '200 days')::date end,
              (g * 7) % 40, (g * 3) % 9,
              now() - ((g % ${years * 365}) || ' days')::interval - ((g % 1440) || ' minutes')::interval,
              now() - ((g % ${years * 365}) || ' days')::interval
       from generate_series($1::int, $2::int) g
       cross join m
       cross join lateral (select ${syl} as s) ss
       cross join lateral (select (array['pitched','pitched','pitched','discussed','discussed','initiative','trial','implemented','replicated','archived'])[1 + (g % 10)] as stage) x
       join members o on o.id = m.ids[1 + ((g * 7919) % m.n)]`,
      [start, end],
    );
  }
  const [after] = await database.query<{ max: number | null }>('select max(id) as max from ideas');
  // The first history row, as a pitch writes it (the card shows history).
  await database.query(
    `insert into idea_stage_events (idea_id, from_stage, to_stage, actor_id, created_at)
     select id, null, 'pitched', owner_id, created_at from ideas where id > $1::int`,
    [Number(before?.max ?? 0)],
  );
  return { first: Number(before?.max ?? 0) + 1, last: Number(after?.max ?? 0) };
}

/**
 * Sessions: `future` of them start 10…(10+future) days from now and take answers; the others lay
 * in the past and are done. Each future session gets `rsvps` "yes" answers from consecutive members.
 */
export async function seedSessions(database: Database, total: number, future: number, rsvps: number): Promise<number[]> {
  const past = total - future;
  await database.query(
    `insert into sessions (title, starts_at, ends_at, place, agenda, status, uid, created_by)
     select 'Warkop Indah #' || g,
            case when g <= $2::int then now() - ((($2::int - g + 1) * 3) || ' days')::interval
                 else date_trunc('hour', now()) + ((10 + g - $2::int) || ' days')::interval end,
            case when g <= $2::int then now() - ((($2::int - g + 1) * 3) || ' days')::interval + interval '2 hours'
                 else date_trunc('hour', now()) + ((10 + g - $2::int) || ' days')::interval + interval '2 hours' end,
            'Aula Bagian Organisasi', 'Membedah usulan inovasi',
            case when g <= $2::int then 'done' else 'scheduled' end,
            'bench-' || g || '-' || md5(random()::text) || '@warkop-indah',
            (select min(id) from members)
     from generate_series(1, $1::int) g`,
    [total, past],
  );
  const ids = (await database.query<{ id: number }>(`select id from sessions where status = 'scheduled' order by id`)).map((r) => Number(r.id));
  if (rsvps > 0) {
    await database.query(
      `with m as (select array_agg(id order by id) as ids, count(*)::int as n from members where registered_at is not null)
       insert into session_rsvps (session_id, member_id, answer, answered_at)
       select s.id, m.ids[1 + ((s.id * 37 + k) % m.n)], 'yes', now()
       from sessions s cross join m cross join generate_series(1, $1::int) k
       where s.status = 'scheduled'
       on conflict do nothing`,
      [rsvps],
    );
    // Their reminders, as the RSVP path plans them (one day before at 16.00, and one hour before).
    await database.query(
      `insert into outbox (kind, ref, dedupe_key, chat_id, due_at, payload)
       select 'session.reminder', 'session:' || s.id,
              'rem:' || s.id || ':' || to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ':m' || r.member_id || ':' || o.key,
              m.telegram_id, s.starts_at - o.before,
              jsonb_build_object('sessionId', s.id, 'startsAt', to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'offset', o.key, 'memberId', r.member_id)
       from session_rsvps r join sessions s on s.id = r.session_id join members m on m.id = r.member_id
       cross join (values ('1d@16:00', interval '1 day'), ('1h', interval '1 hour')) o(key, before)
       where s.status = 'scheduled'
       on conflict (dedupe_key) do nothing`,
    );
    // Past sessions' reminders went out long ago.
    await database.query(
      `with m as (select array_agg(telegram_id order by id) as ids, count(*)::int as n from members where registered_at is not null)
       insert into outbox (kind, ref, dedupe_key, chat_id, due_at, status, processed_at, payload)
       select 'session.reminder', 'session:' || s.id, 'rem:' || s.id || ':past:' || k, m.ids[1 + ((s.id * 37 + k) % m.n)],
              s.starts_at - interval '1 hour', 'sent', s.starts_at - interval '1 hour', jsonb_build_object('sessionId', s.id)
       from sessions s cross join m cross join generate_series(1, $1::int) k
       where s.status = 'done'
       on conflict (dedupe_key) do nothing`,
      [rsvps],
    );
  }
  return ids;
}

/** Groups the bot is in and that coordinators linked (announcement and broadcast targets). */
export async function seedGroups(database: Database, groups: { id: number; title: string }[]): Promise<void> {
  for (let i = 0; i < groups.length; i += 500) {
    const part = groups.slice(i, i + 500);
    const values = part.map((_, j) => `($${j * 2 + 1}::bigint, 'supergroup', $${j * 2 + 2}::text)`).join(',');
    await database.query(`insert into chats (id, type, title) values ${values} on conflict (id) do nothing`, part.flatMap((g) => [g.id, g.title]));
    await database.query(`insert into linked_chats (chat_id) values ${part.map((_, j) => `($${j + 1}::bigint)`).join(',')} on conflict do nothing`, part.map((g) => g.id));
  }
}

/** An announcement already posted (message `messageId` in `chatId`), as the announce job records it. */
export async function seedPost(database: Database, sessionId: number, chatId: number, messageId: number): Promise<void> {
  await database.query(
    `insert into session_posts (session_id, chat_id, message_id, ics_message_id, last_edited_at) values ($1, $2, $3, $3, now() - interval '1 hour')
     on conflict do nothing`,
    [sessionId, chatId, messageId],
  );
}

/** Makes the planner's statistics current after a bulk load (as autovacuum would shortly). */
export async function analyze(database: Database): Promise<void> {
  await database.query('vacuum analyze');
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { replayLines } from '../../../src/dev/playground/cli.js';
import { Playground } from '../../../src/dev/playground/session.js';
import { LogCapture } from '../../helpers/harness.js';

/** scripts/demo.txt through the same replay the CLI uses: every step must get an answer. */
describe('scripts/demo.txt', () => {
  let dataDir: string;
  let playground: Playground;
  let transcript: string[];
  let failure: Awaited<ReturnType<typeof replayLines>>;
  const script = readFileSync('scripts/demo.txt', 'utf8').split('\n');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pg-demo-'));
    playground = await Playground.open({
      dataDir,
      env: {},
      logger: createLogger({ level: 'info', secrets: [], destination: new LogCapture(), pretty: false }),
      style: { color: false },
      firstStart: new Date('2026-11-30T01:00:00Z'),
    });
    transcript = [];
    failure = await replayLines(playground, script, { color: false }, (line) => transcript.push(line));
    // The whole demo (ten chapters, a restart-free PGlite) takes about a minute on a loaded two-core machine.
  }, 180_000);

  afterAll(async () => {
    await playground?.close('test');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs to the end without a failing line', () => {
    expect(failure).toBeUndefined();
  });

  it('gets an answer from the bot for every message typed and every button pressed', () => {
    const steps: Array<{ input: string; output: string[] }> = [];
    for (const line of transcript) {
      const prompt = / › (.*)$/.exec(line);
      if (prompt && !line.startsWith(' ')) steps.push({ input: prompt[1]!, output: [] });
      else if (line.startsWith('  ')) steps.at(-1)?.output.push(line);
    }
    expect(steps.length).toBe(script.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#')).length);
    const unanswered = steps
      .filter((s) => !/^:(user|group|topic|private|who|help|time)\b/.test(s.input)) // playground moves, not messages
      .filter((s) => !s.output.some((line) => /^ {2}(#\d+|✎ \(edited #\d+\)|↳ notice:|⚠ alert:)/.test(line)))
      .map((s) => s.input);
    expect(unanswered).toEqual([]);
  });

  it('drafts the idea pitched in one line with no empty section the idea could fill', () => {
    const text = transcript.join('\n');
    const draft = text.slice(text.lastIndexOf('📝 Sapa Lansia — draf v1'));
    const counts = [...draft.matchAll(/ — (\d+)\/\d+ kata/g)].map((m) => Number(m[1]));
    expect(counts.length).toBe(10); // 8 sections, and the two parts of the sixth
    expect(counts.filter((n) => n < 8)).toEqual([]);
    expect(draft).toContain('lansia yang tinggal sendiri tidak terpantau');
    expect(draft).toContain('Sapa Lansia disepakati untuk dirancang bersama Dinas Sosial dan DPMD');
    expect(draft).toContain('banyak pasien lansia yang pulang tanpa pendamping');
  });

  it('shows registration, help, English and back, a coordinator, a group and a deep link', () => {
    const text = transcript.join('\n');
    expect(text).toContain('Anda terdaftar sebagai anggota dari Dinas Kesehatan.');
    expect(text).toContain('Language changed to English.');
    expect(text).toContain('/help — List of commands');
    expect(text).toContain('Bahasa diubah ke Bahasa Indonesia.');
    expect(text).toContain('Peran Budi Santoso sekarang: koordinator.');
    expect(text).toMatch(/#\d+ → Budi │ Peran Anda di Warkop Indah sekarang: koordinator\./);
    expect(text).toContain('Terima kasih telah menambahkan bot Warkop Indah ke grup ini.');
    expect(text).toContain('opens your private chat with @warkop_indah_bot and sends /start daftar');
    expect(text).toContain('Anda terdaftar sebagai anggota dari RSUD Andi Djemma.');
  });
  it('shows coaching: a coach assigned, a note with the next date, and reminders to coach and owner', () => {
    const text = transcript.join('\n');
    expect(text).toContain('✅ Citra Dewi, S.Kep. kini menjadi pendamping ide #2 Getar Dilan.');
    expect(text).toMatch(/#\d+ → Citra │ 🤝 Budi Santoso menetapkan Anda sebagai pendamping ide #2 Getar Dilan\./);
    expect(text).toMatch(/#\d+ → Ana │ 📒 Catatan pendampingan baru untuk ide Anda #2 Getar Dilan dari Citra Dewi, S\.Kep\.:/);
    expect(text).toContain('🤝 Pendamping: Citra Dewi, S.Kep.');
    expect(text).toMatch(/#\d+ → Citra │ ⏰ Pengingat pendampingan ide #2 Getar Dilan: besok pukul 10\.00/);
    expect(text).toMatch(/#\d+ → Citra │ ⏰ Pengingat pendampingan ide #2 Getar Dilan: hari ini pukul 10\.00 \(1 jam lagi\)/);
    expect(text.match(/Pengingat pendampingan ide #2/g)).toHaveLength(4);
  });

  it('ends with an innovator attaching two pieces of IGA evidence from disk and downloading the ZIP', () => {
    const text = transcript.join('\n');
    expect(text).toContain('sent the file sk-bupati.pdf (677 bytes) with the caption “SK Bupati tentang Sapa Lansia”');
    expect(text).toContain('sk-bupati.pdf (677 B) tersimpan sebagai bukti indikator 16. Regulasi inovasi daerah.');
    expect(text).toContain('tersimpan sebagai bukti indikator 25. Sosialisasi inovasi.');
    expect(text).toContain('📂 Bukti dukung IGA: 2/20');
    expect(text).toContain('Bukti dukung IGA 2026 - Sapa Lansia.zip');
  });

  it('shows a competition round, a deadline reminder as the clock moves, two assessors, the ranking and the shortlist', () => {
    const text = transcript.join('\n');
    expect(text).toContain('✅ Kompetisi K1 · KIPP JIPP Sulsel 2027 dibuat.');
    expect(text).toMatch(/→ Ana +│ ⏰ K1 · KIPP JIPP Sulsel 2027: pendaftaran ditutup 1 hari lagi/);
    expect(text).toContain('Bagian bertanda [Lengkapi]: Ringkasan');
    expect(text).toContain('berasal dari perangkat daerah Anda sendiri (Dinkes)');
    expect(text).toContain('💬 Komentar untuk Latar Belakang dan Tujuan disimpan.');
    expect(text).toContain('1. C1 Sapa Lansia (Dinkes) — 83,25 · 2 penilai · selisih 5,5');
    expect(text).toContain('2. C2 Getar Dilan (Dinkes) — 79,5 · 2 penilai · selisih 27 ⚠️ penilai berbeda jauh ⬇️ di bawah ambang');
    expect(text).toMatch(/⭐ Daftar pendek KIPP JIPP Sulsel 2027 \(1 kandidat teratas menurut penilaian\):\n.*1\. Sapa Lansia \(Dinkes\)/);
    expect(text).toMatch(/→ Ana +│ 📋 Umpan balik bedah proposal/);
  });
});

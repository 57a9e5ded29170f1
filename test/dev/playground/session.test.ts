import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { Playground } from '../../../src/dev/playground/session.js';
import { LogCapture } from '../../helpers/harness.js';

const START = new Date('2026-11-30T01:00:00Z'); // Senin, 30 November 2026 · 09.00 WITA

let dataDir: string;
let open: Playground[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  open = [];
});

afterEach(async () => {
  for (const p of open) await p.close('test');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Playground> {
  const logs = new LogCapture();
  const playground = await Playground.open({
    dataDir,
    env: { TZ_NAME: 'Asia/Makassar' },
    logger: createLogger({ level: 'debug', secrets: [], destination: logs, pretty: false }),
    style: { color: false },
    firstStart: START,
    settleTimeoutMs: 15_000,
  });
  open.push(playground);
  return playground;
}

/** Replays lines like the CLI does and returns the transcript (prompt + line, then the output). */
async function replay(playground: Playground, script: string): Promise<{ transcript: string; errors: string[] }> {
  const out: string[] = [];
  const errors: string[] = [];
  for (const line of script.trim().split('\n')) {
    out.push(`${playground.prompt()}${line}`);
    const result = await playground.run(line);
    out.push(...result.lines);
    if (result.error) {
      errors.push(result.error);
      out.push(`  ✗ ${result.error}`);
    }
  }
  return { transcript: out.join('\n'), errors };
}

describe('playground engine', () => {
  it('replays a registration: the bot answers every step', async () => {
    const pg = await start();
    expect(pg.startup.join('\n')).toContain('You are Ana');
    const { transcript, errors } = await replay(
      pg,
      `/start
/daftar
Ana Lestari
kesehatan
:1
/profil`,
    );
    expect(errors).toEqual([]);
    expect(transcript).toContain('Ana › /start\n  #1 │ Selamat datang di Warkop Indah, Ana!');
    expect(transcript).toContain('Ana › /daftar\n  #2 │ Silakan ketik nama lengkap Anda');
    expect(transcript).toMatch(/Ana › Ana Lestari\n {2}#3 │ Pilih perangkat daerah tempat Anda bertugas \(halaman 1\/\d\)/);
    expect(transcript).toContain('Ana › kesehatan\n  #4 │ Hasil pencarian untuk “kesehatan”. Pilih perangkat daerah Anda:\n     │ [1] Dinkes');
    expect(transcript).toContain(
      'Ana › :1\n  ↳ pressed [1] Dinkes on #4\n  ✎ (edited #4) │ Terima kasih, Ana Lestari. Anda terdaftar sebagai anggota dari Dinas Kesehatan.',
    );
    expect(transcript).toMatch(/Ana › \/profil\n {2}#5 │ [^\n]*\n(.*\n)*.*Ana Lestari/);
    expect(transcript).toContain('[1] ');
    const [row] = await pg.app.database.db.select().from(members).where(eq(members.telegramId, pg.adminId));
    expect(row).toMatchObject({ fullName: 'Ana Lestari', role: 'admin' });
  });

  it('answers unknown commands and bad buttons with a clear message, and keeps going', async () => {
    const pg = await start();
    const steps: Array<[string, string | undefined]> = [];
    for (const line of [':frobnicate', ':1', '/bahasa', ':7', ':press 99 1', ':press 1 1', ':press 1 3', ':open', ':open 1', ':time -1h', '/start']) {
      const r = await pg.run(line);
      steps.push([line, r.error]);
    }
    expect(steps).toEqual([
      [':frobnicate', 'Unknown command :frobnicate. Type :help for the list (::frobnicate sends the text ":frobnicate").'],
      [':1', 'There is no message with buttons in this chat. (:press N M presses button M of message #N.)'],
      ['/bahasa', undefined],
      [':7', 'Message #1 has no button 7: it has 2 ([1] Bahasa Indonesia  [2] English).'],
      [':press 99 1', "There is no message #99 (numbers are the #N in front of the bot's messages)."],
      [':press 1 1', undefined],
      [':press 1 3', 'Message #1 has no buttons.'],
      [':open', 'There is no message with a link in this chat.'],
      [':open 1', 'Message #1 has no links.'],
      [':time -1h', 'The playground clock only moves forward.'],
      ['/start', undefined],
    ]);
  });

  it('switches people, groups and forum topics; the bot answers where it was addressed', async () => {
    const pg = await start();
    const { transcript, errors } = await replay(
      pg,
      `:user Budi
/start
:group Forum Warkop
/bantuan
:topic Umum
/bantuan
:user Ana
/bantuan
:topic
:private
:who`,
    );
    expect(errors).toEqual([]);
    expect(transcript).toContain('Ana › :user Budi\n  ↳ you are now Budi (new person, @budi), in your private chat with @warkop_indah_bot — like anyone new, they start with /start');
    expect(transcript).toContain('Budi › :group Forum Warkop\n  ↳ Budi created the group Forum Warkop and added @warkop_indah_bot as an admin\n  #2 │ Terima kasih telah menambahkan bot');
    expect(transcript).toContain('Budi @ Forum Warkop › /bantuan\n  #3 │ Perintah Warkop Indah (ringkas, untuk grup)');
    expect(transcript).toContain('Budi @ Forum Warkop › :topic Umum\n  ↳ Forum Warkop now has topics (it is a forum)\n  ↳ Budi opened the topic Umum in Forum Warkop\n  ↳ in Forum Warkop / Umum');
    expect(transcript).toContain('Budi @ Forum Warkop / Umum › /bantuan\n  #4 │ Perintah Warkop Indah (ringkas, untuk grup)');
    expect(transcript).toContain('Budi @ Forum Warkop / Umum › :user Ana\n  ↳ you are now Ana, in Forum Warkop / Umum');
    expect(transcript).toContain('Ana @ Forum Warkop / Umum › /bantuan\n  #5 │ Perintah Warkop Indah (ringkas, untuk grup)');
    expect(transcript).toContain('Ana @ Forum Warkop › :private');
    expect(transcript).toContain('  People: Ana (you), Budi\n  Groups: Forum Warkop (topics: Umum)');
    const group = pg.api.chats().find((c) => c.title === 'Forum Warkop')!;
    const topic = pg.api.topics(group.id)[0]!;
    expect(pg.api.botMessages(group.id, topic.message_thread_id).map((m) => m.text?.split('\n')[0])).toEqual(['Perintah Warkop Indah (ringkas, untuk grup)', 'Perintah Warkop Indah (ringkas, untuk grup)']);
  });

  it('moves the clock, wakes the scheduler and shows what the jobs sent', async () => {
    const pg = await start();
    await pg.run('/start');
    const due = new Date(START.getTime() + 2 * 3_600_000);
    let sent = false;
    pg.app.scheduler.register({
      name: 'test-reminder',
      run: async (ctx) => {
        if (sent || ctx.clock.now() < due) return 0;
        sent = true;
        await ctx.sender.call('sendMessage', { chat_id: pg.adminId, text: '<b>Pengingat</b>: sesi dimulai', parse_mode: 'HTML' });
        return 1;
      },
    });
    const early = await pg.run(':time +1h');
    expect(early.lines).toEqual(['  ↳ playground time is now Senin, 30 November 2026 · 10.00 WITA (1 h later)']);
    const late = await pg.run(':time 2026-11-30 11:30');
    expect(late.lines).toEqual(['  ↳ playground time is now Senin, 30 November 2026 · 11.30 WITA (1 h 30 min later)', '  #2 │ Pengingat: sesi dimulai']);
    expect((await pg.run(':time')).lines).toEqual(['  ↳ playground time: Senin, 30 November 2026 · 11.30 WITA']);
  });

  it('shows messages that arrive between inputs, edits and deletions, documents saved to playground-files', async () => {
    const pg = await start();
    await pg.run('/start');
    const background: string[][] = [];
    pg.onBackground((lines) => background.push(lines));
    const tg = pg.app.bot.telegram;
    const note = await tg.sendMessage(pg.adminId, 'Catatan <i>sementara</i>', { parse_mode: 'HTML' });
    await expect.poll(() => background.length).toBe(1);
    expect(background[0]).toEqual(['  #2 │ Catatan sementara']);
    // How the background lines are batched depends on timing; wait for each line, not for a batch count.
    const shown = () => background.flat();
    await tg.editMessageText(pg.adminId, note.message_id, undefined, 'Catatan final');
    await expect.poll(() => shown().some((l) => /✎ \(edited #2\).*Catatan final/.test(l))).toBe(true);
    await tg.sendDocument(pg.adminId, { source: Buffer.from('BEGIN:VCALENDAR\nEND:VCALENDAR\n'), filename: 'sesi.ics' }, { caption: 'Kalender sesi' });
    await tg.deleteMessage(pg.adminId, note.message_id);
    const file = /^ {2}#3 │ \[file: sesi\.ics, 30 B\] saved as .*playground-files\/3-sesi\.ics$/;
    await expect.poll(() => shown().includes('  ✗ (deleted #2)') && shown().some((l) => file.test(l))).toBe(true);
    const lines = shown();
    expect(lines[lines.findIndex((l) => file.test(l)) + 1]).toBe('     │ Kalender sesi');
    expect(readFileSync(join(dataDir, 'playground-files', '3-sesi.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
  });

  it('continues after a restart: same people and chats, ids not reused, old buttons still work', async () => {
    const first = await start();
    await replay(first, `/start\n:user Budi\n/start\n/bahasa\n:group Forum Warkop --forum\n:topic Umum`);
    await first.close('restart');
    open = [];
    expect(existsSync(join(dataDir, 'playground.json'))).toBe(true);

    const second = await start();
    expect(second.startup[0]).toContain('Welcome back: you are Budi, in Forum Warkop / Umum.');
    expect(second.prompt()).toBe('Budi @ Forum Warkop / Umum › ');
    // The bot still answers: a reused update id would have been dropped by its journal as a duplicate.
    const again = await second.run('/bantuan');
    expect(again.lines[0]).toBe('  #5 │ Perintah Warkop Indah (ringkas, untuk grup)');
    // Budi's language keyboard from before the restart (#3) can still be pressed, and the bot edits it.
    const pressed = await second.run(':press 3 2');
    expect(pressed.error).toBeUndefined();
    expect(pressed.lines).toEqual(['  ↳ pressed [2] English on #3', '  ✎ (edited #3) → Budi │ Language changed to English.']);
    expect((await second.run(':who')).lines.join('\n')).toContain('People: Ana, Budi (you)');
  });

  it('recovers from a lost playground.json: people and groups come back from the database, update ids move on', async () => {
    const first = await start();
    await replay(first, `/start\n:group Tim Pelaksana\n/bantuan`);
    const anaId = first.adminId;
    await first.close('restart');
    open = [];
    rmSync(join(dataDir, 'playground.json'));

    const second = await start();
    expect(second.adminId).toBe(anaId);
    // a reused update id would be dropped by the bot's journal: no answer
    expect((await second.run('/bantuan')).lines[0]).toBe('  #1 │ Perintah Warkop Indah');
    const { transcript, errors } = await replay(second, `:group Tim Pelaksana\n/instansi`);
    expect(errors).toEqual([]);
    expect(transcript).toContain('↳ in the group Tim Pelaksana');
    expect(transcript).toMatch(/Ana @ Tim Pelaksana › \/instansi\n {2}#2 │ Perangkat daerah/);
  });
});

import { describe, expect, it } from 'vitest';
import { complete, parseLine, parseTimeMove } from '../../../src/dev/playground/commands.js';
import { fromLocal as wallTimeToInstant } from '../../../src/domain/dates/zoned.js';
import { targetOf } from '../../../src/dev/playground/time.js';

const TZ = 'Asia/Makassar';

describe('playground commands', () => {
  it('sends anything that is not a command as text, and ::text as ":text"', () => {
    expect(parseLine('/start')).toEqual({ ok: true, command: { kind: 'text', text: '/start' } });
    expect(parseLine('Andi Rahmawati, S.Sos.')).toEqual({ ok: true, command: { kind: 'text', text: 'Andi Rahmawati, S.Sos.' } });
    expect(parseLine('::) senyum')).toEqual({ ok: true, command: { kind: 'text', text: ':) senyum' } });
  });

  it('parses presses', () => {
    expect(parseLine(':1')).toEqual({ ok: true, command: { kind: 'press', button: 1 } });
    expect(parseLine(':press 12 3')).toEqual({ ok: true, command: { kind: 'press', message: 12, button: 3 } });
    expect(parseLine(':press #12 3')).toEqual({ ok: true, command: { kind: 'press', message: 12, button: 3 } });
  });

  it('parses links to follow', () => {
    expect(parseLine(':open')).toEqual({ ok: true, command: { kind: 'open' } });
    expect(parseLine(':open 19')).toEqual({ ok: true, command: { kind: 'open', message: 19 } });
    expect(parseLine(':open 19 2')).toEqual({ ok: true, command: { kind: 'open', message: 19, link: 2 } });
    expect(parseLine(':open x')).toEqual({ ok: false, error: 'Message must be a number, not "x".' });
  });

  it('parses files to send from disk, as a document or a photo, with an optional caption', () => {
    expect(parseLine(':send scripts/demo-files/sk-bupati.pdf SK Bupati No. 12')).toEqual({
      ok: true,
      command: { kind: 'send', path: 'scripts/demo-files/sk-bupati.pdf', photo: false, caption: 'SK Bupati No. 12' },
    });
    expect(parseLine(':send "my files/SK Bupati.pdf"')).toEqual({ ok: true, command: { kind: 'send', path: 'my files/SK Bupati.pdf', photo: false } });
    expect(parseLine(':photo foto.jpg Sosialisasi')).toEqual({ ok: true, command: { kind: 'send', path: 'foto.jpg', photo: true, caption: 'Sosialisasi' } });
    expect(parseLine(':send')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: :send PATH [caption]') });
  });

  it('explains bad button numbers', () => {
    expect(parseLine(':0')).toEqual({ ok: false, error: 'Buttons are numbered from 1.' });
    expect(parseLine(':press 3')).toMatchObject({ ok: false, error: expect.stringContaining('Usage: :press N M') });
    expect(parseLine(':press x 1')).toEqual({ ok: false, error: 'Message must be a number, not "x".' });
    expect(parseLine(':2 3')).toMatchObject({ ok: false, error: expect.stringContaining(':press N M') });
  });

  it('explains unknown commands, with a guess when one is close', () => {
    expect(parseLine(':usr Budi')).toEqual({ ok: false, error: 'Unknown command :usr. Did you mean :user? Type :help for the list (::usr sends the text ":usr").' });
    expect(parseLine(':foo')).toEqual({ ok: false, error: 'Unknown command :foo. Type :help for the list (::foo sends the text ":foo").' });
    expect(parseLine(':')).toMatchObject({ ok: false });
  });

  it('parses people, groups and topics', () => {
    expect(parseLine(':user  Budi   Santoso ')).toEqual({ ok: true, command: { kind: 'user', name: 'Budi Santoso' } });
    expect(parseLine(':user')).toEqual({ ok: false, error: ':user needs a name, e.g. :user Budi' });
    expect(parseLine(':group Forum Warkop --forum')).toEqual({ ok: true, command: { kind: 'group', name: 'Forum Warkop', forum: true } });
    expect(parseLine(':group Tim Pelaksana')).toEqual({ ok: true, command: { kind: 'group', name: 'Tim Pelaksana', forum: false } });
    expect(parseLine(':group --forum')).toMatchObject({ ok: false });
    expect(parseLine(':topic')).toEqual({ ok: true, command: { kind: 'topic' } });
    expect(parseLine(':topic Ide Baru')).toEqual({ ok: true, command: { kind: 'topic', name: 'Ide Baru' } });
    expect(parseLine(':who now')).toEqual({ ok: false, error: ':who takes no arguments.' });
    expect(parseLine(':quit')).toEqual({ ok: true, command: { kind: 'quit' } });
  });

  it('parses clock moves', () => {
    expect(parseTimeMove('+2h')).toEqual({ by: 7_200_000 });
    expect(parseTimeMove('+1d 2h30m')).toEqual({ by: 86_400_000 + 9_000_000 });
    expect(parseTimeMove('2026-12-03 08:00')).toEqual({ at: { year: 2026, month: 12, day: 3, hour: 8, minute: 0 } });
    expect(parseTimeMove('08.30')).toEqual({ next: { hour: 8, minute: 30 } });
    expect(parseTimeMove('-1h')).toBe('The playground clock only moves forward.');
    expect(parseTimeMove('2026-02-30 08:00')).toBe('2026-02-30 08:00 is not a valid date and time.');
    expect(parseTimeMove('besok')).toMatch(/^Usage: :time/);
    expect(parseLine(':time +2x')).toMatchObject({ ok: false, error: expect.stringMatching(/^Usage: :time/) });
  });

  it('completes command names', () => {
    expect(complete(':gr')).toEqual([[':group'], ':gr']);
    expect(complete('halo')).toEqual([[], 'halo']);
  });
});

describe('playground clock targets (WITA)', () => {
  it('reads wall times in the forum time zone', () => {
    expect(wallTimeToInstant({ year: 2026, month: 12, day: 3, hour: 8, minute: 0 }, TZ).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(wallTimeToInstant({ year: 2026, month: 12, day: 3, hour: 8, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-12-03T07:00:00.000Z');
  });

  it('takes "the next 08:00" as today when it is still ahead, else tomorrow', () => {
    const now = new Date('2026-11-30T01:00:00Z'); // 09.00 WITA
    expect(targetOf({ next: { hour: 10, minute: 0 } }, now, TZ).toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(targetOf({ next: { hour: 8, minute: 0 } }, now, TZ).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(targetOf({ by: 3_600_000 }, now, TZ).toISOString()).toBe('2026-11-30T02:00:00.000Z');
  });
});

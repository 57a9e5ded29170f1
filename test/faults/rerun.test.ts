import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/dev/telegram-double/index.js';
import { engines } from '../helpers/databases.js';
import { useHarness, type Harness, type TestUser } from '../helpers/harness.js';
import { addMembers, setupForum } from '../helpers/sessions.js';
import { injectFault } from '../helpers/faults.js';

/**
 * An update runs again when the bot died after the handler had committed its change but before the
 * journal recorded it as finished (or when its reply could not reach Telegram). Here the second run
 * is forced: the bot stops, the update's journal row is set back to unfinished — exactly what a
 * SIGKILL leaves behind — and a new bot re-runs it at start. The change must not happen twice, and
 * the user gets the answer again (at-least-once replies, exactly-once changes).
 */
async function rerun(h: Harness, update: Update): Promise<void> {
  await h.app.stop('crash');
  await h.database.query('update telegram_updates set handled_at = null where update_id = $1', [update.update_id]);
  await h.startBot();
  await h.settle();
  expect(h.logs.lines.some((l) => l.includes('re-running updates left unfinished'))).toBe(true);
}

function say(h: Harness, user: TestUser, text: string): Update {
  return h.api.sendText(user.user, user.privateChat, text);
}

async function count(h: Harness, table: string, where = 'true'): Promise<number> {
  const [row] = await h.database.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`);
  return row!.n;
}

describe.each(engines)('a re-run update changes data once (%s)', (engine) => {
  const h = useHarness(engine, { adminIds: [900001] });

  it('a one-line pitch: one idea, and the card again', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    const update = say(h, ana, '/usul Getar Dilan — warga menanam sayur di pekarangan rumah');
    await h.settle();
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.includes('Getar Dilan'))).toHaveLength(1);
    await rerun(h, update);
    expect(await count(h, 'ideas')).toBe(1);
    // Not taken for a "similar idea" of itself: the same card again.
    const cards = h.api.botMessages(ana.id).filter((m) => m.text?.includes('Getar Dilan'));
    expect(cards).toHaveLength(2);
    expect(cards[1]!.text).toBe(cards[0]!.text);
  });

  it('a 👍 press: still supported (a toggle run twice would take it back)', async () => {
    const ana = h.user('Ana');
    const budi = h.user('Budi');
    await ana.register('Ana Lestari', 'Dinkes');
    await budi.register('Budi Santoso', 'Dinkes');
    await ana.send('/usul Getar Dilan — warga menanam sayur di pekarangan rumah');
    const card = await budi.ask('/ide 1');
    const press = h.api.pressButton(budi.user, card, 'idea:sup:1');
    await h.settle();
    await rerun(h, press);
    expect(await count(h, 'idea_supports')).toBe(1);
    const [idea] = await h.database.query<{ support_count: number }>('select support_count from ideas where id = 1');
    expect(idea!.support_count).toBe(1);
    // Telegram refuses a second answer to the press ("query is too old"); the re-run carries on regardless.
    const answers = h.api.callbackAnswers.filter((a) => a.callback_query_id === (press as { callback_query?: { id: string } }).callback_query!.id);
    expect(answers.map((a) => a.text)).toEqual(['Terima kasih, dukungan Anda tercatat 👍']);
    expect(h.logs.lines.filter((l) => l.includes('update handler failed'))).toEqual([]);
    expect(h.api.message(budi.id, card.message_id)!.text).toContain('👍 1 pendukung');
  });

  it('a comment, by command and through the dialog: one comment each', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    await ana.send('/usul Getar Dilan — warga menanam sayur di pekarangan rumah');
    const byCommand = say(h, ana, '/komentar 1 Perlu data luas pekarangan per desa');
    await h.settle();
    await rerun(h, byCommand);
    await ana.send('/komentar 1');
    const inDialog = say(h, ana, 'Libatkan PKK di setiap kecamatan');
    await h.settle();
    await rerun(h, inDialog);
    const rows = await h.database.query<{ text: string }>('select text from idea_comments order by id');
    expect(rows.map((r) => r.text)).toEqual(['Perlu data luas pekarangan per desa', 'Libatkan PKK di setiap kecamatan']);
    const [idea] = await h.database.query<{ comment_count: number }>('select comment_count from ideas where id = 1');
    expect(idea!.comment_count).toBe(2);
    // The dialog's answer came again, and the dialog is closed.
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.startsWith('💬 Komentar Anda pada #1 tersimpan (2 komentar)'))).toHaveLength(2);
    expect(await count(h, 'conversations')).toBe(0);
  });

  it('a dialog step: the dialog is put back where the update found it, so the name is not taken for the agency', async () => {
    const citra = h.user('Citra');
    await citra.send('/start');
    await citra.send('/daftar');
    const name = say(h, citra, 'Citra Dewi, S.Sos.');
    await h.settle();
    expect(h.api.lastBotMessage(citra.id)!.text).toContain('Pilih perangkat daerah');
    const before = h.api.botMessages(citra.id).length;
    await rerun(h, name);
    // The same question again — not the name searched for as an agency ("Tidak ada … yang cocok").
    const again = h.api.botMessages(citra.id).slice(before).map((m) => m.text ?? '');
    expect(again).toHaveLength(1);
    expect(again[0]).toContain('Pilih perangkat daerah');
    const [dialog] = await h.database.query<{ step: string; data: { name?: string } }>('select step, data from conversations');
    expect(dialog).toMatchObject({ step: 'agency', data: { name: 'Citra Dewi, S.Sos.' } });
    // And registration finishes normally afterwards.
    const [matches] = await citra.send('Dinas Kesehatan');
    await citra.press('Dinkes', matches);
    expect(h.api.lastBotMessage(citra.id)!.text).toContain('Anda terdaftar');
  });

  it('a broadcast’s Send press: one broadcast, its recipients once', async () => {
    const { ana } = await setupForum(h);
    await addMembers(h, 3);
    await ana.send('/siaran');
    const [choose] = await ana.send('Rapat koordinasi Jumat pagi');
    const { replies } = await ana.press(/Semua anggota aktif/, choose);
    const confirm = replies.at(-1)!;
    const send = h.api.pressButton(ana.user, confirm, 'b:send');
    await h.settle();
    await rerun(h, send);
    await h.runJobs();
    expect(await count(h, 'broadcasts')).toBe(1);
    expect(await count(h, 'broadcast_deliveries')).toBe(4);
    for (const i of [1, 2, 3]) {
      expect(h.api.botMessages(h.user(`Peserta${i}`).id).filter((m) => m.text?.endsWith('Rapat koordinasi Jumat pagi'))).toHaveLength(1);
    }
    expect(h.logs.lines.filter((l) => l.includes('update handler failed'))).toEqual([]);
  });

  it('a one-line session: one session, one set of reminders', async () => {
    const { ana } = await setupForum(h);
    const update = say(h, ana, '/sesi_baru 2026-12-03 09:00 | Aula Bappelitbangda | Bedah proposal KIPP');
    await h.settle();
    const outboxBefore = await count(h, 'outbox');
    await rerun(h, update);
    expect(await count(h, 'sessions')).toBe(1);
    expect(await count(h, 'outbox')).toBe(outboxBefore);
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.startsWith('Sesi #1 dijadwalkan'))).toHaveLength(2);
  });
});

// The dispatcher's part, the same on both engines: one is enough.
describe('a reply Telegram refuses for a while', () => {
  // No retries inside the sender: every 502 reaches the handler at once.
  const h = useHarness('pglite', { env: { SEND_MAX_RETRIES: '0' } });

  it('is sent when Telegram is back: the update runs again, the idea is saved once', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    injectFault(h.api, { method: 'sendMessage', times: 2, fault: { kind: '5xx', status: 502 } });
    say(h, ana, '/usul Getar Dilan — warga menanam sayur di pekarangan rumah');
    await h.settle(30_000);
    expect(h.api.botMessages(ana.id).filter((m) => m.text?.includes('Getar Dilan'))).toHaveLength(1);
    expect(await count(h, 'ideas')).toBe(1);
    expect(h.api.calls.filter((c) => c.method === 'sendMessage' && c.status === 502)).toHaveLength(2);
    expect(h.logs.lines.filter((l) => l.includes('the update will run again'))).toHaveLength(2);
    // Finished marks are written in small batches, a moment after the handler.
    await h.app.stop('test');
    expect(await count(h, 'telegram_updates', 'handled_at is null')).toBe(0);
  });

  it('holds back the chat’s later updates, so they stay in order', async () => {
    const ana = h.user('Ana');
    await ana.register('Ana Lestari', 'Dinkes');
    injectFault(h.api, { method: 'sendMessage', chatId: ana.id, times: 2, fault: { kind: '5xx', status: 503 } });
    say(h, ana, '/usul Getar Dilan — warga menanam sayur di pekarangan rumah');
    say(h, ana, '/usul Rompi Kapeka — kelas pencegahan korupsi untuk aparatur');
    await h.settle(30_000);
    const cards = h.api.botMessages(ana.id).filter((m) => m.text?.includes('Getar Dilan') || m.text?.includes('Rompi Kapeka'));
    expect(cards.map((m) => (m.text!.includes('Getar Dilan') ? 'Getar Dilan' : 'Rompi Kapeka'))).toEqual(['Getar Dilan', 'Rompi Kapeka']);
    const ideas = await h.database.query<{ id: number; name: string }>('select id, name from ideas order by id');
    expect(ideas).toEqual([
      { id: 1, name: 'Getar Dilan' },
      { id: 2, name: 'Rompi Kapeka' },
    ]);
  });
});
